import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CancelOrderMutation, MyOrdersQuery } from '../documents';
import { codedError, describeError, type CodedError } from '../errors';
import type { OrderFieldsFragment } from '../gql/graphql';
import { formatMoney } from '../money';
import { Link, useLocation } from '../router';
import { LoadMore, useCursorPages } from '../paging';
import { ErrorNote, formatDate, Loading, RequireSignIn, StatusBadge } from '../ui';

const PAGE_SIZE = 10;

function OrderCard({ order, highlighted }: { order: OrderFieldsFragment; highlighted: boolean }) {
  const [{ fetching }, cancelOrder] = useMutation(CancelOrderMutation);
  const [error, setError] = useState<CodedError | null>(null);
  const cancel = async () => {
    setError(null);
    const result = await cancelOrder({ id: order.id });
    if (!result.data) setError(codedError(result.error));
  };
  return (
    <li className={highlighted ? 'order highlighted' : 'order'} aria-labelledby={`order-${order.id}`}>
      <div className="order-head">
        <h2 id={`order-${order.id}`}>Order #{order.id}</h2>
        <StatusBadge status={order.status} />
      </div>
      <p className="muted">
        Placed {formatDate(order.createdAt)} · Total <strong>{formatMoney(order.total)}</strong>
      </p>
      <ul className="items">
        {order.items.map((item) => (
          <li key={item.id}>
            {item.quantity} × {item.productName} <span className="muted">at {formatMoney(item.unitPrice)}</span> ={' '}
            {formatMoney(item.lineTotal)}
          </li>
        ))}
      </ul>
      {order.status === 'PENDING' && (
        <button type="button" onClick={() => void cancel()} disabled={fetching}>
          {fetching ? 'Cancelling…' : 'Cancel order'}
          <span className="visually-hidden"> #{order.id}</span>
        </button>
      )}
      <ErrorNote error={error}>{error?.code === 'INVALID_TRANSITION' ? 'This order can no longer be cancelled.' : error && describeError(error)}</ErrorNote>
    </li>
  );
}

function OrderList({ after, placed, isLast, onMore }: { after: string | null; placed: string | null; isLast: boolean; onMore(cursor: string): void }) {
  const [{ data, fetching, error }] = useQuery({ query: MyOrdersQuery, variables: { first: PAGE_SIZE, after }, requestPolicy: 'cache-and-network' });
  if (fetching && !data) return <Loading what="your orders" />;
  if (!data) return <ErrorNote error={codedError(error)} />;
  const { nodes, pageInfo } = data.myOrders;
  if (after === null && nodes.length === 0) {
    return (
      <p>
        No orders yet. <Link to="/">Browse the catalog</Link>
      </p>
    );
  }
  return (
    <>
      <ul className="orders">
        {nodes.map((order) => (
          <OrderCard key={order.id} order={order} highlighted={order.id === placed} />
        ))}
      </ul>
      {isLast && <LoadMore pageInfo={pageInfo} onMore={onMore} />}
    </>
  );
}

export function OrdersPage() {
  const { query } = useLocation();
  const placed = query.get('placed');
  const { cursors, more } = useCursorPages();
  return (
    <RequireSignIn returnTo="/orders">
      <section>
        <h1>My orders</h1>
        {placed && (
          <p className="success" role="status">
            Thank you! Order #{placed} is placed.
          </p>
        )}
        {cursors.map((after, index) => (
          <OrderList
            key={after ?? 'first'}
            after={after}
            placed={placed}
            isLast={index === cursors.length - 1}
            onMore={more}
          />
        ))}
      </section>
    </RequireSignIn>
  );
}
