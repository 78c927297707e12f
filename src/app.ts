import { createServer, type Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import { setBcryptQueueMax } from './auth/bcryptThreads';
import { createLoginThrottle } from './auth/loginThrottle';
import { createContext, requestInfo, type AppDeps, type AppOptions } from './context';
import { pendingMigrations } from './db/migrations';
import { createReadRouting } from './db/readRouting';
import { cacheHeaders, UNCACHEABLE } from './cache/policy';
import { createPersistedQueryStore } from './cache/persistedQueries';
import { connectCacheRedis, readyOrTimeout } from './cache/redis';
import { createResponseCache } from './cache/responseCache';
import { answerHitsFirst, type HeaderHandler } from './cache/fastHits';
import { createExpensiveReadGate, expensiveReadPermits } from './services/expensiveReads';
import { sandboxSecurityHeaders } from './graphql/sandboxPage';
import { contextCreationError, graphqlErrorHandler } from './graphql/errors';
import { createApolloServer } from './graphql/server';
import { startOrderExpiry } from './services/orderExpiry';
import { errorHandler } from './rest/errorHandler';
import { refuseInexactNumbers, refuseInexactQueryVariables } from './exactJsonNumbers';
import type { Lifecycle } from './rest/health';
import { restRouter } from './rest/router';
import { requestLogging } from './requestLogging';
import { HEADERS_TIMEOUT_MS, JSON_BODY_LIMIT_KB, KEEP_ALIVE_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './httpLimits';
import { isStorefrontPath, storefront, storefrontSecurityHeaders } from './storefront';

// Slow or stalled clients cannot hold connections open indefinitely.
const CONNECTIONS_CHECKING_INTERVAL_MS = 1_000;

/** JSON needs no scripts, styles or frames: forbid them all. */
const apiSecurityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
});

export interface App {
  httpServer: Server;
  /**
   * Readiness turns 503 (for `announceMs` the server keeps serving), then new connections are
   * refused and in-flight requests finish; the caller closes the database afterwards.
   */
  stop(options?: { announceMs?: number }): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  // The bcrypt threads are the process's; its one app sets their queues' bound.
  setBcryptQueueMax(options.config.bcryptQueueMax);
  const loginThrottle = createLoginThrottle(options.config, options.logger);
  await loginThrottle.ready();
  const readRouting = await createReadRouting(options.db, options.config, options.logger);
  const { database } = options.config;
  const expensiveReads = createExpensiveReadGate(expensiveReadPermits(database.client === 'mysql' ? database.poolMax : 1));
  // One Redis connection for the caches (responses, persisted queries), waited for once at start-up.
  const cacheRedis = options.config.redisUrl === null ? null : connectCacheRedis(options.config.redisUrl);
  if (cacheRedis) await readyOrTimeout(cacheRedis);
  const responseCache = createResponseCache(options.config, options.logger, cacheRedis);
  const deps: AppDeps = { ...options, loginThrottle, readRouting, expensiveReads, catalog: responseCache, pendingMigrations: () => pendingMigrations(options.db) };
  const app = express();
  // Node checks headersTimeout and requestTimeout only every connectionsCheckingInterval
  // (30 s by default): a client dripping its headers was cut after 37.6 s, not 10.
  const httpServer = createServer({ connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS });
  httpServer.headersTimeout = HEADERS_TIMEOUT_MS;
  httpServer.requestTimeout = REQUEST_TIMEOUT_MS;
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  const lifecycle: Lifecycle = { draining: false };
  const persistedQueries = createPersistedQueryStore(deps.config, deps.logger, cacheRedis);
  const apollo = createApolloServer(httpServer, deps.logger, { nodeEnv: deps.config.env, executor: deps.config.graphqlExecutor, persistedQueries });
  await apollo.start();
  // GET /graphql (the Sandbox page): only the pinned embed and the page's own inline script run.
  const sandboxHeaders = await sandboxSecurityHeaders(apollo);
  const { pendingOrderTtlSeconds } = deps.config;
  const orderExpiry = pendingOrderTtlSeconds === null ? null : startOrderExpiry(deps.db, deps.logger, pendingOrderTtlSeconds);

  app.disable('x-powered-by');
  // A strong ETag (hash of the body) on every res.send/json answer, REST and GraphQL; a matching If-None-Match gets 304.
  app.set('etag', 'strong');
  app.set('trust proxy', deps.config.trustProxy);
  app.use((_req, res, next) => {
    res.setHeader('X-Instance-Id', deps.config.instanceId); // who served it, behind a load balancer
    next();
  });
  app.use(requestLogging(deps.logger));
  const securityHeaders = (path: string) =>
    /^\/graphql(\/|$)/i.test(path) ? sandboxHeaders : isStorefrontPath(path) ? storefrontSecurityHeaders : apiSecurityHeaders;
  app.use((req, res, next) => securityHeaders(req.path)(req, res, next));
  const corsHeaders = cors({ origin: deps.config.corsOrigins, credentials: false });
  app.use(corsHeaders);
  app.use(express.json({ limit: `${JSON_BODY_LIMIT_KB}kb`, verify: refuseInexactNumbers }));

  // Anonymous catalog reads answered from Redis before any route runs (src/cache/responseCache.ts).
  app.use(responseCache.middleware);
  app.use('/api', restRouter(deps, lifecycle));
  app.use(
    '/graphql',
    refuseInexactQueryVariables,
    // Private until the cache policy plugin finds an answer shareable (context errors included).
    (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      res.set(cacheHeaders(UNCACHEABLE, false));
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return await createContext(deps, requestInfo(req));
        } catch (error) {
          throw contextCreationError(error);
        }
      },
    }),
    graphqlErrorHandler(deps.logger),
  );
  app.use(storefront());
  // Everything else, /api included, answers errors in REST's shape.
  app.use(errorHandler(deps.logger));
  // Cache hits are answered before Express, with the headers the middleware above would set (src/cache/fastHits.ts).
  const fastPath = deps.config.responseCacheFastPath;
  httpServer.on(
    'request',
    fastPath
      ? answerHitsFirst({
          cache: responseCache,
          app,
          logger: deps.logger,
          instanceId: deps.config.instanceId,
          // helmet's and cors's handlers are plain node (req, res, next) functions; Express's types say otherwise.
          securityHeaders: securityHeaders as (path: string) => HeaderHandler,
          cors: corsHeaders as HeaderHandler,
          draining: () => lifecycle.draining,
        })
      : app,
  );

  return {
    httpServer,
    async stop({ announceMs = 0 } = {}) {
      lifecycle.draining = true;
      // Keep serving while readiness says 503, so requests already on their way (and load
      // balancers that have not polled yet) are not cut off when the listener closes.
      if (announceMs > 0) await new Promise((resolve) => setTimeout(resolve, announceMs));
      try {
        await apollo.stop();
      } finally {
        await Promise.all([loginThrottle.close(), readRouting.close(), orderExpiry?.stop()]);
        cacheRedis?.disconnect();
      }
    },
  };
}
