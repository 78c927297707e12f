// The one error vocabulary: services throw AppError; GraphQL shows `extensions.code`,
// REST maps the same code to an HTTP status. appErrorOf() is the one translation from
// anything thrown to an AppError; each transport then gives it its own shape in one place.
import { isDatabaseUnavailable } from './db/knex';
import { isWriteConflict } from './db/transactions';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INSUFFICIENT_STOCK',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INSUFFICIENT_STOCK: 409,
  INVALID_TRANSITION: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra machine-readable facts for clients, e.g. `{ field: 'price' }`. */
    readonly details: Record<string, unknown> = {},
    /** The code's status unless the failure has a more precise one (a body too large is 413). */
    readonly httpStatus: number = HTTP_STATUS[code],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** What clients see of our bugs: nothing but this (the transports log the original). */
export const internalError = new AppError('INTERNAL_SERVER_ERROR', 'Internal server error');

/**
 * Anything thrown, as the AppError a client should see: ours as they are, an outage as
 * SERVICE_UNAVAILABLE (retry in 5 s), a write that lost to concurrent ones after every retry as
 * SERVICE_UNAVAILABLE (retry in 1 s), an unreadable request body as the client's mistake;
 * null for anything else, which is our bug.
 */
export function appErrorOf(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    return new AppError('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; try again shortly', {
      retryAfterSeconds: 5,
    });
  }
  // Still losing to concurrent writes after every retry (transactionWithRetry): nothing was written.
  if (isWriteConflict(error)) {
    return new AppError('SERVICE_UNAVAILABLE', 'Too many concurrent changes to the same data; nothing was changed, try again', {
      retryAfterSeconds: 1,
    });
  }
  return unreadableBodyError(error);
}

/** body-parser's errors carry the status they deserve (400 malformed JSON or inexact numbers, 413 too large, 415 charset). */
function unreadableBodyError(error: unknown): AppError | null {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  const unreadable = (message: string) => new AppError('BAD_USER_INPUT', message, {}, status);
  if (type === 'entity.parse.failed') return unreadable('The request body is not valid JSON');
  if (type === 'entity.too.large') return unreadable('The request body is too large');
  // exactJsonNumbers.ts explains which number and why.
  if (type === 'entity.number.inexact' && error instanceof Error) return unreadable(error.message);
  return unreadable('The request could not be read');
}

export function badInput(field: string, message: string): AppError {
  return new AppError('BAD_USER_INPUT', message, { field });
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}

export function unauthenticated(message = 'You must be signed in'): AppError {
  return new AppError('UNAUTHENTICATED', message);
}

export function forbidden(message = 'You are not allowed to do this'): AppError {
  return new AppError('FORBIDDEN', message);
}

export function conflict(message: string): AppError {
  return new AppError('CONFLICT', message);
}
