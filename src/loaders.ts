import DataLoader from 'dataloader';
import { findItemsByOrderIds, findOrdersByIds } from './db/orders';
import { findProductsByIds } from './db/products';
import { findUsersByIds } from './db/users';
import type { Db } from './db/knex';
import type { Order, OrderItem, Product, User } from './domain';
import { notFound } from './errors';

// A fresh set per request: loaders cache, and a cache shared across requests would leak data
// between users and serve stale rows.
export function createLoaders(db: Db) {
  return {
    userById: new DataLoader<number, User | null>((ids) => findUsersByIds(db, ids).then(byId(ids))),
    productById: new DataLoader<number, Product | null>((ids) => findProductsByIds(db, ids).then(byId(ids))),
    orderById: new DataLoader<number, Order | null>((ids) => findOrdersByIds(db, ids).then(byId(ids))),
    itemsByOrderId: new DataLoader<number, OrderItem[]>((ids) => findItemsByOrderIds(db, ids).then(groupedBy(ids))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** DataLoader wants results in key order, null for misses. */
function byId<T extends { id: number }>(ids: readonly number[]) {
  return (rows: T[]): (T | null)[] => {
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  };
}

/** For one-to-many loads: every key gets its (possibly empty) list. */
function groupedBy(orderIds: readonly number[]) {
  return (items: OrderItem[]): OrderItem[][] => {
    const groups = new Map<number, OrderItem[]>(orderIds.map((id) => [id, []]));
    for (const item of items) groups.get(item.orderId)?.push(item);
    return orderIds.map((id) => groups.get(id) ?? []);
  };
}

/** For rows a foreign key guarantees: a miss is a NOT_FOUND rather than a null in a non-null field. */
export async function loadExisting<V>(loader: DataLoader<number, V | null>, id: number, what: string): Promise<V> {
  const value = await loader.load(id);
  if (value === null) throw notFound(what);
  return value;
}
