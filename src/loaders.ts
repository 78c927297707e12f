import DataLoader from 'dataloader';
import { findProductsByIds } from './db/products';
import { findUsersByIds } from './db/users';
import type { Db } from './db/knex';
import type { Product, User } from './domain';

// A fresh set per request: loaders cache, and a cache shared across requests would leak data
// between users and serve stale rows.
export function createLoaders(db: Db) {
  return {
    userById: new DataLoader<number, User | null>((ids) => findUsersByIds(db, ids).then(byId(ids))),
    productById: new DataLoader<number, Product | null>((ids) => findProductsByIds(db, ids).then(byId(ids))),
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
