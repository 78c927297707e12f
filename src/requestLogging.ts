import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

const SAFE_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Query-string parameters whose values are never logged, whatever the path. */
const SECRET_PARAMETER = /pass|token|secret|key|auth|credential|session|variables|query/i;

/**
 * The URL as logged: a /graphql query string carries the document and its variables (a
 * password, say, in `GET /graphql?query=mutation…&variables={"p":"…"}`), so it is dropped; any
 * other parameter that could hold a credential is redacted.
 */
export function loggedUrl(originalUrl: string): string {
  const mark = originalUrl.indexOf('?');
  if (mark === -1) return originalUrl;
  const path = originalUrl.slice(0, mark);
  if (/^\/graphql(\/|$)/i.test(path)) return path;
  const params = new URLSearchParams(originalUrl.slice(mark + 1));
  for (const name of new Set(params.keys())) if (SECRET_PARAMETER.test(name)) params.set(name, '[redacted]');
  return `${path}?${params.toString()}`;
}

/** The GraphQL operation a request runs, by its name or else its first line (from the body, or a GET's query string). */
function operationOf(params: { operationName?: unknown; query?: unknown } | undefined): string | undefined {
  if (typeof params?.operationName === 'string') return params.operationName;
  if (typeof params?.query !== 'string') return undefined;
  const match = /^\s*(query|mutation|subscription)\s*(\w*)/.exec(params.query);
  return match ? `${match[1]}${match[2] ? ` ${match[2]}` : ''}` : 'query';
}

/** The request's id: a sane incoming `X-Request-Id`, or a new one. */
export function requestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

type GraphqlParams = { operationName?: unknown; query?: unknown } | undefined;

/**
 * Writes the request's line when `res` closes (see requestLogging). `params`: the GraphQL
 * parameters, asked for only when the line is written. Also used by answers sent before Express
 * (src/cache/fastHits.ts), so every request has the same line whoever answers it.
 */
export function logWhenDone(logger: Logger, id: string, req: { method?: string; url?: string }, res: ServerResponse, params: () => GraphqlParams): void {
  const started = Date.now();
  res.once('close', () => {
    const level = res.statusCode >= 500 ? 'error' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        req: { id, method: req.method, url: loggedUrl(req.url ?? '') },
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
        operation: operationOf(params()),
      },
      res.writableFinished ? 'request completed' : 'request aborted',
    );
  });
}

/**
 * One JSON line per request when it ends: request id (taken from a sane `X-Request-Id` or made,
 * and echoed in the response), method, URL, GraphQL operation, status and duration; `error`
 * level for 5xx, `info` otherwise. Headers and bodies are never logged, nor /graphql query
 * strings, and other parameters that could hold a credential are redacted (loggedUrl).
 *
 * The line is built only when its level is enabled. pino-http, used before, made three child
 * loggers per request (serializing their bindings) even when production's `warn` level then
 * dropped the line, a measurable share of the server's CPU (BENCHMARKS.md, S2's profile).
 */
export function requestLogging(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = requestId(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', id);
    const logged = { method: req.method, url: req.originalUrl };
    logWhenDone(logger, id, logged, res, () => (req.method === 'GET' ? req.query : req.body) as GraphqlParams);
    next();
  };
}
