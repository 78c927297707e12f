// Concurrency: many requests at once through the real HTTP server, then the stock invariant
// checked in SQL. Every response must be a success or exactly the error the race allows;
// a deadlock or lock-wait timeout must never reach a client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { dialects } from './support/databases';
import { databaseEnvironment, freePort, runServer, waitUntilListening, type ServerProcess } from './support/serverProcess';
import { startTestApp, TEST_JWT_SECRET, type GraphQLResponse, type TestApp } from './support/testApp';

const RACE_TIMEOUT = 120_000;
const SETUP_TIMEOUT = 120_000;

const PLACE_ORDER = `
  mutation Place($input: PlaceOrderInput!) {
    placeOrder(input: $input) { id status items { quantity product { id } } }
  }`;
const CANCEL_ORDER = `mutation Cancel($id: ID!) { cancelOrder(id: $id) { id status } }`;

interface OrderPayload {
  id: string;
  status: string;
  items: { quantity: number; product: { id: string } }[];
}
type PlaceResponse = GraphQLResponse<{ placeOrder: OrderPayload | null }>;
type CancelResponse = GraphQLResponse<{ cancelOrder: { id: string; status: string } | null }>;
type Line = { productId: string; quantity: number };

/**
 * 'OK' when the field has a value and there is no error; otherwise the error codes joined by '+'
 * (so two errors, or an error with partial data, show up as an outcome of their own).
 */
function outcomeOf(response: GraphQLResponse<Record<string, unknown>>, field: string): string {
  if (response.errors?.length) {
    const codes = response.errors.map((error) => error.extensions?.code ?? 'NO_CODE').join('+');
    return response.data?.[field] != null ? `PARTIAL:${codes}` : codes;
  }
  if (response.status !== 200) return `HTTP_${response.status}`;
  return response.data?.[field] != null ? 'OK' : 'NO_DATA';
}

/** How many responses had each outcome, e.g. `{ OK: 20, INSUFFICIENT_STOCK: 40 }`. */
function tally(responses: GraphQLResponse<Record<string, unknown>>[], field: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    const outcome = outcomeOf(response, field);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

/** POST /graphql on any server (the second process has no TestApp). */
async function gqlAt<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

let productSerial = 0;

/** A product inserted directly, with integer-cent price; returns its id as the API spells it. */
async function insertProduct(db: Knex, stock: number, price = 1250): Promise<string> {
  productSerial += 1;
  const now = new Date();
  const [id] = await db('products').insert({
    name: `Race product ${productSerial}`,
    description: 'Contended',
    price,
    stock,
    category: 'Races',
    archived: false,
    created_at: now,
    updated_at: now,
  });
  return String(id);
}

/**
 * The invariant after any race: for each product, stock + units held by orders that are not
 * cancelled = the stock it started with, and stock never goes negative.
 */
async function expectStockConserved(db: Knex, initial: Record<string, number>): Promise<void> {
  const ids = Object.keys(initial).map(Number);
  const stocks: { id: number; stock: number | string }[] = await db('products').whereIn('id', ids).select('id', 'stock');
  const held: { product_id: number; held: number | string | null }[] = await db('order_items')
    .join('orders', 'orders.id', 'order_items.order_id')
    .whereNot('orders.status', 'cancelled')
    .whereIn('order_items.product_id', ids)
    .groupBy('order_items.product_id')
    .select('order_items.product_id')
    .sum({ held: 'order_items.quantity' });
  const heldById = new Map(held.map((row) => [Number(row.product_id), Number(row.held ?? 0)]));

  const actual: Record<string, { stock: number; stockPlusHeld: number }> = {};
  const expected: Record<string, { stock: number; stockPlusHeld: number }> = {};
  for (const row of stocks) {
    const stock = Number(row.stock);
    actual[row.id] = { stock, stockPlusHeld: stock + (heldById.get(Number(row.id)) ?? 0) };
    expected[row.id] = { stock: Math.max(stock, 0), stockPlusHeld: initial[row.id]! };
  }
  expect(stocks).toHaveLength(ids.length);
  expect(actual).toEqual(expected);
}

async function stockOf(db: Knex, id: string): Promise<number> {
  const row: { stock: number | string } | undefined = await db('products').where({ id: Number(id) }).first('stock');
  return Number(row?.stock);
}

async function countRows(db: Knex, table: string): Promise<number> {
  const row: { n?: number | string } | undefined = await db(table).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** Users signed up one after another (sign-up is not what these tests race). */
async function signUpMany(app: TestApp, prefix: string, count: number): Promise<{ token: string; id: string }[]> {
  const users: { token: string; id: string }[] = [];
  for (let i = 0; i < count; i += 1) users.push(await app.signUp(`${prefix}${i}@race.example`));
  return users;
}

describe.each(dialects)('order races on %s', (dialect) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(dialect);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, SETUP_TIMEOUT);

  beforeEach(async () => {
    await app.reset();
  }, SETUP_TIMEOUT);

  function place(token: string, items: Line[], idempotencyKey?: string): Promise<PlaceResponse> {
    return app.gql(PLACE_ORDER, { input: { items, ...(idempotencyKey !== undefined && { idempotencyKey }) } }, token);
  }

  function cancel(token: string, id: string): Promise<CancelResponse> {
    return app.gql(CANCEL_ORDER, { id }, token);
  }

  it(
    'sells exactly the stock to 60 concurrent single-unit buyers (6 users × 10) of 20 units',
    async () => {
      const product = await insertProduct(app.db, 20);
      const users = await signUpMany(app, 'buyer', 6);

      const requests = users.flatMap((user) => Array.from({ length: 10 }, () => user));
      const responses = await Promise.all(requests.map((user) => place(user.token, [{ productId: product, quantity: 1 }])));

      expect(tally(responses, 'placeOrder')).toEqual({ OK: 20, INSUFFICIENT_STOCK: 40 });
      expect(await stockOf(app.db, product)).toBe(0);
      expect(await countRows(app.db, 'orders')).toBe(20);
      expect(await countRows(app.db, 'order_items')).toBe(20);
      const ids = responses.flatMap((response) => (response.data?.placeOrder ? [response.data.placeOrder.id] : []));
      expect(new Set(ids).size).toBe(20);
      await expectStockConserved(app.db, { [product]: 20 });
    },
    RACE_TIMEOUT,
  );

  it(
    'takes both lines or neither for 40 concurrent two-line orders in crossing line order on 30/30 units',
    async () => {
      const a = await insertProduct(app.db, 30);
      const b = await insertProduct(app.db, 30);
      const users = await signUpMany(app, 'crosser', 4);

      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          const lines: Line[] =
            i % 2 === 0
              ? [
                  { productId: a, quantity: 1 },
                  { productId: b, quantity: 1 },
                ]
              : [
                  { productId: b, quantity: 1 },
                  { productId: a, quantity: 1 },
                ];
          return place(users[i % users.length]!.token, lines);
        }),
      );

      expect(tally(responses, 'placeOrder')).toEqual({ OK: 30, INSUFFICIENT_STOCK: 10 });
      expect(await stockOf(app.db, a)).toBe(0);
      expect(await stockOf(app.db, b)).toBe(0);
      expect(await countRows(app.db, 'orders')).toBe(30);
      // Every order holds both lines: no half-taken order survived.
      const lineCounts: { order_id: number; n: number | string }[] = await app.db('order_items')
        .groupBy('order_id')
        .select('order_id')
        .count({ n: '*' });
      expect(lineCounts).toHaveLength(30);
      expect(lineCounts.every((row) => Number(row.n) === 2)).toBe(true);
      await expectStockConserved(app.db, { [a]: 30, [b]: 30 });
    },
    RACE_TIMEOUT,
  );

  it(
    'answers 8 concurrent retries with one idempotency key with one order, placed once',
    async () => {
      const product = await insertProduct(app.db, 10);
      const { token } = await app.signUp('retrier@race.example');

      const responses = await Promise.all(
        Array.from({ length: 8 }, () => place(token, [{ productId: product, quantity: 2 }], 'checkout-1')),
      );

      expect(tally(responses, 'placeOrder')).toEqual({ OK: 8 });
      const ids = new Set(responses.map((response) => response.data?.placeOrder?.id));
      expect(ids.size).toBe(1);
      expect(await countRows(app.db, 'orders')).toBe(1);
      expect(await countRows(app.db, 'idempotency_keys')).toBe(1);
      const [order] = await app.db('orders').select('id');
      expect(String(order.id)).toBe([...ids][0]);
      expect(await stockOf(app.db, product)).toBe(8);
      await expectStockConserved(app.db, { [product]: 10 });
    },
    RACE_TIMEOUT,
  );

  it(
    'gives CONFLICT to the concurrent requests whose items differ from the winner under one idempotency key',
    async () => {
      const product = await insertProduct(app.db, 10);
      const { token } = await app.signUp('doubter@race.example');
      // Two bodies interleaved: 1 unit and 3 units of the same product.
      const quantities = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? 1 : 3));

      const responses = await Promise.all(
        quantities.map((quantity) => place(token, [{ productId: product, quantity }], 'checkout-2')),
      );

      expect(await countRows(app.db, 'orders')).toBe(1);
      const [item]: { order_id: number; quantity: number }[] = await app.db('order_items').select('order_id', 'quantity');
      const winner = item!.quantity;
      expect([1, 3]).toContain(winner);
      const sameBody = responses.filter((_, i) => quantities[i] === winner);
      const otherBody = responses.filter((_, i) => quantities[i] !== winner);
      expect(tally(sameBody, 'placeOrder')).toEqual({ OK: 4 });
      expect(new Set(sameBody.map((response) => response.data?.placeOrder?.id))).toEqual(new Set([String(item!.order_id)]));
      expect(tally(otherBody, 'placeOrder')).toEqual({ CONFLICT: 4 });
      expect(await stockOf(app.db, product)).toBe(10 - winner);
      await expectStockConserved(app.db, { [product]: 10 });
    },
    RACE_TIMEOUT,
  );

  it(
    'cancels a PENDING order once when its owner sends 10 concurrent cancels',
    async () => {
      const product = await insertProduct(app.db, 10);
      const owner = await app.signUp('canceller@race.example');
      const placed = await place(owner.token, [{ productId: product, quantity: 4 }]);
      expect(outcomeOf(placed, 'placeOrder')).toBe('OK');
      const orderId = placed.data!.placeOrder!.id;
      expect(await stockOf(app.db, product)).toBe(6);

      const responses = await Promise.all(Array.from({ length: 10 }, () => cancel(owner.token, orderId)));

      expect(tally(responses, 'cancelOrder')).toEqual({ OK: 1, INVALID_TRANSITION: 9 });
      const winner = responses.find((response) => response.data?.cancelOrder)!;
      expect(winner.data!.cancelOrder).toEqual({ id: orderId, status: 'CANCELLED' });
      expect(await app.db('orders').where({ id: Number(orderId) }).first('status')).toEqual({ status: 'cancelled' });
      expect(await stockOf(app.db, product)).toBe(10);
      await expectStockConserved(app.db, { [product]: 10 });
    },
    RACE_TIMEOUT,
  );

  it(
    'cancels a PENDING order once when its owner and an admin send 5 concurrent cancels each',
    async () => {
      const a = await insertProduct(app.db, 10);
      const b = await insertProduct(app.db, 7);
      const owner = await app.signUp('owner@race.example');
      const admin = await app.signUp('admin@race.example', { role: 'admin' });
      const placed = await place(owner.token, [
        { productId: a, quantity: 3 },
        { productId: b, quantity: 7 },
      ]);
      expect(outcomeOf(placed, 'placeOrder')).toBe('OK');
      const orderId = placed.data!.placeOrder!.id;

      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => cancel(i % 2 === 0 ? owner.token : admin.token, orderId)),
      );

      expect(tally(responses, 'cancelOrder')).toEqual({ OK: 1, INVALID_TRANSITION: 9 });
      expect(await app.db('orders').where({ id: Number(orderId) }).first('status')).toEqual({ status: 'cancelled' });
      expect(await stockOf(app.db, a)).toBe(10);
      expect(await stockOf(app.db, b)).toBe(7);
      await expectStockConserved(app.db, { [a]: 10, [b]: 7 });
    },
    RACE_TIMEOUT,
  );
});

// Two server processes over one MariaDB/MySQL database: row locks, not anything in one
// process's memory, must keep buyers from overselling. Only defined when MySQL is configured.
// SQLite too: two processes share the file through its locks and busy timeout.
describe.each(dialects)('order races across two server processes on %s', (dialect) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(dialect);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, SETUP_TIMEOUT);

  beforeEach(async () => {
    await app.reset();
  }, SETUP_TIMEOUT);

  it(
    'sells exactly 20 units to 60 buyers split across two processes sharing the database',
    async () => {
      const cwd = mkdtempSync(path.join(tmpdir(), 'shopgraph-second-'));
      let second: ServerProcess | undefined;
      try {
        second = runServer(
          {
            NODE_ENV: 'test',
            JWT_SECRET: TEST_JWT_SECRET,
            BCRYPT_ROUNDS: '4',
            LOG_LEVEL: 'warn',
            PORT: String(await freePort()),
            ...databaseEnvironment(app.config.database),
          },
          cwd,
        );
        await waitUntilListening(second, 60_000);
        const secondUrl = second.url;

        const product = await insertProduct(app.db, 20);
        const users = await signUpMany(app, 'twoproc', 6);
        // Each user's 10 orders alternate between the processes: 30 requests to each.
        const requests = users.flatMap((user) => Array.from({ length: 10 }, (_, i) => ({ user, url: i % 2 === 0 ? app.url : secondUrl })));
        expect(requests.filter((request) => request.url === secondUrl)).toHaveLength(30);

        const responses = await Promise.all(
          requests.map(({ user, url }) =>
            gqlAt<{ placeOrder: OrderPayload | null }>(
              url,
              PLACE_ORDER,
              { input: { items: [{ productId: product, quantity: 1 }] } },
              user.token,
            ),
          ),
        );

        const outcomes = tally(responses, 'placeOrder');
        // The second process logs warnings and errors (retries, unexpected errors) to a buffer only.
        if (outcomes.OK !== 20 || outcomes.INSUFFICIENT_STOCK !== 40) console.error(`second server:\n${second.output()}`);
        expect(outcomes).toEqual({ OK: 20, INSUFFICIENT_STOCK: 40 });
        expect(await stockOf(app.db, product)).toBe(0);
        expect(await countRows(app.db, 'orders')).toBe(20);
        await expectStockConserved(app.db, { [product]: 20 });
      } finally {
        if (second) {
          second.child.kill('SIGTERM');
          await second.exited;
        }
        rmSync(cwd, { recursive: true, force: true });
      }
    },
    RACE_TIMEOUT,
  );
});
