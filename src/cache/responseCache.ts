import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { publicMaxAge, responseCacheCandidate } from './policy';

/**
 * The catalog's version: every admin product write bumps it (one INCR), and every cached answer
 * is keyed by it, so all instances miss at once after an edit. Services call it, never transports.
 */
export interface CatalogVersion {
  bump(): Promise<void>;
}

/** What a stored answer sends besides its body (the rest — security headers, CORS — the app sets per request). */
const STORED_HEADERS = ['content-type', 'cache-control', 'vary', 'etag'] as const;
export type StoredHeaders = Partial<Record<(typeof STORED_HEADERS)[number], string>>;

/**
 * A stored answer: the catalog version it was computed under, its headers, when it was stored (ms
 * since the epoch, for the Age header), and its bytes.
 */
export interface CachedAnswer {
  version: string;
  headers: StoredHeaders;
  at: number;
  body: Buffer;
}

/** A lookup's outcome: an answer, a miss (to be stored under `version`), or Redis unavailable. */
export type Lookup = { hit: CachedAnswer } | { miss: string } | 'unavailable';

/**
 * The shared response cache of anonymous catalog reads, one per app. It keeps what the cache
 * policy (src/cache/policy.ts) marked public — REST and GraphQL answers alike — in Redis under
 * `<CACHE_KEY_PREFIX>:answer:<Accept>:<URL>` for their max-age, each with the catalog version it
 * was computed under: an answer of another version than the current one is a miss. Hits are answered before
 * Express by src/cache/fastHits.ts; `middleware` answers those it did not try (it looks up itself)
 * and stores misses. Redis down: answers are computed as without a cache, one warning per outage
 * is logged, nothing fails.
 */
export interface ResponseCache extends CatalogVersion {
  /** False with RESPONSE_CACHE=off or without Redis: lookups always miss, nothing is stored. */
  enabled: boolean;
  /** The catalog version and the answer stored for a candidate request (policy.ts) under it: one MGET shared by the turn's lookups. */
  lookup(req: IncomingMessage): Promise<Lookup>;
  /** Marks a request the fast path looked up and missed (or could not look up), so Express does not ask again. */
  lookedUp(req: IncomingMessage, outcome: Exclude<Lookup, { hit: CachedAnswer }>): void;
  middleware: RequestHandler;
}

/**
 * Stored value: one line of JSON (version, headers, time) then the body's bytes as sent, so a hit
 * is one Redis reply, and neither parsing nor re-serialising of the body.
 */
export function encodeAnswer(answer: CachedAnswer): Buffer {
  const { body, ...head } = answer;
  return Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), body]);
}

/** Parsed head lines: a hot entry's head is parsed once, and its `headers` stay the same object (fastHits.ts keys on it). */
const heads = new LRUCache<string, Omit<CachedAnswer, 'body'>>({ max: 1000 });

export function decodeAnswer(value: Buffer): CachedAnswer | null {
  const newline = value.indexOf(10);
  if (newline === -1) return null;
  const line = value.toString('utf8', 0, newline);
  let head = heads.get(line);
  if (!head) heads.set(line, (head = JSON.parse(line) as Omit<CachedAnswer, 'body'>));
  return { version: head.version, headers: head.headers, at: head.at, body: value.subarray(newline + 1) };
}

/** At most this many answers per MGET (a large reply delays every request of its turn). */
const LOOKUPS_PER_MGET = 64;

const LOOKED_UP = Symbol('response cache lookup');
type Marked = IncomingMessage & { [LOOKED_UP]?: Exclude<Lookup, { hit: CachedAnswer }> };

/** An answer's key: the negotiated media type and the URL as sent. */
function answerKey(prefix: string, req: IncomingMessage): string {
  return `${prefix}:answer:${req.headers.accept ?? ''}:${req.url ?? ''}`;
}

/** `cacheRedis`: the app's connection for the caches (src/cache/redis.ts), null without REDIS_URL. */
export function createResponseCache(config: Readonly<Config>, logger: Logger, cacheRedis: Redis | null): ResponseCache {
  if (!config.responseCache || cacheRedis === null) return uncached;
  const redis = cacheRedis;
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

  /**
   * The lookups of one event-loop turn share one plain MGET: the current version, then each
   * answer (a Lua script doing the same costs Redis more). Under load many requests arrive in
   * one turn, and each Redis command is a write to its socket, the largest cost of a hit; alone,
   * a lookup waits only for the turn's end (setImmediate). Nothing is memoised: every request reads Redis.
   */
  const answers = new DataLoader<string, { version: string; stored: Buffer | null }>(
    async (keys) => {
      const [current, ...stored] = await redis.mgetBuffer(versionKey, ...keys);
      const version = current?.toString() ?? '0';
      return stored.map((value) => ({ version, stored: value }));
    },
    { cache: false, batchScheduleFn: (dispatch) => setImmediate(dispatch), maxBatchSize: LOOKUPS_PER_MGET },
  );

  async function lookup(req: IncomingMessage): Promise<Lookup> {
    let found: { version: string; stored: Buffer | null };
    try {
      found = await answers.load(answerKey(prefix, req));
      worked();
    } catch (error) {
      failed(error);
      return 'unavailable';
    }
    const { version, stored } = found;
    const answer = stored ? decodeAnswer(stored) : null;
    return answer !== null && answer.version === version ? { hit: answer } : { miss: version };
  }

  async function middleware(req: Request, res: Response, next: NextFunction): Promise<void> {
    const marked = (req as Marked)[LOOKED_UP];
    if (marked === undefined && !responseCacheCandidate(req)) return next();
    const outcome = marked ?? (await lookup(req));
    if (outcome === 'unavailable') return next();
    if ('hit' in outcome) return sendHit(req, res, outcome.hit);
    res.setHeader('X-Cache', 'MISS');
    const key = answerKey(prefix, req);
    const version = outcome.miss;
    keepAnswer(res, (stored, maxAge) => {
      redis.set(key, encodeAnswer({ version, ...stored }), 'EX', maxAge).then(worked, failed);
    });
    next();
  }

  return {
    enabled: true,
    lookup,
    lookedUp: (req, outcome) => void ((req as Marked)[LOOKED_UP] = outcome),
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
  enabled: false,
  lookup: () => Promise.resolve('unavailable'),
  lookedUp() {},
  middleware: (_req, _res, next) => next(),
  async bump() {},
};

/** The headers of a hit besides the app's own (security, CORS, instance, request id): the stored ones, Age and X-Cache. */
export function hitHeaders(answer: CachedAnswer, now: number): [string, string][] {
  const headers: [string, string][] = [];
  for (const name of STORED_HEADERS) {
    const value = answer.headers[name];
    if (value !== undefined) headers.push([name, value]);
  }
  headers.push(['Age', String(Math.max(0, Math.floor((now - answer.at) / 1000)))], ['X-Cache', 'HIT']);
  return headers;
}

function sendHit(req: Request, res: Response, answer: CachedAnswer): void {
  for (const [name, value] of hitHeaders(answer, Date.now())) res.setHeader(name, value);
  if (req.fresh) {
    res.removeHeader('content-type'); // no body, as Express's own 304s
    res.status(304).end();
    return;
  }
  res.status(200).end(answer.body);
}

/** Hands a 200 answer whose Cache-Control is public to `store`, as it is sent. */
function keepAnswer(res: Response, store: (answer: Omit<CachedAnswer, 'version'>, maxAge: number) => void): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const [chunk] = args;
    const maxAge = publicMaxAge(res.getHeader('cache-control'));
    if (res.statusCode === 200 && maxAge !== null && maxAge > 0 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      const headers: StoredHeaders = {};
      for (const name of STORED_HEADERS) {
        const value = res.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      store({ headers, at: Date.now(), body: Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk) }, maxAge);
    }
    return end(...args);
  }) as Response['end'];
}
