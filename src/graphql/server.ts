import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { unwrapResolverError } from '@apollo/server/errors';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { GraphqlExecutor, NodeEnv } from '../config';
import type { Context } from '../context';
import { asUnavailable } from '../db/knex';
import { AppError, ERROR_CODES, httpStatusFor } from '../errors';
import { compiledExecution } from './compiledExecution';
import { typeDefs } from './generated/typeDefs';
import { introspectionPlugin } from './introspection';
import { queryLimits } from './queryLimits';
import { readYourWritesPlugin } from './readYourWrites';
import { ReservedNamesRule } from './reservedNames';
import { unavailableStatusPlugin } from './unavailableStatus';
import { resolvers } from './resolvers';
import { sandboxLandingPage } from './sandboxPage';

/** Codes that describe the client's mistake (Apollo's and ours); their messages are safe to show. */
const CLIENT_ERROR_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ...ERROR_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR'),
]);

/** For errors raised before any resolver runs (context creation), with the HTTP status REST would use. */
export function toGraphQLError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details, http: { status: httpStatusFor(error.code) } },
  });
}

/** graphql-js ends some messages with "Did you mean …?": schema details that only introspection should give away. */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .*\?$/s, '');
}

export function createApolloServer(
  httpServer: Server,
  logger: Logger,
  { nodeEnv, executor }: { nodeEnv: NodeEnv; executor: GraphqlExecutor },
): ApolloServer<Context> {
  const production = nodeEnv === 'production';
  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    const original = asUnavailable(unwrapped) ?? unwrapped;
    // An outage is a 5xx (unavailableStatusPlugin): logged at error, as REST's request line is.
    if (original !== unwrapped) logger.error({ err: unwrapped, path: formatted.path }, 'database unavailable');
    if (original instanceof AppError) {
      return { ...formatted, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      return production ? { ...formatted, message: withoutSuggestions(formatted.message) } : formatted;
    }
    // Anything else is our bug or an outage: log it whole, show nothing of it.
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: 'Internal server error',
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };

  const limits = queryLimits();
  const schema = makeExecutableSchema({ typeDefs, resolvers });
  return new ApolloServer<Context>({
    ...(executor === 'jit' ? { gateway: compiledExecution(schema) } : { schema }),
    formatError,
    // Compact JSON: Apollo's default indents every response (4–5 % of the server's CPU in S2's and S3's profiles
    // went to JSON.stringify(…, null, 2)), which machines reading it do not need.
    stringifyResult: (result) => JSON.stringify(result),
    parseOptions: limits.parseOptions,
    validationRules: [...limits.validationRules, ReservedNamesRule],
    maxRecursiveSelections: limits.maxRecursiveSelections,
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
      unavailableStatusPlugin(),
      // On stop: refuse new connections, let in-flight requests finish (8 s at most).
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 8000 }),
      // Sandbox on GET /graphql in every environment, production included, with a pinned embed.
      sandboxLandingPage(),
      // No field uses @cacheControl; the plugin would otherwise wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
    ] satisfies ApolloServerPlugin<Context>[],
  });
}

