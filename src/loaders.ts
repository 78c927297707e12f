import DataLoader from 'dataloader';
import {
  countOrdersOfUsers,
  findItemsWithProductsByOrderIds,
  findOrdersByIds,
  listNewestOrdersOfUsers,
} from './db/orders';
import { findProductsByIds } from './db/products';
import { findUsersByIds } from './db/users';
import type { Reader } from './db/readRouting';
import type { Order, OrderItem, OrderStatus, Product, User } from './domain';
import { notFound } from './errors';

// A fresh set per request: loaders cache, and a cache shared across requests would leak data
// between users and serve stale rows. `batching: false` (DATALOADER_BATCHING=off) makes every
// load its own query, uncached: the N+1 behaviour the benchmark compares against.
export function createLoaders(read: Reader, { batching = true }: { batching?: boolean } = {}) {
  const options = batching ? {} : { batch: false, cache: false };
  const productById = new DataLoader<number, Product | null>((ids) => read((db) => findProductsByIds(db, ids)).then(byId(ids)), options);
  return {
    userById: new DataLoader<number, User | null>((ids) => read((db) => findUsersByIds(db, ids)).then(byId(ids)), options),
    productById,
    orderById: new DataLoader<number, Order | null>((ids) => read((db) => findOrdersByIds(db, ids)).then(byId(ids)), options),
    // The items' products come in the same statement and are primed: `item.product` costs no
    // query of its own (with caching off, prime keeps nothing and each product is loaded alone).
    itemsByOrderId: new DataLoader<number, OrderItem[]>(async (ids) => {
      const { items, products } = await read((db) => findItemsWithProductsByOrderIds(db, ids));
      for (const product of products) productById.prime(product.id, product);
      return groupedBy(ids)(items);
    }, options),
    /** `users { orders(first) }`: the first page of every listed user's orders in one query. */
    newestOrdersOfUser: new DataLoader<UserOrdersKey & { limit: number }, Order[], string>(
      (keys) =>
        perUser(keys, async (userIds, { status, limit }) => {
          const orders = await read((db) => listNewestOrdersOfUsers(db, userIds, { status: status ?? undefined }, limit));
          return userIds.map((userId) => orders.filter((order) => order.userId === userId));
        }),
      { cacheKeyFn: (key) => JSON.stringify(key), ...options },
    ),
    orderCountOfUser: new DataLoader<UserOrdersKey, number, string>(
      (keys) =>
        perUser(keys, async (userIds, { status }) => {
          const counts = await read((db) => countOrdersOfUsers(db, userIds, { status: status ?? undefined }));
          return userIds.map((userId) => counts.get(userId) ?? 0);
        }),
      { cacheKeyFn: (key) => JSON.stringify(key), ...options },
    ),
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

interface UserOrdersKey {
  userId: number;
  status: OrderStatus | null;
}

/**
 * Batches keys that differ only by user: one call of `load` per set of other arguments (in
 * practice one, as a query asks every user's orders with the same arguments).
 */
async function perUser<K extends UserOrdersKey, V>(
  keys: readonly K[],
  load: (userIds: number[], args: Omit<K, 'userId'>) => Promise<V[]>,
): Promise<V[]> {
  const groups = new Map<string, { args: Omit<K, 'userId'>; indexes: number[] }>();
  keys.forEach(({ userId: _userId, ...args }, index) => {
    const group = groups.get(JSON.stringify(args)) ?? { args, indexes: [] };
    group.indexes.push(index);
    groups.set(JSON.stringify(args), group);
  });
  const results = new Array<V>(keys.length);
  for (const { args, indexes } of groups.values()) {
    const values = await load(indexes.map((index) => keys[index]!.userId), args);
    indexes.forEach((index, position) => (results[index] = values[position]!));
  }
  return results;
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
