import { useState } from 'react';
import { useMutation } from 'urql';
import { beginCheckout, emptyCart, itemCount, orderLines, randomKey, removeFromCart, setQuantity, subtotalCents, MAX_QUANTITY } from '../cart';
import { PlaceOrderMutation } from '../documents';
import { codedError, describeError, type CodedError } from '../errors';
import { formatCents, formatMoney, toCents } from '../money';
import { Link, navigate } from '../router';
import { useCart, useSession } from '../state';

interface Shortage {
  productId: string;
  available: number;
}

function checkoutMessage(error: CodedError, shortage: Shortage | null, name: string | undefined): string {
  if (shortage) {
    return shortage.available === 0
      ? `${name ?? 'One product'} is sold out. Remove it to place your order.`
      : `Only ${shortage.available} left of ${name ?? 'one product'}. Lower the quantity to place your order.`;
  }
  if (error.code === 'NOT_FOUND') return 'A product in your cart is no longer sold. Remove it to place your order.';
  if (error.code === 'CONFLICT' && typeof error.extensions.limit === 'number') {
    return `At most ${error.extensions.limit} items can wait for payment, and your unpaid orders hold ${Number(error.extensions.held)}. Cancel an unpaid order in My orders, or wait until one is paid.`;
  }
  if (error.code === 'CONFLICT') return 'This cart changed since your last attempt. Please try again.';
  if (error.code === 'NETWORK') return 'Could not reach the shop. Your order may not be placed yet: try again, it will not be placed twice.';
  return describeError(error);
}

export function CartPage() {
  const { cart, updateCart } = useCart();
  const { session } = useSession();
  const [{ fetching }, placeOrder] = useMutation(PlaceOrderMutation);
  const [error, setError] = useState<CodedError | null>(null);
  const [shortage, setShortage] = useState<Shortage | null>(null);

  const checkout = async () => {
    if (fetching) return;
    setError(null);
    setShortage(null);
    // The key is made on the first attempt and kept (in localStorage, with the cart) until the
    // cart changes or the order is placed: a retry after a lost answer returns the same order.
    const attempt = updateCart((current) => beginCheckout(current, randomKey));
    const result = await placeOrder({ input: { items: orderLines(attempt), idempotencyKey: attempt.checkoutKey } });
    const order = result.data?.placeOrder;
    if (order) {
      updateCart((current) => (current.checkoutKey === attempt.checkoutKey ? emptyCart() : current));
      navigate(`/orders?placed=${encodeURIComponent(order.id)}`);
      return;
    }
    const coded = codedError(result.error);
    setError(coded);
    if (coded?.code === 'INSUFFICIENT_STOCK') {
      setShortage({ productId: String(coded.extensions.productId), available: Number(coded.extensions.available ?? 0) });
    }
  };

  if (cart.lines.length === 0) {
    return (
      <section>
        <h1>Your cart</h1>
        <p>
          Your cart is empty. <Link to="/">Browse the catalog</Link>
        </p>
      </section>
    );
  }

  const shortName = shortage ? cart.lines.find((line) => line.productId === shortage.productId)?.name : undefined;
  const count = itemCount(cart);
  return (
    <section>
      <h1>Your cart</h1>
      <table className="lines">
        <caption className="visually-hidden">Products in your cart</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Total</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cart.lines.map((line) => {
            const short = shortage?.productId === line.productId;
            return (
              <tr key={line.productId} className={short ? 'short' : undefined}>
                <td data-label="Product">
                  <Link to={`/products/${line.productId}`}>{line.name}</Link>
                  {short && (
                    <p className="error" id={`short-${line.productId}`}>
                      {shortage.available === 0 ? 'Sold out' : `Only ${shortage.available} left`}
                    </p>
                  )}
                </td>
                <td data-label="Price">{formatMoney(line.price)}</td>
                <td data-label="Quantity">
                  <label className="visually-hidden" htmlFor={`qty-${line.productId}`}>
                    Quantity of {line.name}
                  </label>
                  <input
                    id={`qty-${line.productId}`}
                    className="qty"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={MAX_QUANTITY}
                    value={line.quantity}
                    aria-invalid={short || undefined}
                    aria-describedby={short ? `short-${line.productId}` : undefined}
                    onChange={(event) => {
                      const quantity = Number(event.target.value);
                      if (Number.isInteger(quantity) && quantity >= 1) updateCart((current) => setQuantity(current, line.productId, quantity));
                    }}
                  />
                </td>
                <td data-label="Total">{formatCents(toCents(line.price) * line.quantity)}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => updateCart((current) => removeFromCart(current, line.productId))}>
                    Remove<span className="visually-hidden"> {line.name}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="summary">
        <p>
          {count} item{count === 1 ? '' : 's'} · Subtotal <strong>{formatCents(subtotalCents(cart))}</strong>
        </p>
        <p className="hint">The total is confirmed when the order is placed, at the shop&apos;s current prices.</p>
        {error && (
          <p className="error" role="alert">
            {checkoutMessage(error, shortage, shortName)}
          </p>
        )}
        {session ? (
          <button type="button" className="primary" onClick={() => void checkout()} disabled={fetching} aria-busy={fetching}>
            {fetching ? 'Placing your order…' : 'Place order'}
          </button>
        ) : (
          <p>
            <Link to="/signin?next=%2Fcart" className="button primary">
              Sign in to place your order
            </Link>
          </p>
        )}
      </div>
    </section>
  );
}
