import { useState } from 'react';
import { useQuery } from 'urql';
import { addToCart, MAX_QUANTITY } from '../cart';
import { ProductQuery } from '../documents';
import { codedError } from '../errors';
import { formatMoney } from '../money';
import { Link } from '../router';
import { useCart } from '../state';
import { ErrorNote, Loading } from '../ui';

export function ProductPage({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ProductQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const { cart, updateCart } = useCart();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  if (fetching && !data) return <Loading what="the product" />;
  const product = data?.product;
  if (!product || product.archived) {
    return (
      <section>
        <ErrorNote error={codedError(error)} />
        <h1>Product not found</h1>
        <p>
          It may have been removed from the catalog. <Link to="/">Back to the catalog</Link>
        </p>
      </section>
    );
  }
  const inCart = cart.lines.find((line) => line.productId === product.id)?.quantity ?? 0;
  const max = Math.min(product.stock, MAX_QUANTITY);
  return (
    <article className="product">
      <p>
        <Link to="/">← Catalog</Link>
      </p>
      <p className="category">{product.category}</p>
      <h1>{product.name}</h1>
      <p className="price large">{formatMoney(product.price)}</p>
      <p className="description">{product.description || 'No description yet.'}</p>
      <p className={product.stock === 0 ? 'stock out' : 'stock'}>
        {product.stock === 0 ? 'Sold out' : product.stock <= 5 ? `Only ${product.stock} left` : `${product.stock} in stock`}
      </p>
      {product.stock > 0 && (
        <form
          className="add-form"
          onSubmit={(event) => {
            event.preventDefault();
            updateCart((current) => addToCart(current, product, quantity));
            setAdded(true);
          }}
        >
          <div className="field">
            <label htmlFor="quantity">Quantity</label>
            <input
              id="quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={max}
              value={quantity}
              onChange={(event) => setQuantity(Math.max(1, Math.min(max, Number(event.target.value) || 1)))}
            />
          </div>
          <button type="submit" className="primary">
            Add to cart
          </button>
        </form>
      )}
      {added && (
        <p role="status">
          {inCart} in your cart. <Link to="/cart">Go to the cart</Link>
        </p>
      )}
    </article>
  );
}
