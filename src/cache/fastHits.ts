import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import fresh from 'fresh';
import type { Logger } from 'pino';
import { logWhenDone, requestId } from '../requestLogging';
import { responseCacheCandidate } from './policy';
import { hitHeaders, type CachedAnswer, type ResponseCache, type StoredHeaders } from './responseCache';

/** A connect-style handler that only sets headers and calls `next` at once (helmet, cors). */
export type HeaderHandler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export interface FastHitOptions {
  cache: ResponseCache;
  /** Express: everything the fast path does not answer, untouched. */
  app: RequestListener;
  logger: Logger;
  instanceId: string;
  /** The app's security headers for a path (helmet; static, so recorded once per handler). */
  securityHeaders: (path: string) => HeaderHandler;
  /** The app's CORS handler, run as Express runs it (its answer depends on the Origin sent). */
  cors: HeaderHandler;
  /** While the app shuts down every request goes through Express. */
  draining: () => boolean;
}

/**
 * The server's 'request' listener: an anonymous catalog read (policy.ts decides which) whose
 * answer Redis holds is answered here, before Express, with one Redis read (shared by the turn's lookups) and the bytes
 * as stored — the same headers and log line as Express's answer of the same hit (security
 * headers, CORS, X-Instance-Id, X-Request-Id, stored Cache-Control/Vary/ETag, Age, X-Cache), and
 * 304 to a matching If-None-Match. Everything else — a miss, Redis down, a token, another method,
 * a body, draining — goes to Express unchanged (a miss carries its lookup, so Express stores the
 * answer without asking Redis again). Catalog reads have no rate limit to skip: what bounds them
 * is the expensive-read gate on database connections (src/services/expensiveReads.ts), which a
 * hit never takes (README "Caching and CDNs").
 */
export function answerHitsFirst(options: FastHitOptions): RequestListener {
  const { cache, app, logger } = options;
  if (!cache.enabled) return app;
  // The headers set before the hit's own: the security headers of a path, recorded once per
  // handler; CORS, recorded once for a request without Origin (cors's answer depends on nothing else).
  const security = new Map<HeaderHandler, Header[]>();
  const securityHeaders = (path: string): Header[] => {
    const handler = options.securityHeaders(path);
    let headers = security.get(handler);
    if (!headers) security.set(handler, (headers = recordHeaders(handler, path)));
    return headers;
  };
  const corsWithoutOrigin = recordHeaders(options.cors, '/');

  /**
   * The headers of a hit in the order Express sets them — instance, request id, security, CORS,
   * then the hit's own, which replace those set before (Vary) where they stand, as setHeader does
   * — flat, with the request id and Age left to fill in. Without Origin they
   * depend on the path's security headers and the stored ones only: kept per stored headers.
   */
  const templates = new WeakMap<StoredHeaders, Map<string, Template>>();
  function template(path: string, origin: string | undefined, hit: CachedAnswer, notModified: boolean): Template {
    const key = `${notModified}:${path}`;
    if (origin === undefined) {
      const kept = templates.get(hit.headers)?.get(key);
      if (kept) return kept;
    }
    const cors = origin === undefined ? corsWithoutOrigin : recordHeaders(options.cors, path, origin);
    const headers: Header[] = [['X-Instance-Id', options.instanceId], ['X-Request-Id', ''], ...securityHeaders(path), ...cors];
    for (const header of hitHeaders({ ...hit, at: 0 }, 0)) {
      const name = header[0].toLowerCase();
      if (notModified && name === 'content-type') continue; // no body, as Express's own 304s
      const at = headers.findIndex(([other]) => other.toLowerCase() === name);
      if (at === -1) headers.push(header);
      else headers[at] = header;
    }
    const flat = headers.flat();
    const made = { flat, requestIdAt: flat.indexOf('X-Request-Id') + 1, ageAt: flat.indexOf('Age') + 1 };
    if (origin === undefined) {
      let byPath = templates.get(hit.headers);
      if (!byPath) templates.set(hit.headers, (byPath = new Map()));
      byPath.set(key, made);
    }
    return made;
  }

  function answer(req: IncomingMessage, res: ServerResponse, hit: CachedAnswer): void {
    const id = requestId(req.headers['x-request-id']);
    const notModified = fresh(req.headers, { etag: hit.headers.etag });
    // A hit ends 200 or 304 (or aborted with that status): its line is `info`, built only if that level is on.
    if (logger.isLevelEnabled('info')) logWhenDone(logger, id, req, res, () => graphqlParams(req.url ?? ''));
    const { flat, requestIdAt, ageAt } = template(pathOf(req.url ?? ''), req.headers.origin, hit, notModified);
    const headers = flat.slice();
    headers[requestIdAt] = id;
    headers[ageAt] = String(Math.max(0, Math.floor((Date.now() - hit.at) / 1000)));
    if (!notModified) headers.push('Content-Length', String(hit.body.length));
    res.writeHead(notModified ? 304 : 200, headers);
    res.end(notModified ? undefined : hit.body);
  }

  return (req, res) => {
    if (!responseCacheCandidate(req) || options.draining()) return app(req, res);
    cache.lookup(req).then(
      (outcome) => {
        if (outcome === 'unavailable' || !('hit' in outcome)) {
          cache.lookedUp(req, outcome);
          return app(req, res);
        }
        try {
          answer(req, res, outcome.hit);
        } catch (error) {
          // Before a byte is sent, Express answers (its error handler included); after, the response can only be cut.
          if (!res.headersSent) return app(req, res);
          logger.error({ err: error }, 'response cache: a hit failed while being sent');
          res.destroy();
        }
      },
      // lookup() settles Redis failures itself.
      () => app(req, res),
    );
  };
}

type Header = [string, string];

/** A hit's headers as writeHead takes them, and where the per-request values go. */
interface Template {
  flat: string[];
  requestIdAt: number;
  ageAt: number;
}

function pathOf(url: string): string {
  const mark = url.indexOf('?');
  return mark === -1 ? url : url.slice(0, mark);
}

/** Only for the request's log line (when its level is on): the GraphQL operation in a GET's query string. */
function graphqlParams(url: string): { operationName?: unknown; query?: unknown } | undefined {
  const mark = url.indexOf('?');
  if (!url.startsWith('/graphql') || mark === -1) return undefined;
  const params = new URLSearchParams(url.slice(mark + 1));
  return { operationName: params.get('operationName') ?? undefined, query: params.get('query') ?? undefined };
}

/** The headers `handler` sets on a response to a GET of `path` (it must set them synchronously). */
function recordHeaders(handler: HeaderHandler, path: string, origin?: string): Header[] {
  const headers = new Map<string, Header>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), [name, Array.isArray(value) ? value.join(', ') : String(value)]);
      return recorder;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase())?.[1],
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  let called = false;
  const req = { method: 'GET', url: path, headers: origin === undefined ? {} : { origin } } as IncomingMessage;
  handler(req, recorder as unknown as ServerResponse, () => (called = true));
  if (!called) throw new Error(`the headers of ${path} are not set synchronously`);
  return [...headers.values()];
}
