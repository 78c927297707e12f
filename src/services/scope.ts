import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { LoginThrottle } from '../auth/loginThrottle';
import type { Config } from '../config';
import type { Reader } from '../db/readRouting';
import type { User } from '../domain';
import { forbidden, unauthenticated } from '../errors';
import type { Loaders } from '../loaders';
import type { ExpensiveReadGate } from './expensiveReads';
import type { CatalogVersion } from '../cache/responseCache';

/** What every service of one request works with. */
export interface RequestScope {
  /** The primary: writes, transactions, and reads that must see the latest state (idempotency keys, sign-in). */
  db: Knex;
  /** Reads that tolerate bounded staleness: a replica when one is healthy and has the viewer's writes. */
  read: Reader;
  config: Readonly<Config>;
  loaders: Loaders;
  logger: Logger;
  viewer: User | null;
  /** The caller's IP address, for per-client limits. */
  clientIp: string;
  /** Failed sign-ins per email and per client; one per app, shared by every request. */
  loginThrottle: LoginThrottle;
  /** Reads that scan run through it (at most all but one pooled connection at once); one per app. */
  expensiveReads: ExpensiveReadGate;
  /** Every product write bumps it once it is committed: cached catalog answers are then gone on every instance. */
  catalog: CatalogVersion;
  /**
   * Users this request signed in (register, login, changePassword). The response hands the
   * client their token, so it may also show what they can see of themselves: `register { user {
   * orders } }` must not create an account and then fail without giving its token.
   */
  signedIn: Set<number>;
}

export function requireUser(viewer: User | null): User {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function requireAdmin(viewer: User | null): User {
  const user = requireUser(viewer);
  if (user.role !== 'admin') throw forbidden('Only administrators can do this');
  return user;
}
