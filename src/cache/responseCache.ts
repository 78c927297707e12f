import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { anonymousRead, publicMaxAge } from './policy';

/**
 * The catalog's version: every admin product write bumps it (one INCR), and every cached answer
 * is keyed by it, so all instances miss at once after an edit. Services call it, never transports.
 */
export interface CatalogVersion {
  bump(): Promise<void>;
}

/**
 * The shared response cache of anonymous catalog reads, one per app. It keeps what the cache
 * policy (src/cache/policy.ts) marked public — REST and GraphQL answers alike — in Redis under
 * `<CACHE_KEY_PREFIX>:<version>:<Accept>:<URL>` for their max-age, and answers the next same
 * request from there before any route runs. Redis down: answers are computed as without a cache,
 * one warning per outage is logged, nothing fails.
 */
export interface ResponseCache extends CatalogVersion {
  middleware: RequestHandler;
}

/** The reads worth a lookup: anonymous GETs of the REST catalog and GraphQL queries in the URL. */
const CACHED_PATHS = /^\/(api\/products(\/[^/]+)?|graphql)\/?$/;

/** What a hit sends besides the body (the rest — security headers, CORS — the app sets per request). */
const STORED_HEADERS = ['content-type', 'cache-control', 'vary', 'etag'] as const;

interface Entry {
  headers: Partial<Record<(typeof STORED_HEADERS)[number], string>>;
  body: string;
  /** When it was stored (ms since the epoch), for the Age header. */
  at: number;
}

/** One round trip: the catalog version, and the entry stored under it (KEYS[1] version, ARGV key parts). */
const LOOKUP_SCRIPT = `local v = redis.call('GET', KEYS[1]) or '0'
return {v, redis.call('GET', ARGV[1] .. v .. ARGV[2])}`;

type LookupRedis = Redis & { lookup(versionKey: string, head: string, tail: string): Promise<[string, string | null]> };

/** `cacheRedis`: the app's connection for the caches (src/cache/redis.ts), null without REDIS_URL. */
export function createResponseCache(config: Readonly<Config>, logger: Logger, cacheRedis: Redis | null): ResponseCache {
  if (!config.responseCache || cacheRedis === null) return uncached;
  const redis = cacheRedis as LookupRedis;
  redis.defineCommand('lookup', { numberOfKeys: 1, lua: LOOKUP_SCRIPT });
  const prefix = config.cacheKeyPrefix;
  const versionKey = `${prefix}:version`;
  let failing = false;
  const failed = (error: unknown) => {
    if (failing) return;
    failing = true;
    logger.warn({ err: error }, 'response cache: Redis unavailable, answering without the cache until it is back');
  };
  const worked = () => {
    if (failing) logger.info('response cache: Redis is back');
    failing = false;
  };
  redis.on('error', failed);

  async function middleware(req: Request, res: Response, next: NextFunction): Promise<void> {
    const candidate = req.method === 'GET' && anonymousRead(req) && CACHED_PATHS.test(req.path);
    if (!candidate || (req.path.startsWith('/graphql') && !graphqlQueryByGet(req))) return next();
    const tail = `:${req.headers.accept ?? ''}:${req.originalUrl}`;
    let found: [string, string | null];
    try {
      found = await redis.lookup(versionKey, `${prefix}:`, tail);
      worked();
    } catch (error) {
      failed(error);
      return next();
    }
    const [version, stored] = found;
    if (stored !== null) return sendHit(req, res, JSON.parse(stored) as Entry);
    res.setHeader('X-Cache', 'MISS');
    keepAnswer(res, (entry, maxAge) => {
      redis.set(`${prefix}:${version}${tail}`, JSON.stringify(entry), 'EX', maxAge).then(worked, failed);
    });
    next();
  }

  return {
    middleware: (req, res, next) => void middleware(req, res, next).catch(next),
    async bump() {
      try {
        await redis.incr(versionKey);
        worked();
      } catch (error) {
        // The write stands; cached answers then age out within their max-age (README "Caching and CDNs").
        failed(error);
      }
    },
  };
}

/** RESPONSE_CACHE=off or no REDIS_URL: every answer is computed; HTTP caching headers still apply. */
const uncached: ResponseCache = {
  middleware: (_req, _res, next) => next(),
  async bump() {},
};

/**
 * A GET /graphql that Apollo would run: a query string (without one it is the Sandbox page) and a
 * header its CSRF prevention accepts (a simple cross-site GET is refused, cached or not).
 */
function graphqlQueryByGet(req: Request): boolean {
  return req.url.includes('?') && (req.headers['apollo-require-preflight'] !== undefined || req.headers['x-apollo-operation-name'] !== undefined);
}

function sendHit(req: Request, res: Response, entry: Entry): void {
  for (const name of STORED_HEADERS) {
    const value = entry.headers[name];
    if (value !== undefined) res.setHeader(name, value);
  }
  res.setHeader('Age', String(Math.max(0, Math.floor((Date.now() - entry.at) / 1000))));
  res.setHeader('X-Cache', 'HIT');
  if (req.fresh) {
    res.removeHeader('content-type'); // no body, as Express's own 304s
    res.status(304).end();
    return;
  }
  res.status(200).end(entry.body);
}

/** Hands a 200 answer whose Cache-Control is public to `store`, as it is sent. */
function keepAnswer(res: Response, store: (entry: Entry, maxAge: number) => void): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const [chunk] = args;
    const maxAge = publicMaxAge(res.getHeader('cache-control'));
    if (res.statusCode === 200 && maxAge !== null && maxAge > 0 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      const headers: Entry['headers'] = {};
      for (const name of STORED_HEADERS) {
        const value = res.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      store({ headers, body: chunk.toString(), at: Date.now() }, maxAge);
    }
    return end(...args);
  }) as Response['end'];
}
