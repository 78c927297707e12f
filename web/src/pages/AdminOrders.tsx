import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { AdminOrdersQuery, UpdateOrderStatusMutation } from '../documents';
import { codedError, describeError, type CodedError } from '../errors';
import type { AdminOrdersQuery as AdminOrdersResult, OrderStatus } from '../gql/graphql';
import { formatMoney } from '../money';
import { LoadMore, useCursorPages } from '../paging';
import { ErrorNote, formatDate, Loading, RequireSignIn, StatusBadge } from '../ui';

const PAGE_SIZE = 20;
const STATUSES: OrderStatus[] = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

/** The moves the API allows an admin (updateOrderStatus). */
const NEXT: Record<OrderStatus, { status: OrderStatus; label: string }[]> = {
  PENDING: [
    { status: 'PAID', label: 'Mark paid' },
    { status: 'CANCELLED', label: 'Cancel' },
  ],
  PAID: [
    { status: 'SHIPPED', label: 'Mark shipped' },
    { status: 'CANCELLED', label: 'Cancel' },
  ],
  SHIPPED: [{ status: 'DELIVERED', label: 'Mark delivered' }],
  DELIVERED: [],
  CANCELLED: [],
};

type AdminOrder = AdminOrdersResult['orders']['nodes'][number];

function OrderRow({ order }: { order: AdminOrder }) {
  const [{ fetching }, updateStatus] = useMutation(UpdateOrderStatusMutation);
  const [error, setError] = useState<CodedError | null>(null);
  const move = async (status: OrderStatus) => {
    setError(null);
    const result = await updateStatus({ id: order.id, status });
    if (!result.data) setError(codedError(result.error));
  };
  return (
    <tr>
      <td data-label="Order">#{order.id}</td>
      <td data-label="Customer">{order.user.email}</td>
      <td data-label="Placed">{formatDate(order.createdAt)}</td>
      <td data-label="Items">{order.items.map((item) => `${item.quantity} × ${item.productName}`).join(', ')}</td>
      <td data-label="Total">{formatMoney(order.total)}</td>
      <td data-label="Status">
        <StatusBadge status={order.status} />
      </td>
      <td>
        <div className="actions">
          {NEXT[order.status].map((next) => (
            <button type="button" key={next.status} disabled={fetching} onClick={() => void move(next.status)} aria-label={`${next.label}: order #${order.id}`}>
              {next.label}
            </button>
          ))}
          <ErrorNote error={error}>{error?.code === 'INVALID_TRANSITION' ? 'Not allowed from this status.' : error && describeError(error)}</ErrorNote>
        </div>
      </td>
    </tr>
  );
}

function OrderRows({ after, status, isLast, onMore }: { after: string | null; status: OrderStatus | null; isLast: boolean; onMore(cursor: string): void }) {
  const [{ data, fetching, error }] = useQuery({
    query: AdminOrdersQuery,
    variables: { first: PAGE_SIZE, after, status },
    requestPolicy: 'cache-and-network',
  });
  if (fetching && !data) return <Loading what="orders" />;
  if (!data) return <ErrorNote error={codedError(error)} />;
  const { nodes, pageInfo, totalCount } = data.orders;
  return (
    <>
      {after === null && <p className="muted">{totalCount === 0 ? 'No orders.' : `${totalCount} orders`}</p>}
      {nodes.length > 0 && (
        <table className="lines admin">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Customer</th>
              <th scope="col">Placed</th>
              <th scope="col">Items</th>
              <th scope="col">Total</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((order) => (
              <OrderRow key={order.id} order={order} />
            ))}
          </tbody>
        </table>
      )}
      {isLast && <LoadMore pageInfo={pageInfo} onMore={onMore} />}
    </>
  );
}

export function AdminOrdersPage() {
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const { cursors, more, reset } = useCursorPages();
  return (
    <RequireSignIn admin returnTo="/admin/orders">
      <section>
        <h1>Orders</h1>
        <div className="filters">
          <div className="field">
            <label htmlFor="status-filter">Status</label>
            <select
              id="status-filter"
              value={status ?? ''}
              onChange={(event) => {
                setStatus(STATUSES.find((candidate) => candidate === event.target.value) ?? null);
                reset();
              }}
            >
              <option value="">All statuses</option>
              {STATUSES.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {candidate.charAt(0) + candidate.slice(1).toLowerCase()}
                </option>
              ))}
            </select>
          </div>
        </div>
        {cursors.map((after, index) => (
          <OrderRows
            key={`${status ?? ''}:${after ?? ''}`}
            after={after}
            status={status}
            isLast={index === cursors.length - 1}
            onMore={more}
          />
        ))}
      </section>
    </RequireSignIn>
  );
}
