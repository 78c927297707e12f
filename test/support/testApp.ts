import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createDb } from '../../src/db/knex';
import { migrateToLatest } from '../../src/db/migrations';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type DialectName } from './databases';
import { graphqlClient, type GraphQLClient } from './graphql';
import { assertMatchesOpenApi } from './openapiValidation';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; [key: string]: unknown } }[];
  extensions?: Record<string, unknown>;
}

export interface TestApp {
  dialect: DialectName;
  config: Readonly<Config>;
  /** The app's own database handle, for arranging data and checking what changed. */
  db: Knex;
  url: string;
  /**
   * supertest against the running server: `api().get('/api/health')`. Every response under
   * /api/ is also checked against the OpenAPI document (src/rest/openapi.ts).
   */
  api(): ValidatedApi;
  /** POST /graphql: a typed `graphql(\`…\`)` document (see ./graphql.ts), or a plain string for invalid ones. */
  gql: GraphQLClient;
  /** Registers a user through the API and returns its token; `role: 'admin'` promotes it afterwards. */
  signUp(email: string, options?: { role?: 'user' | 'admin'; password?: string }): Promise<{ token: string; id: string }>;
  /** Empties every table, so each test starts from a known state without migrating again. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type ValidatedApi = Record<Method, (path: string) => request.Test>;

/** supertest runs `.expect(fn)` checks when the response arrives, before the caller's await resumes. */
function validatedApi(url: string): ValidatedApi {
  const agent = request(url);
  const method = (name: Method) => (path: string) => {
    const test = agent[name](path);
    if (!path.startsWith('/api/')) return test;
    return test.expect((res) => assertMatchesOpenApi(name, path, res.status, res.headers, res.body));
  };
  return {
    get: method('get'),
    post: method('post'),
    put: method('put'),
    patch: method('patch'),
    delete: method('delete'),
  };
}

/** A real server on an ephemeral port over a throwaway, migrated database of the given dialect. */
export async function startTestApp(
  dialect: DialectName,
  env: Record<string, string> = {},
  options: { logs?: DestinationStream } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    BCRYPT_ROUNDS: '4',
    // Tests sign up dozens of users from 127.0.0.1; the tests of the limit set it themselves.
    REGISTRATION_LIMIT: '1000000',
    LOG_LEVEL: 'silent',
    // Apps of parallel test files may share a Redis: each caches answers under keys of its own.
    CACHE_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}`,
    ...database.env,
    ...env,
  });
  const db = createDb(config.database);
  await migrateToLatest(db);
  const app: App = await createApp({ config, db, logger: createLogger(config.logLevel, options.logs) });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;

  const testApp: TestApp = {
    dialect,
    config,
    db,
    url,
    api: () => validatedApi(url),
    gql: graphqlClient(url),
    async signUp(email, { role = 'user', password = 'correct horse battery' } = {}) {
      const response = await testApp
        .api()
        .post('/api/auth/register')
        .send({ email, password })
        .expect(201);
      const { token, user } = response.body as { token: string; user: { id: number } };
      if (role === 'admin') await db('users').where({ id: user.id }).update({ role: 'admin' });
      return { token, id: String(user.id) };
    },
    async reset() {
      for (const table of ['idempotency_keys', 'order_items', 'orders', 'products', 'users']) await db(table).delete();
    },
    async close() {
      await app.stop();
      await db.destroy();
      await database.drop();
    },
  };
  return testApp;
}
