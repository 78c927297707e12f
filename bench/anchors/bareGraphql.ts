// Anchor for S2: graphql-js `execute` on a bare node:http server, over the same schema,
// resolvers, services and per-request context (createContext) as Shopgraph — without Apollo,
// Express, the query limits, logging or security headers. Documents are parsed and validated
// once and cached by their text.
import { createServer, type ServerResponse } from 'node:http';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { createLoginThrottle } from '../../src/auth/loginThrottle';
import { loadConfig } from '../../src/config';
import { createContext, type AppDeps } from '../../src/context';
import { createDb } from '../../src/db/knex';
import { pendingMigrations } from '../../src/db/migrations';
import { primaryOnly } from '../../src/db/readRouting';
import { createExpensiveReadGate, expensiveReadPermits } from '../../src/services/expensiveReads';
import { typeDefs } from '../../src/graphql/generated/typeDefs';
import { resolvers } from '../../src/graphql/generated/resolvers';
import { createLogger } from '../../src/logger';

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const db = createDb(config.database);
const deps: AppDeps = {
  config,
  db,
  logger,
  loginThrottle: createLoginThrottle(config, logger),
  readRouting: primaryOnly(db), // the anchors measure one server
  expensiveReads: createExpensiveReadGate(expensiveReadPermits(config.database.client === 'mysql' ? config.database.poolMax : 1)),
  catalog: { bump: async () => {} }, // the anchor serves reads only
  pendingMigrations: () => pendingMigrations(db),
};
const schema = makeExecutableSchema({ typeDefs, resolvers: resolvers as Parameters<typeof makeExecutableSchema>[0]['resolvers'] });

const documents = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();
function documentFor(query: string) {
  let cached = documents.get(query);
  if (!cached) {
    const document = parse(query);
    const errors = validate(schema, document);
    cached = errors.length > 0 ? { errors } : { document };
    documents.set(query, cached);
  }
  return cached;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function handle(body: string, authorization: string | undefined, clientIp: string): Promise<unknown> {
  const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
  const cached = documentFor(query);
  if ('errors' in cached) return { errors: cached.errors };
  const contextValue = await createContext(deps, { authorization, clientIp });
  return execute({ schema, document: cached.document, variableValues: variables, contextValue });
}

const server = createServer((req, res) => {
  if (req.url === '/api/health') return send(res, 200, { status: 'ok' });
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    handle(Buffer.concat(chunks).toString('utf8'), req.headers.authorization, req.socket.remoteAddress ?? 'unknown').then(
      (result) => send(res, 200, result),
      (error: unknown) => send(res, 500, { errors: [{ message: String(error) }] }),
    );
  });
});
server.keepAliveTimeout = 5000;
server.listen(config.port, '127.0.0.1');

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void Promise.all([deps.loginThrottle.close(), db.destroy()]).then(() => process.exit(0));
});
