// Caching (issue 20): HTTP caching headers of public reads, the policy from @cacheControl hints,
// the shared Redis response cache with its catalog version, and Redis outages.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { buildSchema, parse } from 'graphql';
import { CACHE_BOUNDS, graphqlCachePolicies, VARY } from '../src/cache/policy';
import { decodeAnswer } from '../src/cache/responseCache';
import { cacheHints, typeDefs } from '../src/graphql/generated/typeDefs';
import { dialects } from './support/databases';
import { assertMatchesOpenApi } from './support/openapiValidation';
import { createProduct } from './support/products';
import { freePort } from './support/serverProcess';
import { startTestApp, type TestApp } from './support/testApp';

const REDIS_URL = 'redis://127.0.0.1:6379';

const LIST = '{ products(first: 5) { nodes { id name price } } }';
const LIST_WITH_STOCK = '{ products(first: 5) { nodes { id name price stock } } }';
const catalogMaxAge = CACHE_BOUNDS.catalog.maxAge;
const stockMaxAge = CACHE_BOUNDS.stock.maxAge;

function graphqlUrl(query: string, variables?: Record<string, unknown>): string {
  const params = new URLSearchParams({ query });
  if (variables) params.set('variables', JSON.stringify(variables));
  return `/graphql?${params.toString()}`;
}

/**
 * A conditional request as a browser revalidating sends it. fetch() adds `Cache-Control: no-cache`
 * to a request with If-None-Match unless one is given, and no-cache asks the server not to answer 304.
 */
function revalidate(etag: string): Record<string, string> {
  return { 'if-none-match': etag, 'cache-control': 'max-age=0' };
}

/** SQL statements the app's database handle runs while `run` runs. */
async function statementsDuring(app: TestApp, run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const listener = () => void count++;
  app.db.on('query', listener);
  try {
    await run();
  } finally {
    app.db.off('query', listener);
  }
  return count;
}

describe('the cache policy of GraphQL documents', () => {
  const schema = buildSchema(typeDefs);
  const policyOf = graphqlCachePolicies(schema, cacheHints);

  it('takes the smallest hint of the fields a document selects, fragments included', () => {
    expect(policyOf(parse(LIST))).toEqual({ maxAge: catalogMaxAge });
    expect(policyOf(parse(LIST_WITH_STOCK))).toEqual({ maxAge: stockMaxAge });
    const viaFragment = parse('query { product(id: 1) { ...P } } fragment P on Product { id stock }');
    expect(policyOf(viaFragment)).toEqual({ maxAge: stockMaxAge });
    expect(policyOf(parse('{ categories __typename }'))).toEqual({ maxAge: catalogMaxAge });
  });

  it('never shares viewer-specific roots, mutations or introspection', () => {
    for (const query of [
      '{ me { id } }',
      '{ products { nodes { id } } me { id } }',
      '{ myOrders { nodes { id } } }',
      '{ order(id: 1) { id } }',
      '{ __schema { queryType { name } } }',
      'mutation { logout }',
    ]) {
      expect([query, policyOf(parse(query)).maxAge]).toEqual([query, 0]);
    }
  });

  it('computes a document once: the same parsed document gets the same policy object', () => {
    const document = parse(LIST);
    expect(policyOf(document)).toBe(policyOf(document));
  });

  it('reads the bounds of CACHE_BOUNDS from the schema: hints and code state the same seconds', () => {
    expect(new Set(Object.values(cacheHints))).toEqual(new Set([catalogMaxAge, stockMaxAge]));
    expect(cacheHints['Product.stock']).toBe(stockMaxAge);
  });
});

describe.each(dialects)('HTTP caching and the Redis response cache on %s', (dialect) => {
  let app: TestApp;
  let admin: string;
  let alice: string;
  let prefix: string;
  let redis: Redis;

  beforeAll(async () => {
    prefix = `test:caching:${randomBytes(6).toString('hex')}`;
    redis = new Redis(REDIS_URL);
    app = await startTestApp(dialect, { REDIS_URL, CACHE_KEY_PREFIX: prefix });
  });

  afterAll(async () => {
    await app.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  beforeEach(async () => {
    await app.reset();
    await redis.incr(`${prefix}:version`); // every test starts with an empty cache
    admin = (await app.signUp('admin@example.com', { role: 'admin' })).token;
    alice = (await app.signUp('alice@example.com')).token;
  });

  async function product(fields: { price?: number; stock?: number } = {}): Promise<number> {
    return (await createProduct(app.db, { priceCents: fields.price ?? 800, stock: fields.stock ?? 10 })).id;
  }

  // Apollo's CSRF prevention wants this header on a GET; browsers' and CDNs' requests carry it too (README).
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });

  describe('headers', () => {
    it('REST catalog reads: public with the stock bound, a strong ETag, Vary, 304 on If-None-Match, each as the OpenAPI document says', async () => {
      const id = await product();
      for (const path of ['/api/products', `/api/products/${id}`]) {
        const response = await get(path);
        expect(response.status).toBe(200);
        assertMatchesOpenApi('GET', path, 200, Object.fromEntries(response.headers), await response.clone().json());
        expect(response.headers.get('cache-control')).toBe(`public, max-age=${stockMaxAge}, stale-while-revalidate=${CACHE_BOUNDS.stock.stale}`);
        expect(response.headers.get('vary')).toContain(VARY);
        const etag = response.headers.get('etag');
        expect(etag).toMatch(/^"[^"]+"$/); // strong: no W/
        const again = await get(path, revalidate(etag!));
        expect(again.status).toBe(304);
        const body = await again.text();
        expect(body).toBe('');
        assertMatchesOpenApi('GET', path, 304, Object.fromEntries(again.headers), body);
      }
    });

    it('REST: with a token, or a refused read, the answer is private, no-store', async () => {
      const id = await product();
      const signedIn = await get(`/api/products/${id}`, { authorization: `Bearer ${alice}` });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
      const missing = await get('/api/products/999999');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('cache-control')).toBe('private, no-store');
      const bad = await get('/api/products?page=abc');
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.headers.get('cache-control')).toBe('private, no-store');
    });

    it('GraphQL GET: the catalog bound, the stock bound when stock is asked for; 304 on If-None-Match', async () => {
      await product();
      const list = await get(graphqlUrl(LIST));
      expect(list.status).toBe(200);
      expect(list.headers.get('cache-control')).toBe(`public, max-age=${catalogMaxAge}, stale-while-revalidate=${CACHE_BOUNDS.catalog.stale}`);
      expect(list.headers.get('vary')).toContain(VARY);
      const withStock = await get(graphqlUrl(LIST_WITH_STOCK));
      expect(withStock.headers.get('cache-control')).toMatch(new RegExp(`^public, max-age=${stockMaxAge},`));
      const again = await get(graphqlUrl(LIST), revalidate(list.headers.get('etag')!));
      expect(again.status).toBe(304);
    });

    it('GraphQL: a viewer, a token, a viewer-only field, an error or a POST is private, no-store', async () => {
      await product();
      const cases: [string, Promise<Response>][] = [
        ['token', get(graphqlUrl(LIST), { authorization: `Bearer ${alice}` })],
        ['bad token', get(graphqlUrl(LIST), { authorization: 'Bearer nonsense' })],
        ['me', get(graphqlUrl('{ me { id } }'))],
        ['error', get(graphqlUrl('{ product(id: "x") { id } }'))],
        ['invalid', get(graphqlUrl('{ products { nope } }'))],
        [
          'post',
          fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LIST }) }),
        ],
      ];
      for (const [name, pending] of cases) {
        const response = await pending;
        expect([name, response.headers.get('cache-control')]).toEqual([name, 'private, no-store']);
        expect([name, response.headers.get('x-cache')]).not.toEqual([name, 'HIT']);
      }
    });
  });

  describe('the Redis response cache', () => {
    it('answers a repeated anonymous read from Redis with no SQL statement, REST and GraphQL alike', async () => {
      await product();
      for (const path of ['/api/products?limit=5', graphqlUrl(LIST)]) {
        const first = await get(path);
        expect(first.headers.get('x-cache')).toBe('MISS');
        const body = await first.text();
        await waitForKey();
        let second: Response | undefined;
        const statements = await statementsDuring(app, async () => {
          second = await get(path);
        });
        expect(second!.headers.get('x-cache')).toBe('HIT');
        expect(await second!.text()).toBe(body);
        expect(second!.headers.get('etag')).toBe(first.headers.get('etag'));
        expect(second!.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
        expect(statements).toBe(0);
        const notModified = await get(path, revalidate(first.headers.get('etag')!));
        expect(notModified.status).toBe(304);
      }
    });

    it('keeps stock-bearing answers no longer than the stock bound, others no longer than the catalog bound', async () => {
      await product();
      await (await get(graphqlUrl(LIST))).text();
      await (await get(graphqlUrl(LIST_WITH_STOCK))).text();
      await waitForKey(2);
      const ttls = await Promise.all((await entryKeys()).map((key) => redis.ttl(key)));
      expect(ttls.sort((a, b) => a - b)).toEqual([expect.any(Number), expect.any(Number)]);
      expect(ttls[0]).toBeLessThanOrEqual(stockMaxAge);
      expect(ttls[1]).toBeGreaterThan(stockMaxAge);
      expect(ttls[1]).toBeLessThanOrEqual(catalogMaxAge);
    });

    it('an admin price change (GraphQL or REST) reaches the next anonymous read at once', async () => {
      const id = await product({ price: 800 });
      const query = `{ product(id: ${id}) { price } }`;
      expect(await (await get(graphqlUrl(query))).json()).toMatchObject({ data: { product: { price: '8.00' } } });
      await waitForKey();
      expect((await get(graphqlUrl(query))).headers.get('x-cache')).toBe('HIT');

      const update = await app.gql(`mutation { updateProduct(id: ${id}, input: { price: "9.50" }) { price } }`, {}, admin);
      expect(update.errors).toBeUndefined();
      const after = await get(graphqlUrl(query));
      expect(after.headers.get('x-cache')).toBe('MISS');
      expect(await after.json()).toMatchObject({ data: { product: { price: '9.50' } } });

      await waitForKey();
      await app.api().put(`/api/products/${id}`).set('Authorization', `Bearer ${admin}`).send({ price: 11 }).expect(200);
      const rest = await get(`/api/products/${id}`);
      expect(rest.headers.get('x-cache')).toBe('MISS');
      expect(((await rest.json()) as { price: number }).price).toBe(11);
      await app.api().delete(`/api/products/${id}`).set('Authorization', `Bearer ${admin}`).expect(204);
      expect((await get(`/api/products/${id}`)).status).toBe(404);
    });

    it('never stores or serves a cached answer to a request with a token', async () => {
      await product();
      await (await get(graphqlUrl(LIST))).text();
      await waitForKey();
      const keysBefore = await entryKeys();
      for (let i = 0; i < 3; i++) {
        const response = await get(graphqlUrl(LIST), { authorization: `Bearer ${alice}` });
        expect(response.headers.get('x-cache')).toBeNull();
        expect(response.headers.get('cache-control')).toBe('private, no-store');
        const me = await get(graphqlUrl('{ me { email } }'), { authorization: `Bearer ${alice}` });
        expect(await me.json()).toMatchObject({ data: { me: { email: 'alice@example.com' } } });
      }
      expect(await entryKeys()).toEqual(keysBefore);
    });

    it('placeOrder stays the authority: an order against stale cached stock is INSUFFICIENT_STOCK', async () => {
      const id = await product({ stock: 3 });
      const query = `{ product(id: ${id}) { stock } }`;
      expect(await (await get(graphqlUrl(query))).json()).toMatchObject({ data: { product: { stock: 3 } } });
      await waitForKey();
      const place = (quantity: number) =>
        app.gql(`mutation { placeOrder(input: { items: [{ productId: ${id}, quantity: ${quantity} }] }) { id } }`, {}, alice);
      expect((await place(2)).errors).toBeUndefined();
      // The cached answer may still say 3 (within the stock bound) …
      const cached = await get(graphqlUrl(query));
      expect(cached.headers.get('x-cache')).toBe('HIT');
      // … but the order is checked against the database.
      const refused = await place(3);
      expect(refused.errors?.[0]?.extensions.code).toBe('INSUFFICIENT_STOCK');
    });
  });

  describe('automatic persisted queries by GET', () => {
    it('a hash registered through one instance is known to another sharing Redis; its answer is public', async () => {
      await product();
      const query = `{ products(first: 3) { nodes { name } } } # ${randomBytes(4).toString('hex')}`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
      const byHash = (base: string) => fetch(`${base}/graphql?${new URLSearchParams({ extensions })}`, { headers: { 'apollo-require-preflight': 'true' } });

      const unknown = (await (await byHash(app.url)).json()) as { errors: { extensions: { code: string } }[] };
      expect(unknown.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const registered = await get(`/graphql?${new URLSearchParams({ query, extensions })}`);
      expect(registered.status).toBe(200);
      // Apollo stores the document without awaiting the write: wait until Redis has it.
      for (let i = 0; i < 100 && (await redis.keys(`${prefix}:apq:*${sha256Hash}`)).length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }

      const other = await startTestApp(dialect, { REDIS_URL, CACHE_KEY_PREFIX: prefix });
      try {
        const answer = await byHash(other.url);
        expect(answer.status).toBe(200);
        // The other app has a database of its own (empty): what matters is that the hash was known.
        expect(await answer.json()).toEqual({ data: { products: { nodes: [] } }, extensions: expect.anything() });
        expect(answer.headers.get('cache-control')).toMatch(new RegExp(`^public, max-age=${catalogMaxAge},`));
      } finally {
        await other.close();
      }
    });
  });

  /** The keys of the answers stored under the current catalog version. */
  async function entryKeys(): Promise<string[]> {
    const version = (await redis.get(`${prefix}:version`)) ?? '0';
    const keys = await redis.keys(`${prefix}:answer:*`);
    const values = keys.length === 0 ? [] : await redis.mgetBuffer(...keys);
    return keys.filter((_key, i) => values[i] && decodeAnswer(values[i])?.version === version).sort();
  }

  /** Entries are stored after the answer is sent: wait until `count` entries exist. */
  async function waitForKey(count = 1): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if ((await entryKeys()).length >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the answer was never stored');
  }
});

describe.each(dialects)('a Redis outage on %s', (dialect) => {
  let server: ChildProcess | undefined;
  let app: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    // A Redis of this test's own, to kill, on a free port (parallel runs share the machine).
    const ownRedisPort = await freePort();
    server = spawn('redis-server', ['--port', String(ownRedisPort), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = new Redis(ownRedisPort, '127.0.0.1', { lazyConnect: true, retryStrategy: () => 100 });
    await probe.connect().catch(() => undefined);
    for (let i = 0; i < 50 && probe.status !== 'ready'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    probe.disconnect();
    app = await startTestApp(
      dialect,
      { REDIS_URL: `redis://127.0.0.1:${ownRedisPort}`, LOG_LEVEL: 'info' },
      { logs: { write: (line: string) => void lines.push(line) } },
    );
  });

  afterAll(async () => {
    await app.close();
    if (server?.exitCode === null) server.kill('SIGKILL');
  });

  it('serves uncached answers, logs once, fails nothing; admin writes still succeed', async () => {
    const { id } = await createProduct(app.db, { priceCents: 800, stock: 5 });
    const path = `/api/products/${id}`;
    await (await fetch(`${app.url}${path}`)).text();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`${app.url}${path}`)).headers.get('x-cache')).toBe('HIT');

    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server!.kill('SIGKILL');
    await exited;
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-cache')).toBeNull();
      expect(response.headers.get('cache-control')).toMatch(/^public/);
      await response.text();
    }
    const admin = (await app.signUp('admin@example.com', { role: 'admin' })).token;
    await app.api().put(path).set('Authorization', `Bearer ${admin}`).send({ price: 9 }).expect(200);
    expect(((await (await fetch(`${app.url}${path}`)).json()) as { price: number }).price).toBe(9);
    const warnings = lines.filter((line) => line.includes('response cache: Redis unavailable'));
    expect(warnings).toHaveLength(1);
  });
});
