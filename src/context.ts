import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { LoginThrottle } from './auth/loginThrottle';
import { resolveViewer } from './auth/viewer';
import type { Config } from './config';
import type { User } from './domain';
import type { ReadRouting, ReadSession } from './db/readRouting';
import type { ExpensiveReadGate } from './services/expensiveReads';
import type { CatalogVersion } from './cache/responseCache';
import { findUsersByIds } from './db/users';
import { createLoaders, type Loaders } from './loaders';
import { createServices, type Services } from './services/services';

/** What a running app is built from; tests build their own with a throwaway database. */
export interface AppDeps {
  config: Readonly<Config>;
  db: Knex;
  logger: Logger;
  /** Created by createApp and closed by its stop(). */
  loginThrottle: LoginThrottle;
  /** Which server answers each read (replicas, when DB_REPLICAS is set); created by createApp. */
  readRouting: ReadRouting;
  /** Scanning reads share at most all but one pooled connection; created by createApp. */
  expensiveReads: ExpensiveReadGate;
  /** Bumped by every admin product write, so cached catalog answers are dropped everywhere; created by createApp. */
  catalog: CatalogVersion;
  /** The migrations this code expects that the database has not run; readiness asks it (created by createApp). */
  pendingMigrations(): Promise<string[]>;
}

/** What createApp is given; it adds what it owns. */
export type AppOptions = Omit<AppDeps, 'loginThrottle' | 'readRouting' | 'expensiveReads' | 'catalog' | 'pendingMigrations'>;

/** One request's view of the app, shared by GraphQL resolvers and REST routes. */
export interface Context {
  viewer: User | null;
  services: Services;
  loaders: Loaders;
  /** Where this request's reads go: transports call `usePrimary()` for writes and `rememberWrites()` before answering one. */
  reads: ReadSession;
}

/** What context creation needs of an HTTP request. */
export interface RequestInfo {
  authorization: string | undefined;
  /** The client's address (Express's `req.ip`, which honours TRUST_PROXY). */
  clientIp: string;
}

export async function createContext(deps: AppDeps, request: RequestInfo): Promise<Context> {
  // The viewer is looked up on the primary: a revoked token must never work because a replica is behind.
  const viewer = await resolveViewer(request.authorization, deps.config.jwt, async (id) => (await findUsersByIds(deps.db, [id]))[0] ?? null);
  const reads = deps.readRouting.session(viewer?.id ?? null);
  const loaders = createLoaders(reads.read, { batching: deps.config.loaderBatching });
  if (viewer) loaders.userById.prime(viewer.id, viewer);
  return { viewer, loaders, reads, services: createServices({ ...deps, loaders, viewer, read: reads.read, clientIp: request.clientIp, signedIn: new Set() }) };
}

export function requestInfo(req: { headers: { authorization?: string }; ip?: string }): RequestInfo {
  return { authorization: req.headers.authorization, clientIp: req.ip ?? 'unknown' };
}
