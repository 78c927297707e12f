import { createHash } from 'node:crypto';
import { isUniqueViolation } from '../db/knex';
import {
  countOrders,
  findIdempotencyKey,
  findOrdersByIds,
  listOrdersAfter,
  listOrdersAtOffset,
  transitionOrder,
  type OrderFilter,
} from '../db/orders';
import type { Order, OrderConnection, OrderItem, OrderStatus, User } from '../domain';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { parseId, text } from '../validation';
import { cancelAndRestock } from './orderCancellation';
import { checkLines, placeOrderTransaction, type OrderLineArgs } from './orderPlacing';
import { checkFirst, connectionFrom, decodeCursor, encodeCursor, isIdCursor, offsetPage } from './pagination';
import { requireAdmin, requireUser, type RequestScope } from './scope';

/** Characters of an Idempotency-Key (the column's width). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The one move forward from each status; cancelling is separate (see cancel). */
const NEXT_STATUS: Record<OrderStatus, OrderStatus | null> = {
  pending: 'paid',
  paid: 'shipped',
  shipped: 'delivered',
  delivered: null,
  cancelled: null,
};

export interface OrderListArgs {
  first: number;
  after?: string | null;
  status?: OrderStatus | null;
}

export function createOrderService({ db, read, config, loaders, logger, viewer, signedIn }: RequestScope) {
  /** The order if the viewer may see it; NOT_FOUND otherwise, so nobody learns that it exists. */
  async function visibleOrder(id: number): Promise<Order> {
    const user = requireUser(viewer);
    const order = await loaders.orderById.load(id);
    if (!order || (user.role !== 'admin' && order.userId !== user.id)) throw notFound('Order');
    return order;
  }

  /** Reads an order again after a write (the loader may hold the old row). */
  async function reload(id: number): Promise<Order> {
    loaders.orderById.clear(id);
    const [order] = await findOrdersByIds(db, [id]);
    if (!order) throw notFound('Order');
    loaders.orderById.prime(id, order);
    return order;
  }

  async function list(filter: OrderFilter, args: OrderListArgs): Promise<OrderConnection> {
    const first = checkFirst(args.first);
    const afterId = args.after ? decodeCursor(args.after, isIdCursor).id : null;
    const fullFilter = { ...filter, ...(args.status && { status: args.status }) };
    const rows = await read((db) => listOrdersAfter(db, fullFilter, { afterId, limit: first + 1 }));
    for (const order of rows) loaders.orderById.prime(order.id, order);
    return connectionFrom(rows, first, cursorOf, () => read((db) => countOrders(db, fullFilter)));
  }

  /** A replay of an earlier request with the same key, or null when the key is new. */
  async function replay(user: User, key: string, requestHash: string): Promise<Order | null> {
    const claimed = await findIdempotencyKey(db, user.id, key);
    if (!claimed?.orderId) return null;
    if (claimed.requestHash !== requestHash) {
      throw conflict('This idempotency key was already used for an order with different items');
    }
    return reload(claimed.orderId);
  }

  async function cancel(id: number): Promise<Order> {
    const user = requireUser(viewer);
    const order = await visibleOrder(id);
    const from: OrderStatus[] = user.role === 'admin' ? ['pending', 'paid'] : ['pending'];
    if (!from.includes(order.status)) throw cannotCancel(order.status, user);

    // Only the call that flips the status restocks: concurrent cancels (and expiry) restock once.
    const cancelled = await cancelAndRestock(db, id, from, logger);
    const current = await reload(id);
    if (!cancelled) throw cannotCancel(current.status, user);
    return current;
  }

  return {
    async get(id: string): Promise<Order> {
      return visibleOrder(parseId(id));
    },

    /** Items of orders the viewer was already allowed to see, batched. */
    items(order: Order): Promise<OrderItem[]> {
      return loaders.itemsByOrderId.load(order.id);
    },

    mine(args: OrderListArgs): Promise<OrderConnection> {
      return list({ userId: requireUser(viewer).id }, args);
    },

    /** Admin: every order, or one user's. */
    all(args: OrderListArgs & { userId?: string | null }): Promise<OrderConnection> {
      requireAdmin(viewer);
      return list(args.userId ? { userId: parseId(args.userId, 'userId') } : {}, args);
    },

    /**
     * `User.orders`: the user themself, an admin, or a user this request signed in (the payload of
     * register or login). First pages are batched across users (a list of users with their orders
     * costs two queries, not two per user); later pages are not.
     */
    async ofUser(userId: number, args: OrderListArgs): Promise<OrderConnection> {
      if (!signedIn.has(userId)) {
        const user = requireUser(viewer);
        if (user.role !== 'admin' && user.id !== userId) throw forbidden("Only admins can see other users' orders");
      }
      if (args.after) return list({ userId }, args);
      const first = checkFirst(args.first);
      const status = args.status ?? null;
      const rows = await loaders.newestOrdersOfUser.load({ userId, status, limit: first + 1 });
      for (const order of rows) loaders.orderById.prime(order.id, order);
      return connectionFrom(rows, first, cursorOf, () => loaders.orderCountOfUser.load({ userId, status }));
    },

    /** Offset pagination for the legacy REST API: the viewer's orders, or all for an admin. */
    async page(args: { page: number; limit: number }) {
      const user = requireUser(viewer);
      const rows = offsetPage(args);
      const filter = user.role === 'admin' ? {} : { userId: user.id };
      const [orders, total] = await Promise.all([
        read((db) => listOrdersAtOffset(db, filter, rows)),
        read((db) => countOrders(db, filter)),
      ]);
      return { orders, total };
    },

    /**
     * One transaction (orderPlacing.ts): every line's stock is taken, or none, at the price the
     * order copies; the total is computed here. With an idempotency key, a retry returns the
     * first order (`replayed: true`) and changes nothing.
     */
    async place(input: { items: OrderLineArgs[]; idempotencyKey?: string | null }) {
      const user = requireUser(viewer);
      const lines = checkLines(input.items);
      const key = input.idempotencyKey == null ? null : text(input.idempotencyKey, 'idempotencyKey', 1, MAX_IDEMPOTENCY_KEY_LENGTH);
      const requestHash = createHash('sha256').update(JSON.stringify(lines)).digest('hex');

      if (key) {
        const earlier = await replay(user, key, requestHash);
        if (earlier) return { order: earlier, replayed: true };
      }
      try {
        const order = await placeOrderTransaction(db, logger, {
          userId: user.id,
          lines,
          key,
          requestHash,
          maxUnpaidUnits: config.maxUnpaidUnitsPerUser,
        });
        // Nobody else has seen the new order yet: it is answered as written, not read back.
        loaders.orderById.prime(order.id, order);
        return { order, replayed: false };
      } catch (error) {
        // A concurrent request with the same key committed first: answer as its replay.
        if (key && isUniqueViolation(error)) {
          const earlier = await replay(user, key, requestHash);
          if (earlier) return { order: earlier, replayed: true };
        }
        throw error;
      }
    },

    async cancel(id: string): Promise<Order> {
      return cancel(parseId(id));
    },

    /** Admin: one step forward (PENDING → PAID → SHIPPED → DELIVERED), or CANCELLED as in cancel. */
    async updateStatus(id: string, to: OrderStatus): Promise<Order> {
      requireAdmin(viewer);
      const order = await visibleOrder(parseId(id));
      if (to === 'cancelled') return cancel(order.id);
      if (NEXT_STATUS[order.status] !== to || !(await transitionOrder(db, order.id, [order.status], to))) {
        const current = await reload(order.id);
        throw new AppError(
          'INVALID_TRANSITION',
          `An order that is ${current.status.toUpperCase()} cannot become ${to.toUpperCase()}`,
        );
      }
      return reload(order.id);
    },
  };
}

export type OrderService = ReturnType<typeof createOrderService>;

/** Order lists are newest first by id, so the id alone places a page. */
function cursorOf(order: Order): string {
  return encodeCursor({ id: order.id });
}

function cannotCancel(status: OrderStatus, user: User): AppError {
  const who = user.role === 'admin' ? 'pending or paid orders' : 'pending orders';
  return new AppError(
    'INVALID_TRANSITION',
    `This order is ${status.toUpperCase()} and cannot be cancelled (only ${who} can be)`,
  );
}
