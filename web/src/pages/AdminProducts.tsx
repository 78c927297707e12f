import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { AdminProductsQuery, CreateProductMutation, DeleteProductMutation, ProductQuery, UpdateProductMutation } from '../documents';
import { codedError, describeError, fieldOf, type CodedError } from '../errors';
import { formatMoney } from '../money';
import { Link, navigate } from '../router';
import { LoadMore, useCursorPages } from '../paging';
import { ErrorNote, Loading, RequireSignIn } from '../ui';

const PAGE_SIZE = 20;

function ProductRows({ after, search, isLast, onMore }: { after: string | null; search: string; isLast: boolean; onMore(cursor: string): void }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AdminProductsQuery,
    variables: { first: PAGE_SIZE, after, search: search || null },
    requestPolicy: 'cache-and-network',
  });
  const [deleting, deleteProduct] = useMutation(DeleteProductMutation);
  const [deleteError, setDeleteError] = useState<CodedError | null>(null);
  if (fetching && !data) return <Loading what="products" />;
  if (!data) return <ErrorNote error={codedError(error)} />;
  const remove = async (id: string, name: string) => {
    if (!window.confirm(`Delete "${name}"? Products in past orders are archived instead.`)) return;
    setDeleteError(null);
    const result = await deleteProduct({ id });
    if (!result.data) setDeleteError(codedError(result.error));
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      {after === null && <p className="muted">{data.products.totalCount} products</p>}
      <ErrorNote error={deleteError} />
      <table className="lines admin">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Category</th>
            <th scope="col">Price</th>
            <th scope="col">Stock</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data.products.nodes.map((product) => (
            <tr key={product.id}>
              <td data-label="Name">{product.name}</td>
              <td data-label="Category">{product.category}</td>
              <td data-label="Price">{formatMoney(product.price)}</td>
              <td data-label="Stock">{product.stock}</td>
              <td>
                <div className="actions">
                  <Link to={`/admin/products/${product.id}`} aria-label={`Edit ${product.name}`}>
                    Edit
                  </Link>
                  <button type="button" className="link-button danger" disabled={deleting.fetching} onClick={() => void remove(product.id, product.name)} aria-label={`Delete ${product.name}`}>
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isLast && <LoadMore pageInfo={data.products.pageInfo} onMore={onMore} />}
    </>
  );
}

export function AdminProductsPage() {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const { cursors, more, reset } = useCursorPages();
  return (
    <RequireSignIn admin returnTo="/admin/products">
      <section>
        <div className="page-title">
          <h1>Products</h1>
          <Link to="/admin/products/new" className="button primary">
            New product
          </Link>
        </div>
        <form
          className="filters"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setSearch(draft.trim());
            reset();
          }}
        >
          <div className="field grow">
            <label htmlFor="admin-search">Search products</label>
            <input id="admin-search" type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
          </div>
          <button type="submit">Search</button>
        </form>
        {cursors.map((after, index) => (
          <ProductRows
            key={`${search}:${after ?? ''}`}
            after={after}
            search={search}
            isLast={index === cursors.length - 1}
            onMore={more}
          />
        ))}
      </section>
    </RequireSignIn>
  );
}

interface ProductForm {
  name: string;
  description: string;
  price: string;
  stock: string;
  category: string;
}

const EMPTY_FORM: ProductForm = { name: '', description: '', price: '', stock: '0', category: '' };
const FIELDS: { key: keyof ProductForm; label: string; hint?: string }[] = [
  { key: 'name', label: 'Name', hint: '1 to 200 characters.' },
  { key: 'category', label: 'Category', hint: 'For example Electronics.' },
  { key: 'price', label: 'Price', hint: 'In dollars, e.g. 19.99.' },
  { key: 'stock', label: 'Stock', hint: 'Units available to sell.' },
  { key: 'description', label: 'Description' },
];

function ProductEditor({ id, initial }: { id: string | null; initial: ProductForm }) {
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<CodedError | null>(null);
  const [created, createProduct] = useMutation(CreateProductMutation);
  const [updated, updateProduct] = useMutation(UpdateProductMutation);
  const busy = created.fetching || updated.fetching;
  useEffect(() => setForm(initial), [initial]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const stock = Number(form.stock);
    if (form.stock.trim() === '' || !Number.isInteger(stock)) {
      setError({ code: 'BAD_USER_INPUT', message: 'Stock must be a whole number.', extensions: { field: 'stock' } });
      return;
    }
    const input = { name: form.name, description: form.description, price: form.price.trim(), stock, category: form.category };
    const result = id === null ? await createProduct({ input }) : await updateProduct({ id, input });
    if (!result.data) {
      setError(codedError(result.error));
      return;
    }
    navigate('/admin/products');
  };

  const field = fieldOf(error);
  return (
    <form onSubmit={(event) => void submit(event)} className="editor" noValidate>
      {FIELDS.map(({ key, label, hint }) => {
        const invalid = field !== null && (field === key || field.endsWith(`.${key}`));
        const describedBy = [hint && `${key}-hint`, invalid && `${key}-error`].filter(Boolean).join(' ') || undefined;
        const common = {
          id: key,
          value: form[key],
          'aria-invalid': invalid || undefined,
          'aria-describedby': describedBy,
        };
        return (
          <div className="field" key={key}>
            <label htmlFor={key}>{label}</label>
            {key === 'description' ? (
              <textarea {...common} rows={4} onChange={(event) => setForm({ ...form, [key]: event.target.value })} />
            ) : (
              <input
                {...common}
                type="text"
                inputMode={key === 'price' ? 'decimal' : key === 'stock' ? 'numeric' : undefined}
                required
                onChange={(event) => setForm({ ...form, [key]: event.target.value })}
              />
            )}
            {hint && (
              <p className="hint" id={`${key}-hint`}>
                {hint}
              </p>
            )}
            {invalid && error && (
              <p className="error" id={`${key}-error`}>
                {error.message}
              </p>
            )}
          </div>
        );
      })}
      {error && !field && <ErrorNote error={error}>{describeError(error)}</ErrorNote>}
      {error && field && (
        <p className="error" role="alert">
          Please correct the {field.split('.').pop()} field.
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : id === null ? 'Create product' : 'Save changes'}
        </button>
        <Link to="/admin/products">Cancel</Link>
      </div>
    </form>
  );
}

function ExistingProduct({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ProductQuery, variables: { id }, requestPolicy: 'network-only' });
  const [initial, setInitial] = useState<ProductForm | null>(null);
  const product = data?.product;
  useEffect(() => {
    if (product) {
      setInitial({ name: product.name, description: product.description, price: product.price, stock: String(product.stock), category: product.category });
    }
  }, [product]);
  if (fetching && !data) return <Loading what="the product" />;
  if (!product) return <ErrorNote error={codedError(error) ?? { code: 'NOT_FOUND', message: 'Product not found', extensions: {} }} />;
  return initial && <ProductEditor id={id} initial={initial} />;
}

export function AdminProductEditPage({ id }: { id: string | null }) {
  return (
    <RequireSignIn admin returnTo={id === null ? '/admin/products/new' : `/admin/products/${id}`}>
      <section className="narrow">
        <p>
          <Link to="/admin/products">← Products</Link>
        </p>
        <h1>{id === null ? 'New product' : 'Edit product'}</h1>
        {id === null ? <ProductEditor id={null} initial={EMPTY_FORM} /> : <ExistingProduct id={id} />}
      </section>
    </RequireSignIn>
  );
}
