import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { LoginThrottle } from './auth/loginThrottle';
import { resolveViewer } from './auth/viewer';
import type { Config } from './config';
import type { User } from './domain';
import { createLoaders, type Loaders } from './loaders';
import { createServices, type Services } from './services/services';

/** What a running app is built from; tests build their own with a throwaway database. */
export interface AppDeps {
  config: Readonly<Config>;
  db: Knex;
  logger: Logger;
  /** Created by createApp and closed by its stop(). */
  loginThrottle: LoginThrottle;
}

/** What createApp is given; it adds what it owns. */
export type AppOptions = Omit<AppDeps, 'loginThrottle'>;

/** One request's view of the app, shared by GraphQL resolvers and REST routes. */
export interface Context {
  viewer: User | null;
  services: Services;
  loaders: Loaders;
}

/** What context creation needs of an HTTP request. */
export interface RequestInfo {
  authorization: string | undefined;
  /** The client's address (Express's `req.ip`, which honours TRUST_PROXY). */
  clientIp: string;
}

export async function createContext(deps: AppDeps, request: RequestInfo): Promise<Context> {
  const loaders = createLoaders(deps.db, { batching: deps.config.loaderBatching });
  const viewer = await resolveViewer(request.authorization, deps.config.jwt, loaders);
  return { viewer, loaders, services: createServices({ ...deps, loaders, viewer, clientIp: request.clientIp }) };
}

export function requestInfo(req: { headers: { authorization?: string }; ip?: string }): RequestInfo {
  return { authorization: req.headers.authorization, clientIp: req.ip ?? 'unknown' };
}
