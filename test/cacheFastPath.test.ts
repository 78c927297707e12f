// Cache hits answered before Express (src/cache/fastHits.ts): the same headers, body, 304s and log
// line as the same hit answered through Express; everything else reaches Express unchanged.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import { Redis } from 'ioredis';
import { answerHitsFirst, type HeaderHandler } from '../src/cache/fastHits';
import { cacheHeaders, REST_CATALOG_POLICY } from '../src/cache/policy';
import { connectCacheRedis, readyOrTimeout } from '../src/cache/redis';
import { createResponseCache } from '../src/cache/responseCache';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { requestLogging } from '../src/requestLogging';
import { dialects } from './support/databases';
import { createProduct } from './support/products';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/testApp';

const REDIS_URL = 'redis://127.0.0.1:6379';
const ORIGIN = 'http://shop.example';
/** No Origin, an allowed one, another: CORS headers differ, the two paths' must not. */
const ORIGINS: Record<string, string>[] = [{}, { origin: ORIGIN }, { origin: 'http://elsewhere.example' }];
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

/** Headers of a response but those that differ between two answers of one entry by nature (Date, Age). */
function comparable(response: Response): Record<string, string> {
  const headers = Object.fromEntries(response.headers);
  delete headers.date;
  delete headers.age;
  return headers;
}

async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

/** Waits until some answer is stored under `prefix` (answers are stored after they are sent). */
async function stored(redis: Redis, prefix: string, count = 1): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await redis.keys(`${prefix}:answer:*`)).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the answer was never stored');
}

describe('the fast path in front of Express (one server, both paths)', () => {
  const prefix = `test:fastpath:${randomBytes(6).toString('hex')}`;
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, REDIS_URL, CACHE_KEY_PREFIX: prefix });
  const redis = new Redis(REDIS_URL);
  const cacheRedis = connectCacheRedis(REDIS_URL);
  const cache = createResponseCache(config, createLogger('silent'), cacheRedis);
  let server: Server;
  let url: string;
  let reachedExpress = 0;
  let computed = 0;
  let draining = false;

  beforeAll(async () => {
    await readyOrTimeout(cacheRedis);
    const app = express();
    app.set('etag', 'strong');
    const security = helmet();
    const corsHeaders = cors({ origin: [ORIGIN] });
    // As src/app.ts: instance, request id and log line, security headers, CORS, then the cache.
    app.use((_req, res, next) => {
      res.setHeader('X-Instance-Id', 'test-instance');
      next();
    }, requestLogging(createLogger('silent')));
    app.use(security, corsHeaders, cache.middleware);
    app.get('/api/products', (_req, res) => {
      computed += 1;
      res.set(cacheHeaders(REST_CATALOG_POLICY, true)).json({ products: [{ id: '1', name: 'Lamp' }] });
    });
    app.post('/api/products', (_req, res) => void res.status(201).json({}));
    const expressListener = (req: IncomingMessage, res: ServerResponse) => {
      reachedExpress += 1;
      app(req, res);
    };
    server = createServer(
      answerHitsFirst({
        cache,
        app: expressListener,
        logger: createLogger('silent'),
        instanceId: 'test-instance',
        securityHeaders: () => security as HeaderHandler,
        cors: corsHeaders as HeaderHandler,
        draining: () => draining,
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await removeKeys(redis, prefix);
    cacheRedis.disconnect();
    redis.disconnect();
  });

  it('answers a stored answer without Express, as Express answers it: headers, bytes, 304', async () => {
    const miss = await fetch(`${url}/api/products`);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const body = await miss.text();
    await stored(redis, prefix);
    const before = { reachedExpress, computed };

    for (const headers of ORIGINS) {
      const requestHeaders = { ...headers, 'x-request-id': 'same-id' };
      draining = false;
      const fast = await fetch(`${url}/api/products`, { headers: requestHeaders });
      expect(reachedExpress).toBe(before.reachedExpress);
      draining = true; // now Express answers the same hit
      const viaExpress = await fetch(`${url}/api/products`, { headers: requestHeaders });
      expect(reachedExpress).toBe(before.reachedExpress + 1);
      before.reachedExpress = reachedExpress;
      expect(fast.headers.get('x-cache')).toBe('HIT');
      expect(comparable(fast)).toEqual(comparable(viaExpress));
      expect(await fast.text()).toBe(body);
      expect(await viaExpress.text()).toBe(body);
    }
    draining = false;
    expect(computed).toBe(before.computed);

    const etag = miss.headers.get('etag')!;
    const conditional = { 'if-none-match': etag, 'cache-control': 'max-age=0', 'x-request-id': 'same-id' };
    const fast304 = await fetch(`${url}/api/products`, { headers: conditional });
    expect(reachedExpress).toBe(before.reachedExpress);
    draining = true;
    const express304 = await fetch(`${url}/api/products`, { headers: conditional });
    draining = false;
    expect([fast304.status, express304.status]).toEqual([304, 304]);
    expect(comparable(fast304)).toEqual(comparable(express304));
    expect(fast304.headers.get('content-type')).toBeNull();
    // A revalidation that forbids a cached 304 (no-cache) gets the body.
    const forced = await fetch(`${url}/api/products`, { headers: { 'if-none-match': etag } });
    expect(forced.status).toBe(200);
    expect(await forced.text()).toBe(body);
  });

  it("one event-loop turn's lookups share one Redis command, and each gets its own answer", async () => {
    await fetch(`${url}/api/products`).then((response) => response.text());
    await stored(redis, prefix);
    const mget = cacheRedis.mgetBuffer.bind(cacheRedis);
    let commands = 0;
    cacheRedis.mgetBuffer = ((...args: Parameters<typeof mget>) => {
      commands += 1;
      return mget(...args);
    }) as typeof cacheRedis.mgetBuffer;
    try {
      // As fetch sends it: an answer is kept per Accept.
      const request = (path: string) => ({ method: 'GET', url: path, headers: { accept: '*/*' } }) as unknown as IncomingMessage;
      const paths = ['/api/products', ...Array.from({ length: 9 }, (_, i) => `/api/products/${i + 1}`)];
      const outcomes = await Promise.all(paths.map((path) => cache.lookup(request(path))));
      expect(commands).toBe(1);
      expect(outcomes[0]).toHaveProperty('hit');
      for (const outcome of outcomes.slice(1)) expect(outcome).toHaveProperty('miss');
      // A lookup alone still completes (at the end of its turn).
      expect(await cache.lookup(request('/api/products'))).toHaveProperty('hit');
      expect(commands).toBe(2);
    } finally {
      cacheRedis.mgetBuffer = mget;
    }
  });

  it('hands everything else to Express: a token, another method, a miss', async () => {
    await fetch(`${url}/api/products`).then((response) => response.text());
    await stored(redis, prefix);
    const reached = () => reachedExpress;

    let before = reached();
    const signedIn = await fetch(`${url}/api/products`, { headers: { authorization: 'Bearer x' } });
    expect(reached()).toBe(before + 1);
    expect(signedIn.headers.get('x-cache')).toBeNull();

    before = reached();
    expect((await fetch(`${url}/api/products`, { method: 'POST' })).status).toBe(201);
    expect(reached()).toBe(before + 1);

    before = reached();
    const miss = await fetch(`${url}/api/products?page=2`);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(reached()).toBe(before + 1);
  });
});

describe.each(dialects)('the fast path of the app on %s', (dialect) => {
  const prefix = `test:fastpath:${randomBytes(6).toString('hex')}`;
  const redis = new Redis(REDIS_URL);
  // The same instance id and CORS list: two apps whose answers of one hit must be alike.
  const shared = { REDIS_URL, CACHE_KEY_PREFIX: prefix, INSTANCE_ID: 'api-1', FRONTEND_URL: ORIGIN, LOG_LEVEL: 'info' };
  const logs = { viaExpress: [] as string[], fast: [] as string[] };
  let viaExpress: TestApp;
  let fast: TestApp;

  beforeAll(async () => {
    viaExpress = await startTestApp(dialect, { ...shared, RESPONSE_CACHE_FAST_PATH: 'off' }, { logs: { write: (line: string) => void logs.viaExpress.push(line) } });
    fast = await startTestApp(dialect, shared, { logs: { write: (line: string) => void logs.fast.push(line) } });
  });

  afterAll(async () => {
    await Promise.all([viaExpress.close(), fast.close()]);
    await removeKeys(redis, prefix);
    redis.disconnect();
  });

  beforeEach(async () => {
    await Promise.all([viaExpress.reset(), fast.reset()]);
    await redis.incr(`${prefix}:version`);
  });

  const get = (app: TestApp, path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers: { ...PREFLIGHT, ...headers } });

  /** The request log line of `id`, but what differs between processes and moments. */
  function logLine(lines: string[], id: string): Record<string, unknown> {
    const line = lines.map((text) => JSON.parse(text) as { req?: { id?: string } } & Record<string, unknown>).find((entry) => entry.req?.id === id);
    if (!line) throw new Error(`no log line for ${id}`);
    const { time: _time, pid: _pid, hostname: _hostname, responseTime, ...rest } = line;
    expect(typeof responseTime).toBe('number');
    return rest;
  }

  it('a hit answered before Express has the headers, body, 304 and log line of the same hit through Express', async () => {
    const { id } = await createProduct(viaExpress.db, { priceCents: 1250, stock: 4 });
    const query = `{ products(first: 5) { nodes { id name price stock } } }`;
    const paths = ['/api/products?limit=5', `/api/products/${id}`, `/graphql?${new URLSearchParams({ query })}`];
    for (const path of paths) {
      const miss = await get(viaExpress, path);
      expect([path, miss.headers.get('x-cache')]).toEqual([path, 'MISS']);
      const body = await miss.text();
      await stored(redis, prefix, paths.indexOf(path) + 1);
      for (const headers of ORIGINS) {
        const requestId = `hit-${randomBytes(4).toString('hex')}`;
        const both = await Promise.all([viaExpress, fast].map((app) => get(app, path, { ...headers, 'x-request-id': requestId })));
        const [throughExpress, beforeExpress] = both as [Response, Response];
        expect([path, beforeExpress.headers.get('x-cache')]).toEqual([path, 'HIT']);
        expect(comparable(beforeExpress)).toEqual(comparable(throughExpress));
        expect(await beforeExpress.text()).toBe(body);
        expect(await throughExpress.text()).toBe(body);
        await new Promise((resolve) => setTimeout(resolve, 20)); // the line is written when the response closes
        expect(logLine(logs.fast, requestId)).toEqual(logLine(logs.viaExpress, requestId));
      }
      const conditional = { 'if-none-match': miss.headers.get('etag')!, 'cache-control': 'max-age=0', 'x-request-id': 'revalidation' };
      const [express304, fast304] = await Promise.all([get(viaExpress, path, conditional), get(fast, path, conditional)]);
      expect([express304.status, fast304.status]).toEqual([304, 304]);
      expect(comparable(fast304)).toEqual(comparable(express304));
    }
  });

  it('an admin price change reaches the next read at once: no stale price from the fast path', async () => {
    const { id } = await createProduct(fast.db, { priceCents: 800, stock: 3 });
    const admin = (await fast.signUp('admin@example.com', { role: 'admin' })).token;
    const price = async () => {
      const response = await get(fast, `/api/products/${id}`);
      return [response.headers.get('x-cache'), ((await response.json()) as { price: number }).price];
    };
    expect(await price()).toEqual(['MISS', 8]);
    await stored(redis, prefix);
    expect(await price()).toEqual(['HIT', 8]);
    await fast.api().put(`/api/products/${id}`).set('Authorization', `Bearer ${admin}`).send({ price: 9.5 }).expect(200);
    expect(await price()).toEqual(['MISS', 9.5]);
    for (let i = 0; i < 50; i++) {
      const [cache, now] = await price();
      expect(now).toBe(9.5);
      if (cache === 'HIT') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the new price was never cached');
  });

  it('a request with a token never gets a cached answer', async () => {
    await createProduct(fast.db, { priceCents: 800, stock: 3 });
    const alice = (await fast.signUp('alice@example.com')).token;
    await (await get(fast, '/api/products')).text();
    await stored(redis, prefix);
    expect((await get(fast, '/api/products')).headers.get('x-cache')).toBe('HIT');
    for (const authorization of [`Bearer ${alice}`, 'Bearer nonsense', 'Basic eDp5']) {
      const response = await get(fast, '/api/products', { authorization });
      expect([authorization, response.headers.get('x-cache'), response.headers.get('cache-control')]).toEqual([authorization, null, 'private, no-store']);
      await response.text();
    }
  });

  it('RESPONSE_CACHE=off: no answer comes from Redis, before Express or in it', async () => {
    await createProduct(fast.db, { priceCents: 800, stock: 3 });
    const cachedBody = await (await get(fast, '/api/products')).text();
    await stored(redis, prefix);
    const off = await startTestApp(dialect, { ...shared, RESPONSE_CACHE: 'off', RESPONSE_CACHE_FAST_PATH: 'on' });
    try {
      const response = await get(off, '/api/products');
      expect(response.headers.get('x-cache')).toBeNull();
      const body = await response.text();
      expect(body).not.toBe(cachedBody); // its own (empty) database's answer
      expect(JSON.parse(body)).toMatchObject({ products: [] });
    } finally {
      await off.close();
    }
  });
});
