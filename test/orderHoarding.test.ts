// Stock hoarding: one account must not take a catalog's stock out of sale by ordering and never
// paying. The unpaid-units bound (MAX_UNPAID_UNITS_PER_USER) under parallel orders, in one process
// and across two; unpaid orders expiring (PENDING_ORDER_TTL) while their buyers cancel them and
// other instances expire them too, restocking each exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { expirePendingOrders } from '../src/services/orderExpiry';
import { dialects } from './support/databases';
import { graphql } from './support/gql';
import { graphqlClient } from './support/graphql';
import {
  CANCEL_ORDER,
  expectStockConserved,
  insertProduct,
  outcomeOf,
  PLACE_ORDER,
  RACE_TIMEOUT,
  SETUP_TIMEOUT,
  signUpMany,
  stockOf,
  tally,
  type Line,
  type PlaceResponse,
} from './support/orderRaces';
import { databaseEnvironment, freePort, runServer, waitUntilListening, type ServerProcess } from './support/serverProcess';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/testApp';

const LIMIT = 10;
const MARK_PAID = graphql(`
  mutation HoardingMarkPaid($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id status } }
`);

/** Collects JSON log lines (what the expiry job says it did). */
function logCollector() {
  const lines: Record<string, unknown>[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe.each(dialects)('stock hoarding on %s', (dialect) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(dialect, { MAX_UNPAID_UNITS_PER_USER: String(LIMIT) });
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, SETUP_TIMEOUT);

  beforeEach(async () => {
    await app.reset();
  }, SETUP_TIMEOUT);

  function place(token: string, items: Line[]): Promise<PlaceResponse> {
    return app.gql(PLACE_ORDER, { input: { items } }, token);
  }

  async function unpaidUnitsOf(userId: string): Promise<number> {
    const row: { n: number | string | null } = await app.db('order_items')
      .join('orders', 'orders.id', 'order_items.order_id')
      .where({ 'orders.user_id': Number(userId), 'orders.status': 'pending' })
      .first(app.db.raw('SUM(order_items.quantity) AS n'));
    return Number(row.n ?? 0);
  }

  /** Moves orders' creation back in time, as if they had waited unpaid for `seconds`. */
  async function age(orderIds: string[], seconds: number): Promise<void> {
    await app.db('orders').whereIn('id', orderIds.map(Number)).update({ created_at: new Date(Date.now() - seconds * 1000) });
  }

  it(
    `holds a user's unpaid units to MAX_UNPAID_UNITS_PER_USER (${LIMIT}) under 30 parallel one-unit orders, and frees them when an order is paid or cancelled`,
    async () => {
      const product = await insertProduct(app.db, 100);
      const [hoarder, other] = await signUpMany(app, 'hoarder', 2);
      const admin = await app.signUp('admin@hoard.example', { role: 'admin' });

      const responses = await Promise.all(Array.from({ length: 30 }, () => place(hoarder!.token, [{ productId: product, quantity: 1 }])));

      expect(tally(responses, 'placeOrder')).toEqual({ OK: LIMIT, CONFLICT: 30 - LIMIT });
      const refusal = responses.find((response) => response.errors)!.errors![0]!;
      expect(refusal.message).toMatch(/at most 10 units.*yours hold 10 and this order adds 1/);
      expect(refusal.extensions).toMatchObject({ limit: LIMIT, held: LIMIT, requested: 1 });
      expect(await unpaidUnitsOf(hoarder!.id)).toBe(LIMIT);
      expect(await stockOf(app.db, product)).toBe(100 - LIMIT);
      // The bound is per user: another buyer is not held back by the hoarder.
      expect(outcomeOf(await place(other!.token, [{ productId: product, quantity: LIMIT }]), 'placeOrder')).toBe('OK');

      const placed = responses.flatMap((response) => (response.data?.placeOrder ? [response.data.placeOrder.id] : []));
      expect(outcomeOf(await app.gql(MARK_PAID, { id: placed[0]! }, admin.token), 'updateOrderStatus')).toBe('OK');
      expect(outcomeOf(await app.gql(CANCEL_ORDER, { id: placed[1]! }, hoarder!.token), 'cancelOrder')).toBe('OK');
      const again = await Promise.all(Array.from({ length: 5 }, () => place(hoarder!.token, [{ productId: product, quantity: 1 }])));
      expect(tally(again, 'placeOrder')).toEqual({ OK: 2, CONFLICT: 3 });
      expect(await unpaidUnitsOf(hoarder!.id)).toBe(LIMIT);
      await expectStockConserved(app.db, { [product]: 100 });
    },
    RACE_TIMEOUT,
  );

  it(
    'counts every line of every unpaid order: 12 parallel orders of 3 units (two lines) leave 9 held, under the bound of 10',
    async () => {
      const a = await insertProduct(app.db, 100);
      const b = await insertProduct(app.db, 100);
      const { token, id } = await app.signUp('lines@hoard.example');

      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          place(token, [
            { productId: a, quantity: 2 },
            { productId: b, quantity: 1 },
          ]),
        ),
      );

      expect(tally(responses, 'placeOrder')).toEqual({ OK: 3, CONFLICT: 9 });
      expect(await unpaidUnitsOf(id)).toBe(9);
      // One order alone larger than the bound is refused the same way.
      expect(outcomeOf(await place((await app.signUp('big@hoard.example')).token, [{ productId: a, quantity: LIMIT + 1 }]), 'placeOrder')).toBe(
        'CONFLICT',
      );
      await expectStockConserved(app.db, { [a]: 100, [b]: 100 });
    },
    RACE_TIMEOUT,
  );

  it(
    'refuses 100 lines of one product at 1,000 each (merged, 100,000 units) as BAD_USER_INPUT, taking nothing',
    async () => {
      const product = await insertProduct(app.db, 1_000_000);
      const { token } = await app.signUp('merger@hoard.example');

      const response = await place(token, Array.from({ length: 100 }, () => ({ productId: product, quantity: 1000 })));

      expect(outcomeOf(response, 'placeOrder')).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions.field).toBe('quantity');
      expect(response.errors![0]!.message).toMatch(/at most 1000 units of one product; the lines for product \d+ add up to 100000/);
      expect(await stockOf(app.db, product)).toBe(1_000_000);
    },
    RACE_TIMEOUT,
  );

  it(
    'expires each overdue unpaid order exactly once while its buyer cancels it and three instances sweep at the same moment',
    async () => {
      const a = await insertProduct(app.db, 50);
      const b = await insertProduct(app.db, 50);
      const buyers = await signUpMany(app, 'expiring', 4);
      const admin = await app.signUp('admin@expiry.example', { role: 'admin' });
      const orderIds: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        const placed = await place(buyers[i % buyers.length]!.token, [
          { productId: a, quantity: 2 },
          { productId: b, quantity: 1 },
        ]);
        orderIds.push(placed.data!.placeOrder!.id);
      }
      // Twelve orders an hour old; beside them a fresh unpaid order and an old paid one, which stay.
      await age(orderIds, 3600);
      const fresh = (await place(buyers[0]!.token, [{ productId: a, quantity: 1 }])).data!.placeOrder!.id;
      const paid = (await place(buyers[1]!.token, [{ productId: b, quantity: 1 }])).data!.placeOrder!.id;
      await app.gql(MARK_PAID, { id: paid }, admin.token);
      await age([paid], 3600);
      const logs = logCollector();
      const logger = pino({ level: 'info' }, logs.stream);

      const [cancels, sweeps] = await Promise.all([
        Promise.all(orderIds.map((id, i) => app.gql(CANCEL_ORDER, { id }, buyers[i % buyers.length]!.token))),
        Promise.all(Array.from({ length: 3 }, () => expirePendingOrders(app.db, logger, 1800))),
      ]);

      const expired = sweeps.reduce((sum, n) => sum + n, 0);
      // Every order was cancelled by exactly one party: its buyer (OK), or one of the sweeps, after
      // which the buyer finds it CANCELLED already (INVALID_TRANSITION).
      const { OK: byBuyers = 0, INVALID_TRANSITION: late = 0, ...others } = tally(cancels, 'cancelOrder');
      expect({ others, byBuyersAndSweeps: byBuyers + expired, late }).toEqual({ others: {}, byBuyersAndSweeps: 12, late: expired });
      const expiredLines = logs.lines.filter((line) => /^expired unpaid order/.test(String(line.msg)));
      expect(new Set(expiredLines.map((line) => line.orderId)).size).toBe(expired);
      for (const line of expiredLines) {
        expect(line).toMatchObject({
          level: 30,
          restocked: [
            { productId: Number(a), quantity: 2 },
            { productId: Number(b), quantity: 1 },
          ],
        });
      }
      const statuses: { id: number; status: string }[] = await app.db('orders').select('id', 'status').orderBy('id');
      expect(statuses.filter((row) => row.status === 'cancelled').map((row) => String(row.id))).toEqual(orderIds);
      expect(statuses.find((row) => String(row.id) === fresh)?.status).toBe('pending');
      expect(statuses.find((row) => String(row.id) === paid)?.status).toBe('paid');
      // Restocked once: only the fresh and the paid order still hold units.
      expect(await stockOf(app.db, a)).toBe(50 - 1);
      expect(await stockOf(app.db, b)).toBe(50 - 1);
      await expectStockConserved(app.db, { [a]: 50, [b]: 50 });
      // A sweep later finds nothing more to do.
      expect(await expirePendingOrders(app.db, logger, 1800)).toBe(0);
    },
    RACE_TIMEOUT,
  );
});

describe.each(dialects)('PENDING_ORDER_TTL on a running server on %s', (dialect) => {
  let app: TestApp;
  const logs = logCollector();

  beforeAll(async () => {
    app = await startTestApp(dialect, { PENDING_ORDER_TTL: '2s', LOG_LEVEL: 'info' }, { logs: logs.stream });
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, SETUP_TIMEOUT);

  it(
    'cancels an unpaid order once it is older than the TTL, restocks it and logs it; a paid order stays',
    async () => {
      const product = await insertProduct(app.db, 10);
      const buyer = await app.signUp('late@ttl.example');
      const admin = await app.signUp('admin@ttl.example', { role: 'admin' });
      const unpaid = (await app.gql(PLACE_ORDER, { input: { items: [{ productId: product, quantity: 3 }] } }, buyer.token))
        .data!.placeOrder.id;
      const paid = (await app.gql(PLACE_ORDER, { input: { items: [{ productId: product, quantity: 2 }] } }, buyer.token))
        .data!.placeOrder.id;
      await app.gql(MARK_PAID, { id: paid }, admin.token);
      expect(await stockOf(app.db, product)).toBe(5);

      // The job sweeps every second; waiting is bounded generously (a slow machine), not timed.
      const deadline = Date.now() + 30_000;
      let status = 'pending';
      while (status === 'pending' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = ((await app.db('orders').where({ id: Number(unpaid) }).first('status')) as { status: string }).status;
      }

      expect(status).toBe('cancelled');
      expect(((await app.db('orders').where({ id: Number(paid) }).first('status')) as { status: string }).status).toBe('paid');
      expect(await stockOf(app.db, product)).toBe(8);
      expect(logs.lines.find((line) => String(line.msg).startsWith('unpaid orders expire after 2 s'))).toBeDefined();
      expect(logs.lines.filter((line) => String(line.msg).startsWith('expired unpaid order'))).toEqual([
        expect.objectContaining({ orderId: Number(unpaid), userId: Number(buyer.id), restocked: [{ productId: Number(product), quantity: 3 }] }),
      ]);
    },
    RACE_TIMEOUT,
  );
});

// Two server processes over one database: the bound is enforced by the user's row lock in the
// database, not by anything in one process's memory.
describe.each(dialects)('the unpaid-units bound across two server processes on %s', (dialect) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(dialect, { MAX_UNPAID_UNITS_PER_USER: String(LIMIT) });
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await app?.close();
  }, SETUP_TIMEOUT);

  it(
    `lets one user hold ${LIMIT} unpaid units, no more, with 30 parallel orders split across two processes`,
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
            MAX_UNPAID_UNITS_PER_USER: String(LIMIT),
            PORT: String(await freePort()),
            ...databaseEnvironment(app.config.database),
          },
          cwd,
        );
        await waitUntilListening(second, 60_000);
        const product = await insertProduct(app.db, 100);
        const { token } = await app.signUp('twoproc@hoard.example');

        const responses = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            graphqlClient(i % 2 === 0 ? app.url : second!.url)(
              PLACE_ORDER,
              { input: { items: [{ productId: product, quantity: 1 }] } },
              token,
            ),
          ),
        );

        const outcomes = tally(responses, 'placeOrder');
        if (outcomes.OK !== LIMIT) console.error(`second server:\n${second.output()}`);
        expect(outcomes).toEqual({ OK: LIMIT, CONFLICT: 30 - LIMIT });
        expect(await stockOf(app.db, product)).toBe(100 - LIMIT);
        await expectStockConserved(app.db, { [product]: 100 });
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
