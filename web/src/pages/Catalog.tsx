import { useEffect, useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { addToCart } from '../cart';
import { CatalogQuery, MoreProductsQuery } from '../documents';
import { codedError, type CodedError } from '../errors';
import { asSort, sortsFor, totalText } from '../catalogList';
import type { ProductCardFieldsFragment } from '../gql/graphql';
import { formatMoney } from '../money';
import { Link, navigate, useLocation } from '../router';
import { useCart, useSession } from '../state';
import { ErrorNote, Loading } from '../ui';

export const PAGE_SIZE = 12;

function ProductCard({ product }: { product: ProductCardFieldsFragment }) {
  const { updateCart } = useCart();
  const [added, setAdded] = useState(false);
  const soldOut = product.stock === 0;
  return (
    <li className="card">
      <p className="category">{product.category}</p>
      <h2>
        <Link to={`/products/${product.id}`}>{product.name}</Link>
      </h2>
      <p className="price">{formatMoney(product.price)}</p>
      <p className={soldOut ? 'stock out' : 'stock'}>{soldOut ? 'Sold out' : product.stock <= 5 ? `Only ${product.stock} left` : 'In stock'}</p>
      <button
        type="button"
        disabled={soldOut}
        aria-label={`Add ${product.name} to cart`}
        onClick={() => {
          updateCart((cart) => addToCart(cart, product));
          setAdded(true);
        }}
      >
        {added ? 'Added ✓' : 'Add to cart'}
      </button>
    </li>
  );
}

export function CatalogPage() {
  const { query } = useLocation();
  const { session, signOut } = useSession();
  const client = useClient();
  const search = query.get('q') ?? '';
  const category = query.get('category') ?? '';
  const sort = asSort(query.get('sort'), search);
  const filters = { search: search || null, category: category || null, sort };
  const [{ data, fetching, error }] = useQuery({ query: CatalogQuery, variables: { first: PAGE_SIZE, ...filters }, requestPolicy: 'cache-and-network' });
  const [draft, setDraft] = useState(search);
  const [more, setMore] = useState<{ nodes: ProductCardFieldsFragment[]; endCursor: string | null; hasNextPage: boolean } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<CodedError | null>(null);

  const filterKey = `${search}\u0000${category}\u0000${sort}`;
  useEffect(() => {
    setMore(null);
    setMoreError(null);
    setDraft(search);
  }, [filterKey, search]);

  // A stored session the API no longer knows (expired, revoked) is dropped.
  useEffect(() => {
    if (data && data.me === null && session) signOut();
  }, [data, session, signOut]);

  const setFilters = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const text = next.toString();
    navigate(text ? `/?${text}` : '/', { replace: true });
  };

  const products = data?.products;
  const pageInfo = more ?? products?.pageInfo;
  const nodes = [...(products?.nodes ?? []), ...(more?.nodes ?? [])];

  const loadMore = async () => {
    if (!pageInfo?.endCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    const result = await client.query(MoreProductsQuery, { first: PAGE_SIZE, after: pageInfo.endCursor, ...filters }).toPromise();
    setLoadingMore(false);
    if (!result.data) {
      setMoreError(codedError(result.error));
      return;
    }
    const page = result.data.products;
    setMore((previous) => ({
      nodes: [...(previous?.nodes ?? []), ...page.nodes],
      endCursor: page.pageInfo.endCursor ?? null,
      hasNextPage: page.pageInfo.hasNextPage,
    }));
  };

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ q: draft.trim() });
  };

  return (
    <section>
      <div className="page-title">
        <h1>Catalog</h1>
        {data?.me && <p className="muted">Signed in as {data.me.email}</p>}
      </div>
      <form className="filters" role="search" onSubmit={onSearch}>
        <div className="field grow">
          <label htmlFor="search">Search</label>
          <input id="search" type="search" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="Name or description" />
        </div>
        <div className="field">
          <label htmlFor="category">Category</label>
          <select id="category" value={category} onChange={(event) => setFilters({ category: event.target.value })}>
            <option value="">All categories</option>
            {data?.categories.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select id="sort" value={sort} onChange={(event) => setFilters({ sort: event.target.value === 'NEWEST' ? '' : event.target.value })}>
            {sortsFor(search).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <ErrorNote error={codedError(error)} />
      {fetching && !data && <Loading what="products" />}
      {products && (
        <>
          <p className="muted" role="status">
            {totalText(nodes.length, products.totalCount, products.totalCountPrecision)}
          </p>
          <ul className="grid" aria-label="Products">
            {nodes.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </ul>
          <ErrorNote error={moreError} />
          {pageInfo?.hasNextPage && (
            <p className="center">
              <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
