// Errors in the REST contract: the one error body and the shared error responses operations point to.
import { LOGIN_LIMITS, REGISTRATION_WINDOW_SECONDS } from '../../auth/loginThrottle';
import { DEFAULT_BCRYPT_QUEUE_MAX, DEFAULT_REGISTRATION_LIMIT } from '../../config';
import { ERROR_CODES, type ErrorCode } from '../../errors';
import { JSON_BODY_LIMIT_KB } from '../../httpLimits';
import { formatMoney } from '../../money';
import { MIN_WORD } from '../../searchTerms';
import { EXPENSIVE_READ_MAX_WAIT_MS } from '../../services/expensiveReads';
import { MAX_PRICE_CENTS } from '../../services/products';
import { z } from './zod';

/** REST's error body (errorHandler.ts writes it). Open: extra snake_case facts may come along. */
export const ErrorBody = z
  .looseObject({
    detail: z.string().openapi({ description: 'A message for people' }),
    code: z.enum(ERROR_CODES),
    field: z.string().optional().openapi({ description: 'The input field or parameter at fault (BAD_USER_INPUT)' }),
    product_id: z.int().optional().openapi({ description: 'The product concerned (orders)' }),
    available: z.int().optional().openapi({ description: 'Units in stock (INSUFFICIENT_STOCK)' }),
    retry_after_seconds: z.int().min(1).optional().openapi({
      description: 'When to try again, also sent as the Retry-After header (RATE_LIMITED, SERVICE_UNAVAILABLE)',
    }),
  })
  .openapi('Error', {
    description: 'Every error. Extra snake_case facts may accompany `detail` and `code`.',
    examples: [
      { detail: `price must be from 0 to ${formatMoney(MAX_PRICE_CENTS)}`, code: 'BAD_USER_INPUT', field: 'price' },
    ],
  });

const ERROR_REF = '#/components/schemas/Error';

/** An error response whose `code` is one of `codes` (raw OpenAPI: shared responses are components, not zod). */
export function errorWithCode(description: string, codes: ErrorCode[]) {
  const schema = { allOf: [{ $ref: ERROR_REF }, { properties: { code: { enum: codes } } }] };
  return { description, content: { 'application/json': { schema } } };
}

const retryAfter = (description: string) => ({
  'Retry-After': { description, required: true, schema: { type: 'string' as const, pattern: '^[1-9][0-9]*$' } },
});

/** The shared error responses, as `#/components/responses/<name>`. */
export const ERROR_RESPONSES = {
  MalformedJson: errorWithCode(
    'The request body is not valid JSON, or holds a number written with an exponent (1e2) or with more digits than it keeps (19.999999999999999 reads as 20)',
    ['BAD_USER_INPUT'],
  ),
  PayloadTooLarge: errorWithCode(`The request body is over ${JSON_BODY_LIMIT_KB} kB`, ['BAD_USER_INPUT']),
  InvalidInput: errorWithCode(
    'Invalid input (`code` BAD_USER_INPUT; `field` names the offending field or parameter)',
    ['BAD_USER_INPUT'],
  ),
  Unauthenticated: errorWithCode(
    'No valid bearer token: missing where required, or present but malformed, expired, of a deleted user ' +
      'or of an ended session (after logout, a password change or a role change)',
    ['UNAUTHENTICATED'],
  ),
  InvalidToken: errorWithCode(
    'An Authorization header is present but is not a valid bearer token, or its session has ended ' +
      '(anonymous calls need none)',
    ['UNAUTHENTICATED'],
  ),
  TooManyAttempts: {
    ...errorWithCode(
      `Too many failed sign-in attempts for this email (${LOGIN_LIMITS.perEmail.failures}) or from this client ` +
        `(${LOGIN_LIMITS.perClient.failures}) in ${LOGIN_LIMITS.perEmail.windowSeconds / 60} minutes: refused ` +
        'without checking the password, even a right one. `retry_after_seconds` and Retry-After say when to retry.',
      ['RATE_LIMITED'],
    ),
    headers: retryAfter('Seconds until the limit resets'),
  },
  TooManySignUps: {
    ...errorWithCode(
      `Too many registrations from this client address (REGISTRATION_LIMIT, ${DEFAULT_REGISTRATION_LIMIT} by default, ` +
        `in ${REGISTRATION_WINDOW_SECONDS / 60} minutes; "email taken" answers count too): refused without ` +
        'hashing. `retry_after_seconds` and Retry-After say when to retry.',
      ['RATE_LIMITED'],
    ),
    headers: retryAfter('Seconds until the limit resets'),
  },
  PasswordQueueFull: {
    ...errorWithCode(
      `The server is busy hashing or checking passwords (BCRYPT_QUEUE_MAX, ${DEFAULT_BCRYPT_QUEUE_MAX} by default, ` +
        'jobs already wait): refused at once rather than queued. Nothing was created or counted; retry after ' +
        '`retry_after_seconds` (also the Retry-After header).',
      ['SERVICE_UNAVAILABLE'],
    ),
    headers: retryAfter('Seconds the queue ahead is expected to take'),
  },
  TooManySearches: {
    ...errorWithCode(
      `A search that scans the whole catalog (no word of ${MIN_WORD} or more letters or digits) waited ${EXPENSIVE_READ_MAX_WAIT_MS} ms ` +
        'for one of the few such searches allowed at once. `retry_after_seconds` and Retry-After say when to retry.',
      ['RATE_LIMITED'],
    ),
    headers: retryAfter('Seconds to wait before retrying'),
  },
  Forbidden: errorWithCode('The caller is signed in but is not an administrator', ['FORBIDDEN']),
  NotFound: errorWithCode('Not found', ['NOT_FOUND']),
  Conflict: errorWithCode('Conflicts with the current state', ['CONFLICT']),
  InternalServerError: errorWithCode('An unexpected failure; no details leave the server', ['INTERNAL_SERVER_ERROR']),
};

/** A shared error response, optionally with what it means for this operation. */
export function error(name: keyof typeof ERROR_RESPONSES, description?: string): { $ref: string; description?: string } {
  return { $ref: `#/components/responses/${name}`, ...(description !== undefined && { description }) };
}

/** What every operation can answer, whatever it does. */
export const ALWAYS = { '500': error('InternalServerError') };
/** What every operation with a JSON body can answer before its handler runs. */
export const JSON_BODY_ERRORS = { '400': error('MalformedJson'), '413': error('PayloadTooLarge') };
