import { randomUUID } from 'node:crypto';
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
function operationOf(req: Request): string | undefined {
  const body = (req.method === 'GET' ? req.query : req.body) as { operationName?: unknown; query?: unknown } | undefined;
  if (typeof body?.operationName === 'string') return body.operationName;
  if (typeof body?.query !== 'string') return undefined;
  const match = /^\s*(query|mutation|subscription)\s*(\w*)/.exec(body.query);
  return match ? `${match[1]}${match[2] ? ` ${match[2]}` : ''}` : 'query';
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
    const started = Date.now();
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    res.once('close', () => {
      const level = res.statusCode >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: loggedUrl(req.originalUrl) },
          res: { statusCode: res.statusCode },
          responseTime: Date.now() - started,
          operation: operationOf(req),
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
