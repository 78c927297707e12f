import type { Knex } from 'knex';
import { transactionWithRetry } from '../src/db/transactions';
import { appErrorOf } from '../src/errors';
import { dialects } from './support/databases';
import { createProducts } from './support/products';
import { startTestApp, type TestApp } from './support/testApp';

describe.each(dialects)('transactionWithRetry on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('gives up after the given number of attempts and rethrows', async () => {
    const deadlock = Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK' });
    let calls = 0;
    await expect(
      transactionWithRetry(
        app.db,
        async () => {
          calls += 1;
          throw deadlock;
        },
        { attempts: 3 },
      ),
    ).rejects.toBe(deadlock);
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      transactionWithRetry(app.db, async () => {
        calls += 1;
        throw new Error('not transient');
      }),
    ).rejects.toThrow('not transient');
    expect(calls).toBe(1);
  });
});

// A deadlock needs row locks held across statements by two connections: MySQL only.
if (dialects.includes('mysql')) {
  describe('transactionWithRetry on mysql', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp('mysql');
    });
    afterAll(async () => app.close());

    it('runs the deadlock victim again, so both transactions commit', async () => {
      const [a, b] = (await createProducts(app.db, 2)) as [number, number];
      let bothHoldOneRow!: () => void;
      const barrier = new Promise<void>((resolve) => (bothHoldOneRow = resolve));
      let holding = 0;
      const retries: unknown[] = [];

      // Each transaction takes one row, waits until the other holds its row (first attempt
      // only), then reaches for the other row: a lock cycle that MySQL breaks by rolling one back.
      const crossing = (first: number, second: number) => {
        let attempt = 0;
        return transactionWithRetry(
          app.db,
          async (trx: Knex.Transaction) => {
            attempt += 1;
            await trx('products').where({ id: first }).decrement('stock', 1);
            if (attempt === 1) {
              holding += 1;
              if (holding === 2) bothHoldOneRow();
              await barrier;
            }
            await trx('products').where({ id: second }).decrement('stock', 1);
            return attempt;
          },
          { onRetry: (error) => retries.push(error) },
        );
      };

      const attempts = await Promise.all([crossing(a, b), crossing(b, a)]);

      expect(retries).toHaveLength(1);
      expect((retries[0] as { code: string }).code).toBe('ER_LOCK_DEADLOCK');
      expect(attempts.sort()).toEqual([1, 2]);
      const stocks = await app.db('products').whereIn('id', [a, b]).pluck('stock');
      expect(stocks).toEqual([8, 8]); // both transactions applied, each exactly once
    });

    it('answers a conflict still lost after the last attempt with 503 and Retry-After 1, having written nothing', async () => {
      const [a, b] = (await createProducts(app.db, 2, { stock: 10 })) as [number, number];
      let bothHoldOneRow!: () => void;
      const barrier = new Promise<void>((resolve) => (bothHoldOneRow = resolve));
      let holding = 0;
      const crossing = (first: number, second: number) =>
        transactionWithRetry(
          app.db,
          async (trx: Knex.Transaction) => {
            await trx('products').where({ id: first }).decrement('stock', 1);
            if ((holding += 1) === 2) bothHoldOneRow();
            await barrier;
            await trx('products').where({ id: second }).decrement('stock', 1);
          },
          { attempts: 1 },
        ).then(() => null, (error: unknown) => error);
      const [one, other] = await Promise.all([crossing(a, b), crossing(b, a)]);
      const lost = one ?? other;
      expect((lost as { code?: string }).code).toBe('ER_LOCK_DEADLOCK');
      expect(appErrorOf(lost)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503, details: { retryAfterSeconds: 1 } });
      const stocks = await app.db('products').whereIn('id', [a, b]).pluck('stock');
      expect(stocks).toEqual([9, 9]); // the winner's two units; nothing of the loser
    });

    it('calls a transaction whose connection died under it an outage (503), not a bug', async () => {
      const error = await transactionWithRetry(app.db, async (trx) => {
        const [[{ id }]] = (await trx.raw('SELECT CONNECTION_ID() AS id')) as [[{ id: number }]];
        await app.db.raw('KILL ?', [id]); // from another pooled connection, as a dying server or proxy would
        await trx.raw('SELECT 1');
      }).then(() => null, (caught: unknown) => caught);
      expect(error).not.toBeNull();
      expect(appErrorOf(error)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { retryAfterSeconds: 5 } });
    });
  });
}
