import type { Knex } from 'knex';
import type { Logger } from 'pino';
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
}

/** One request's view of the app, shared by GraphQL resolvers and REST routes. */
export interface Context {
  viewer: User | null;
  services: Services;
  loaders: Loaders;
}

export async function createContext(deps: AppDeps, authorization: string | undefined): Promise<Context> {
  const loaders = createLoaders(deps.db);
  const viewer = await resolveViewer(authorization, deps.config.jwt.secret, loaders);
  return { viewer, loaders, services: createServices({ ...deps, loaders, viewer }) };
}
