import { createServer, type Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { AppError } from './errors';
import { createContext, requestInfo, type AppDeps } from './context';
import { createApolloServer, toGraphQLError } from './graphql/server';
import { errorHandler } from './rest/errorHandler';
import { restRouter } from './rest/router';

export interface App {
  httpServer: Server;
  /** Stops Apollo (draining in-flight requests) and closes the HTTP server; the caller owns the database. */
  stop(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const app = express();
  const httpServer = createServer(app);
  const apollo = createApolloServer(httpServer, deps.logger, deps.config.env);
  await apollo.start();

  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.use(cors({ origin: deps.config.corsOrigins, credentials: false }));
  app.use(express.json({ limit: '100kb' }));

  app.use('/api', restRouter(deps));
  app.use(
    '/graphql',
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return await createContext(deps, requestInfo(req));
        } catch (error) {
          throw error instanceof AppError ? toGraphQLError(error) : error;
        }
      },
    }),
  );
  app.use(errorHandler(deps.logger));

  return {
    httpServer,
    stop: () => apollo.stop(),
  };
}
