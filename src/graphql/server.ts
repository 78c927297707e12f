import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { Logger } from 'pino';
import type { GraphqlExecutor, NodeEnv } from '../config';
import type { Context } from '../context';
import { PERSISTED_QUERY_TTL_SECONDS, type PersistedQueryStore } from '../cache/persistedQueries';
import { cachePolicyPlugin } from './cachePolicy';
import { compiledExecution } from './compiledExecution';
import { errorFormatter } from './errors';
import { typeDefs } from './generated/typeDefs';
import { introspectionPlugin } from './introspection';
import { queryLimits } from './queryLimits';
import { readYourWritesPlugin } from './readYourWrites';
import { ReservedNamesRule } from './reservedNames';
import { unavailableStatusPlugin } from './unavailableStatus';
import { resolvers } from './generated/resolvers';
import { sandboxLandingPage } from './sandboxPage';

export function createApolloServer(
  httpServer: Server,
  logger: Logger,
  { nodeEnv, executor, persistedQueries }: { nodeEnv: NodeEnv; executor: GraphqlExecutor; persistedQueries: PersistedQueryStore | null },
): ApolloServer<Context> {
  const production = nodeEnv === 'production';
  const limits = queryLimits();
  const schema = makeExecutableSchema({ typeDefs, resolvers });
  return new ApolloServer<Context>({
    ...(executor === 'jit' ? { gateway: compiledExecution(schema) } : { schema }),
    formatError: errorFormatter(logger, { production }),
    // Compact JSON: Apollo's default indents every response, a visible share of the server's CPU in the
    // benchmark's profiles (BENCHMARKS.md), and machines reading it do not need the indentation.
    stringifyResult: (result) => JSON.stringify(result),
    parseOptions: limits.parseOptions,
    validationRules: [...limits.validationRules, ReservedNamesRule],
    maxRecursiveSelections: limits.maxRecursiveSelections,
    // Automatic persisted queries (a hash in a GET's URL, which a CDN can cache): shared by every instance in Redis when REDIS_URL is set.
    ...(persistedQueries && { persistedQueries: { cache: persistedQueries, ttl: PERSISTED_QUERY_TTL_SECONDS } }),
    // One operation per request: a batch would multiply every limit by its length.
    allowBatchedHttpRequests: false,
    // Apollo would read process.env.NODE_ENV itself; the validated config is the one truth.
    nodeEnv,
    includeStacktraceInErrorResponses: false,
    // src/index.ts owns shutdown: readiness, draining, then the database.
    stopOnTerminationSignals: false,
    // The Sandbox needs introspection; admins use it in every environment. introspectionPlugin
    // closes it to everyone else in production, per request.
    introspection: true,
    plugins: [
      // Before the cost plugin: an anonymous introspection query is refused as forbidden, not as costly.
      introspectionPlugin({ adminsOnly: production }),
      ...limits.plugins,
      readYourWritesPlugin(),
      cachePolicyPlugin(schema),
      unavailableStatusPlugin(),
      // On stop: refuse new connections, let in-flight requests finish (8 s at most).
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 8000 }),
      // Sandbox on GET /graphql in every environment, production included, with a pinned embed.
      sandboxLandingPage(),
      // @cacheControl hints are read once per document by cachePolicyPlugin; Apollo's plugin would wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
    ] satisfies ApolloServerPlugin<Context>[],
  });
}

