import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { appErrorOf, internalError, type AppError } from './errors';

/**
 * Express's last word on anything a route threw: translated once (appErrorOf), logged as what it
 * is (an outage at warn, our bug at error), answered with the status, `Retry-After` when the error
 * says when to come back, and the body `shape` of the transport that mounts it.
 */
export function errorResponder(logger: Logger, shape: (error: AppError) => unknown): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const translated = appErrorOf(error);
    if (translated === null) logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unexpected error in a request');
    else if (translated.code === 'SERVICE_UNAVAILABLE' && translated !== error) logger.warn({ err: error, url: req.originalUrl }, 'database unavailable');
    const appError = translated ?? internalError;
    if (res.headersSent) return;
    const { retryAfterSeconds } = appError.details;
    if (typeof retryAfterSeconds === 'number') res.set('Retry-After', String(retryAfterSeconds));
    res.status(appError.httpStatus).json(shape(appError));
  };
}
