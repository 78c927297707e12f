import type { Order, OrderItem, OrderStatus, Product } from '../domain';
import { toCount, toDate, type Db } from './knex';
import { productFromRow } from './products';
import type { IdempotencyKeyRow, OrderItemRow, OrderRow, ProductRow } from './tables';

export interface OrderFilter {
  userId?: number;
  status?: OrderStatus;
}

function orderFromRow(row: OrderRow): Order {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    totalCents: Number(row.total_amount),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function itemFromRow(row: OrderItemRow): OrderItem {
  return {
    id: row.id,
    orderId: row.order_id,
    productId: row.product_id,
    productName: row.product_name,
    quantity: row.quantity,
    unitPriceCents: row.price,
  };
}

function filteredOrders(db: Db, filter: OrderFilter) {
  const query = db('orders');
  if (filter.userId !== undefined) query.where('user_id', filter.userId);
  if (filter.status !== undefined) query.where('status', filter.status);
  return query;
}

export async function findOrdersByIds(db: Db, ids: readonly number[]): Promise<Order[]> {
  const rows: OrderRow[] = await db('orders').whereIn('id', ids);
  return rows.map(orderFromRow);
}

export async function findItemsByOrderIds(db: Db, orderIds: readonly number[]): Promise<OrderItem[]> {
  const rows: OrderItemRow[] = await db('order_items').whereIn('order_id', orderIds).orderBy('id');
  return rows.map(itemFromRow);
}

/**
 * An item row with its product's columns (as the catalog has them now) beside it, prefixed
 * `catalog_`: `product_name` is the item's own copy of the name at purchase.
 */
interface ItemWithProductRow extends OrderItemRow {
  catalog_name: string;
  catalog_description: string;
  catalog_price: number;
  catalog_stock: number;
  catalog_category: string;
  catalog_archived: ProductRow['archived'];
  catalog_created_at: ProductRow['created_at'];
  catalog_updated_at: ProductRow['updated_at'];
}

/** The orders' items and, in the same statement, the products they refer to (archived or not). */
export async function findItemsWithProductsByOrderIds(
  db: Db,
  orderIds: readonly number[],
): Promise<{ items: OrderItem[]; products: Product[] }> {
  const rows: ItemWithProductRow[] = await db('order_items')
    .join('products', 'products.id', 'order_items.product_id')
    .whereIn('order_items.order_id', orderIds)
    .orderBy('order_items.id')
    .select('order_items.*', {
      catalog_name: 'products.name',
      catalog_description: 'products.description',
      catalog_price: 'products.price',
      catalog_stock: 'products.stock',
      catalog_category: 'products.category',
      catalog_archived: 'products.archived',
      catalog_created_at: 'products.created_at',
      catalog_updated_at: 'products.updated_at',
    });
  const products = new Map<number, Product>();
  for (const row of rows) {
    if (products.has(row.product_id)) continue;
    products.set(
      row.product_id,
      productFromRow({
        id: row.product_id,
        name: row.catalog_name,
        description: row.catalog_description,
        price: row.catalog_price,
        stock: row.catalog_stock,
        category: row.catalog_category,
        archived: row.catalog_archived,
        created_at: row.catalog_created_at,
        updated_at: row.catalog_updated_at,
      }),
    );
  }
  return { items: rows.map(itemFromRow), products: [...products.values()] };
}

/** Newest first (ids only grow), after `afterId` when given. */
export async function listOrdersAfter(
  db: Db,
  filter: OrderFilter,
  page: { afterId: number | null; limit: number },
): Promise<Order[]> {
  const query = filteredOrders(db, filter).orderBy('id', 'desc').limit(page.limit);
  if (page.afterId !== null) query.where('id', '<', page.afterId);
  const rows: OrderRow[] = await query;
  return rows.map(orderFromRow);
}

export async function listOrdersAtOffset(
  db: Db,
  filter: OrderFilter,
  page: { offset: number; limit: number },
): Promise<Order[]> {
  const rows: OrderRow[] = await filteredOrders(db, filter).orderBy('id', 'desc').offset(page.offset).limit(page.limit);
  return rows.map(orderFromRow);
}

/**
 * The newest `limit` orders of each of several users in one statement (a window function,
 * MySQL 8 / MariaDB 10.2 / SQLite 3.25), for `users { orders }` without a query per user.
 */
export async function listNewestOrdersOfUsers(
  db: Db,
  userIds: readonly number[],
  filter: { status?: OrderStatus },
  limit: number,
): Promise<Order[]> {
  const ranked = filteredOrders(db, filter)
    .select('*', db.raw('ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY id DESC) AS position'))
    .whereIn('user_id', userIds);
  const rows: OrderRow[] = await db
    .select('*')
    .from(ranked.as('ranked'))
    .where('position', '<=', limit)
    .orderBy('id', 'desc');
  return rows.map(orderFromRow);
}

/** Order counts of several users in one statement; users without orders are absent. */
export async function countOrdersOfUsers(
  db: Db,
  userIds: readonly number[],
  filter: { status?: OrderStatus },
): Promise<Map<number, number>> {
  const rows: { user_id: number; n: unknown }[] = await filteredOrders(db, filter)
    .whereIn('user_id', userIds)
    .groupBy('user_id')
    .select('user_id')
    .count({ n: '*' });
  return new Map(rows.map((row) => [row.user_id, Number(row.n)]));
}

export async function countOrders(db: Db, filter: OrderFilter): Promise<number> {
  return toCount(await filteredOrders(db, filter).count({ n: '*' }).first());
}

/** Units held by the user's PENDING (unpaid) orders, all lines together. */
export async function unpaidUnitsOfUser(db: Db, userId: number): Promise<number> {
  const row: { n?: unknown } | undefined = await db('order_items')
    .join('orders', 'orders.id', 'order_items.order_id')
    .where({ 'orders.user_id': userId, 'orders.status': 'pending' })
    .first(db.raw('COALESCE(SUM(order_items.quantity), 0) AS n'));
  return toCount(row);
}

/** The oldest PENDING orders created before `before`, oldest first (ids grow with time). */
export async function findPendingOrdersCreatedBefore(db: Db, before: Date, limit: number): Promise<Order[]> {
  const rows: OrderRow[] = await db('orders')
    .where('status', 'pending')
    .andWhere('created_at', '<', before)
    .orderBy('id')
    .limit(limit);
  return rows.map(orderFromRow);
}

/** The order row alone (status pending), as stored; its items follow with insertOrderItems. */
export async function insertOrder(db: Db, order: { userId: number; totalCents: number }): Promise<Order> {
  const now = new Date(); // DATETIME(3) keeps the milliseconds: the row holds this very instant
  const [id] = await db('orders').insert({
    user_id: order.userId,
    total_amount: order.totalCents,
    status: 'pending',
    created_at: now,
    updated_at: now,
  });
  return { id: Number(id), userId: order.userId, status: 'pending', totalCents: order.totalCents, createdAt: now, updatedAt: now };
}

export async function insertOrderItems(
  db: Db,
  orderId: number,
  items: readonly Omit<OrderItem, 'id' | 'orderId'>[],
): Promise<void> {
  await db('order_items').insert(
    items.map((item) => ({
      order_id: orderId,
      product_id: item.productId,
      product_name: item.productName,
      quantity: item.quantity,
      price: item.unitPriceCents,
    })),
  );
}

/**
 * Moves an order to `to` only if its status is still one of `from`: of two concurrent
 * transitions exactly one sees `true`.
 */
export async function transitionOrder(db: Db, id: number, from: OrderStatus[], to: OrderStatus): Promise<boolean> {
  const changed = await db('orders')
    .where({ id })
    .whereIn('status', from)
    .update({ status: to, updated_at: new Date() });
  return changed > 0;
}

/**
 * Claims an idempotency key for a user. Throws a unique violation when the key is taken;
 * on MySQL a concurrent claim waits here until the first transaction ends.
 */
export async function claimIdempotencyKey(db: Db, userId: number, key: string, requestHash: string): Promise<void> {
  await db('idempotency_keys').insert({
    user_id: userId,
    idempotency_key: key,
    request_hash: requestHash,
    order_id: null,
    created_at: new Date(),
  });
}

export async function attachOrderToIdempotencyKey(db: Db, userId: number, key: string, orderId: number): Promise<void> {
  await db('idempotency_keys').where({ user_id: userId, idempotency_key: key }).update({ order_id: orderId });
}

export async function findIdempotencyKey(
  db: Db,
  userId: number,
  key: string,
): Promise<{ requestHash: string; orderId: number | null } | null> {
  const row: IdempotencyKeyRow | undefined = await db('idempotency_keys')
    .where({ user_id: userId, idempotency_key: key })
    .first();
  return row ? { requestHash: row.request_hash, orderId: row.order_id } : null;
}
