import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const SAFE_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The GraphQL operation a request runs, by its name or else its first line. */
function operationOf(req: IncomingMessage & { body?: unknown }): string | undefined {
  const body = req.body as { operationName?: unknown; query?: unknown } | undefined;
  if (typeof body?.operationName === 'string') return body.operationName;
  if (typeof body?.query !== 'string') return undefined;
  const match = /^\s*(query|mutation|subscription)\s*(\w*)/.exec(body.query);
  return match ? `${match[1]}${match[2] ? ` ${match[2]}` : ''}` : 'query';
}

/**
 * One JSON line per request: request id (taken from a sane `X-Request-Id` or made, and echoed
 * in the response), method, URL, GraphQL operation, status and duration. Headers and bodies
 * are never logged, so neither are passwords nor tokens.
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req) => ({ operation: operationOf(req) }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
