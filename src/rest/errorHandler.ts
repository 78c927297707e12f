import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { asUnavailable } from '../db/knex';
import { AppError, httpStatusFor, type ErrorCode } from '../errors';

/** body-parser's errors carry the status they deserve (400 malformed JSON or inexact numbers, 413 too large, 415 charset). */
function clientErrorOf(error: unknown): { status: number; message: string } | null {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (type === 'entity.parse.failed') return { status, message: 'The request body is not valid JSON' };
  if (type === 'entity.too.large') return { status, message: 'The request body is too large' };
  // exactJsonNumbers.ts explains which number and why.
  if (type === 'entity.number.inexact' && error instanceof Error) return { status, message: error.message };
  return { status, message: 'The request could not be read' };
}

/**
 * The last middleware: every error leaves as JSON with a code. REST clients get
 * `{"detail","code"}`; GraphQL clients (errors raised before Apollo runs, such as malformed
 * JSON) get the GraphQL shape `{"errors":[{"message","extensions":{"code"}}]}`.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let status: number;
    let code: ErrorCode;
    let message: string;
    let details: Record<string, unknown> = {};
    const clientError = clientErrorOf(error);
    const appError = error instanceof AppError ? error : asUnavailable(error);
    if (appError) {
      if (appError !== error) logger.warn({ err: error, url: req.originalUrl }, 'database unavailable');
      ({ code, message, details } = appError);
      status = httpStatusFor(code);
    } else if (clientError) {
      ({ status, message } = clientError);
      code = 'BAD_USER_INPUT';
    } else {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unexpected error in a request');
      status = 500;
      code = 'INTERNAL_SERVER_ERROR';
      message = 'Internal server error';
    }
    if (res.headersSent) return;
    // RATE_LIMITED (and SERVICE_UNAVAILABLE) errors say when to come back.
    if (typeof details.retryAfterSeconds === 'number') res.set('Retry-After', String(details.retryAfterSeconds));
    if (req.path.startsWith('/graphql')) {
      res.status(status).json({ errors: [{ message, extensions: { code, ...details } }] });
    } else {
      res.status(status).json({ detail: message, code, ...snakeCaseKeys(details) });
    }
  };
}

/**
 * `{ productId: 3, field: 'productId' }` → `{ product_id: 3, field: 'product_id' }`: REST clients
 * get the legacy snake_case, in the facts' names and in the field names they point at.
 */
function snakeCaseKeys(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      snakeCase(key),
      key === 'field' && typeof value === 'string' ? snakeCase(value) : value,
    ]),
  );
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);
}
