// GraphQL's one mapping of an AppError: its message, `extensions.code` and its facts.
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { appErrorOf, ERROR_CODES, type AppError } from '../errors';
import { errorResponder } from '../httpErrors';

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

function extensionsOf({ code, details }: AppError): Record<string, unknown> & { code: string } {
  return { code, ...details };
}

/**
 * For errors raised outside any resolver (context creation, plugins), with the HTTP status REST
 * would use, and its Retry-After when the error says when to try again.
 */
export function graphqlErrorOf(error: AppError): GraphQLError {
  const retryAfter = error.details.retryAfterSeconds;
  const headers = typeof retryAfter === 'number' ? new Map([['retry-after', String(retryAfter)]]) : undefined;
  return new GraphQLError(error.message, { extensions: { ...extensionsOf(error), http: { status: error.httpStatus, ...(headers && { headers }) } } });
}

/** What a failed context creation throws to Apollo: the AppError it means, or the original (our bug). */
export function contextCreationError(error: unknown): unknown {
  const appError = appErrorOf(error);
  return appError ? graphqlErrorOf(appError) : error;
}

/** Errors raised before Apollo runs (a malformed JSON body) answered in GraphQL's shape. */
export function graphqlErrorHandler(logger: Logger) {
  return errorResponder(logger, (error) => ({ errors: [{ message: error.message, extensions: extensionsOf(error) }] }));
}

/** graphql-js ends some messages with "Did you mean …?": schema details that only introspection should give away. */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .*\?$/s, '');
}

/** Apollo's `formatError`: our errors as they are, the client's mistakes as Apollo says them, nothing of our bugs. */
export function errorFormatter(logger: Logger, { production }: { production: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    const appError = appErrorOf(unwrapped);
    if (appError) {
      // An outage is a 5xx (unavailableStatusPlugin): logged at error, as REST's request line is.
      if (appError !== unwrapped) logger.error({ err: unwrapped, path: formatted.path }, 'database unavailable');
      return { ...formatted, message: appError.message, extensions: extensionsOf(appError) };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      return production ? { ...formatted, message: withoutSuggestions(formatted.message) } : formatted;
    }
    // Anything else is our bug: log it whole, show nothing of it.
    logger.error({ err: unwrapped, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: 'Internal server error',
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
