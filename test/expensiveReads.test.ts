// Hardening II, finding 3: searches that scan the catalog cannot take every pooled connection,
// and a database outage inside GraphQL is a 5xx, logged at error.
import { AppError } from '../src/errors';
import { createExpensiveReadGate, expensiveReadPermits } from '../src/services/expensiveReads';
import { dialects } from './support/databases';
import { graphql } from './support/gql';
import { startProxiedServer, type ProxiedServer } from './support/proxiedServer';
import type { ServerProcess } from './support/serverProcess';
import type { TcpProxy } from './support/tcpProxy';
import { startTestApp, type TestApp } from './support/testApp';

const SEARCH = graphql(`
  query ExpensiveSearch { products(first: 50, search: "77") { totalCount nodes { id } } }
`);
const PRODUCT = graphql(`
  query ExpensiveProduct($id: ID!) { product(id: $id) { id } }
`);

/** A read that finishes when the test says so. */
function heldRead<T>(value: T) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { read: async () => (await done, value), finish };
}

describe('the expensive-read gate', () => {
  it('leaves one pooled connection to other reads, and shares a pool of one', () => {
    expect([1, 2, 4, 10].map(expensiveReadPermits)).toEqual([1, 1, 3, 9]);
  });

  it('runs at most `permits` reads at once and starts the others in arrival order', async () => {
    const gate = createExpensiveReadGate(2, 10_000);
    const reads = [1, 2, 3, 4].map((n) => heldRead(n));
    const started: number[] = [];
    const results = reads.map((held, i) =>
      gate.run(() => {
        started.push(i + 1);
        return held.read();
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2]);
    expect(gate.running()).toBe(2);
    reads[1]!.finish();
    await results[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2, 3]);
    for (const held of reads) held.finish();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4]);
    expect(gate.running()).toBe(0);
  });

  it('refuses a read that waited too long as RATE_LIMITED with a retry time, and frees its place', async () => {
    const gate = createExpensiveReadGate(1, 50);
    const held = heldRead('first');
    const first = gate.run(held.read);
    const refused = await gate.run(async () => 'second').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    held.finish();
    expect(await first).toBe('first');
    expect(await gate.run(async () => 'third')).toBe('third');
    expect(gate.running()).toBe(0);
  });

  it('frees its place when a read fails', async () => {
    const gate = createExpensiveReadGate(1, 50);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});

// Only MySQL has a pool of several connections (DB_POOL_MAX); SQLite's is one connection, which
// every read shares whatever the gate does.
if (dialects.includes('mysql')) {
  describe('a flood of scanning searches on mysql (DB_POOL_MAX=2)', () => {
    let app: TestApp;
    let productId: string;
    beforeAll(async () => {
      app = await startTestApp('mysql', { DB_POOL_MAX: '2' });
      const at = new Date();
      for (let batch = 0; batch < 4; batch++) {
        await app.db('products').insert(
          Array.from({ length: 500 }, (_, i) => ({
            name: `Product ${batch * 500 + i}`,
            description: 'A long enough description for a scan to read a little: '.repeat(4),
            price: 1000 + i,
            stock: 5,
            category: 'Flood',
            archived: false,
            created_at: at,
            updated_at: at,
          })),
        );
      }
      productId = String((await app.db('products').first('id')).id);
    }, 60_000);
    afterAll(async () => app.close());

    /** 40 REST and 40 GraphQL searches that scan (no word of 3+ letters), all at once. */
    function flood(): Promise<{ status: number; code: string | undefined }[]> {
      const rest = Array.from({ length: 40 }, () =>
        fetch(`${app.url}/api/products?search=${encodeURIComponent('%')}&limit=50`).then(async (response) => ({
          status: response.status,
          code: ((await response.json()) as { code?: string }).code,
        })),
      );
      const graphql = Array.from({ length: 40 }, () =>
        app.gql(SEARCH).then((response) => ({
          status: response.status,
          code: response.errors?.[0]?.extensions.code,
        })),
      );
      return Promise.all([...rest, ...graphql]);
    }

    it('never holds more than all but one pooled connection, and answers each search or refuses it as RATE_LIMITED', async () => {
      const pool = app.db.client.pool as { numUsed(): number };
      let mostUsed = 0;
      let sampling = true;
      const sample = () => {
        mostUsed = Math.max(mostUsed, pool.numUsed());
        if (sampling) setImmediate(sample);
      };
      sample();
      const answers = await flood();
      sampling = false;
      // Before the gate: both connections held by scans (mostUsed 2).
      expect(mostUsed).toBe(1);
      for (const answer of answers) {
        const served = answer.status === 200 && answer.code === undefined;
        const refused = (answer.status === 429 || answer.status === 200) && answer.code === 'RATE_LIMITED';
        expect({ answer, ok: served || refused }).toMatchObject({ ok: true });
      }
    }, 60_000);

    it('serves a plain product(id) request sent during the flood', async () => {
      const flooding = flood();
      const product = await app.gql(PRODUCT, {
        id: productId,
      });
      expect(product.status).toBe(200);
      expect(product.errors).toBeUndefined();
      expect(product.data).toEqual({ product: { id: productId } });
      await flooding;
    }, 60_000);
  });

  // A server process of its own: inside Jest's sandbox, mysql2's errors come from another realm,
  // which graphql-js does not take for Errors (it wraps them as NonErrorThrown).
  describe('a database outage inside GraphQL on mysql', () => {
    let outage: ProxiedServer;
    let proxy: TcpProxy;
    let server: ServerProcess;
    beforeAll(async () => {
      outage = await startProxiedServer({ LOG_LEVEL: 'info' });
      ({ proxy, server } = outage);
    }, 90_000);
    afterAll(async () => outage.close(), 30_000);

    it('answers 503 with Retry-After, logs the failure at error, and logs the request line at error', async () => {
      await proxy.cut();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Outage { products(first: 1) { nodes { id } } }' }),
      });
      const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
      // Before: 200, with the failure logged at warn and the request line at info.
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(body.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');

      const logged = () =>
        server
          .output()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { level: number; msg: string; operation?: string; res?: { statusCode: number } });
      // The request line is written when the response closes; give the pipe a moment.
      for (let tries = 0; tries < 50 && !logged().some((line) => line.operation === 'query Outage'); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const lines = logged();
      const ERROR = 50; // pino's level number for error
      expect(lines.filter((line) => line.msg === 'database unavailable').map((line) => line.level)).toEqual([ERROR]);
      expect(lines.find((line) => line.operation === 'query Outage')).toMatchObject({ level: ERROR, res: { statusCode: 503 } });
    }, 30_000);
  });
}
