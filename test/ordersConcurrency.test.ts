// Concurrency: many requests at once through the real HTTP server, then the stock invariant
// checked in SQL. Every response must be a success or exactly the error the race allows;
// a deadlock or lock-wait timeout must never reach a client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../src/db/knex';
import { dialects } from './support/databases';
import { graphqlClient } from './support/graphql';
import { databaseEnvironment, freePort, runServer, waitUntilListening, type ServerProcess } from './support/serverProcess';
import {
  CANCEL_ORDER,
  countRows,
  expectStockConserved,
  insertProduct,
  outcomeOf,
  PLACE_ORDER,
  RACE_TIMEOUT,
  SETUP_TIMEOUT,
  signUpMany,
  stockOf,
  tally,
  type CancelResponse,
  type Line,
  type PlaceResponse,
} from './support/orderRaces';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/testApp';

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

  /**
   * Waits on a connection of its own until the product's stock is down to `atStock` (so the race
   * is under way), then changes the price and reads, in the same transaction, the stock the
   * change found: the product's row puts the change and every stock UPDATE in one sequence (its
   * lock on MySQL, the one writer on SQLite), so `initial - stockAtChange` units went before it.
   */
  async function changePriceMidway(productId: string, atStock: number, priceCents: number): Promise<number> {
    const side = createDb(app.config.database);
    try {
      const id = Number(productId);
      for (;;) {
        const row: { stock: number | string } = await side('products').where({ id }).first('stock');
        if (Number(row.stock) <= atStock) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return await side.transaction(async (trx) => {
        await trx('products').where({ id }).update({ price: priceCents, updated_at: new Date() });
        const row: { stock: number | string } = await trx('products').where({ id }).first('stock');
        return Number(row.stock);
      });
    } finally {
      await side.destroy();
    }
  }

  it(
    'charges every order the price its product had when its stock was taken: 3 rounds of 40 parallel one-unit orders with a price change in the middle',
    async () => {
      // "The price when its stock was taken": the price of the product row that the order's stock
      // UPDATE changed. With one unit per order and 40 units, the K = 40 - stockAtChange orders
      // whose UPDATE came before the change must hold the old price and the others the new one;
      // none can hold the new price early (it is not visible before the change commits), so
      // counting old prices is exact: more than K means an order took stock after the change at
      // the price it read before it.
      const users = await signUpMany(app, 'pricewatch', 8);
      const rounds: { before: number; old: number; new: number }[] = [];
      for (let round = 0; round < 3; round += 1) {
        const [oldPrice, newPrice] = [1000 + round, 2000 + round];
        const product = await insertProduct(app.db, 40, oldPrice);
        const change = changePriceMidway(product, 35 - 10 * round, newPrice);
        const responses = await Promise.all(
          Array.from({ length: 40 }, (_, i) => place(users[i % users.length]!.token, [{ productId: product, quantity: 1 }])),
        );
        const stockAtChange = await change;

        expect(tally(responses, 'placeOrder')).toEqual({ OK: 40 });
        const charged: { price: number; total_amount: number | string }[] = await app.db('order_items')
          .join('orders', 'orders.id', 'order_items.order_id')
          .where('order_items.product_id', Number(product))
          .select('order_items.price', 'orders.total_amount');
        expect(charged.every((row) => Number(row.total_amount) === row.price)).toBe(true);
        const count = (price: number) => charged.filter((row) => row.price === price).length;
        rounds.push({ before: 40 - stockAtChange, old: count(oldPrice), new: count(newPrice) });
        await expectStockConserved(app.db, { [product]: 40 });
      }
      expect(rounds.map(({ old, new: changed }) => ({ old, new: changed }))).toEqual(
        rounds.map(({ before }) => ({ old: before, new: 40 - before })),
      );
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
            graphqlClient(url)(
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
