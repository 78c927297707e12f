// npm run db:backup while orders keep arriving over HTTP: the backup does not hold them up, and
// restored into a fresh database it is a consistent shop holding every order acknowledged before
// the backup started.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createDb } from '../../src/db/knex';
import { runSourceCommand } from '../support/commandProcess';
import { createTestDatabase, dialects } from '../support/databases';
import { problemsIn, startOrderLoad } from '../support/orderLoad';
import { createProducts } from '../support/products';
import { databaseEnvironment } from '../support/serverProcess';
import { startTestApp, type TestApp } from '../support/testApp';

const INITIAL_STOCK = 100_000;

describe.each(dialects)('a backup under order load (%s)', (dialect) => {
  let app: TestApp;
  let dir: string;
  beforeAll(async () => {
    app = await startTestApp(dialect, { MAX_UNPAID_UNITS_PER_USER: '10000000' });
    dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-backup-'));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets orders be acknowledged while it runs, and restores to a sound shop with every order acknowledged before it', async () => {
    const productIds = await createProducts(app.db, 5, { stock: INITIAL_STOCK });
    const tokens = await Promise.all([1, 2, 3, 4].map(async (n) => (await app.signUp(`backup-buyer-${n}@shop.example`)).token));
    const load = startOrderLoad(app.url, tokens, productIds);
    const file = path.join(dir, dialect === 'mysql' ? 'shop.sql' : 'shop.sqlite');
    let backup;
    let started = 0;
    let ended = 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      started = Date.now();
      backup = await runSourceCommand('src/cli/backup.ts', [file], databaseEnvironment(app.config.database), dir);
      ended = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await load.stop();
    }
    expect(backup).toMatchObject({ code: 0, stderr: [] });
    expect(backup.stdout[0]).toMatch(/^Backed up .* in \d+\.\d s$/);
    expect(load.failures).toEqual([]);
    const before = load.acknowledged.filter((order) => order.at < started);
    const during = load.acknowledged.filter((order) => order.at >= started && order.at <= ended);
    expect(before.length).toBeGreaterThan(0);
    expect(during.length).toBeGreaterThan(0); // writers were not blocked by the backup

    const fresh = await createTestDatabase(dialect);
    try {
      const restore = await runSourceCommand('src/cli/restore.ts', [file], fresh.env, dir);
      expect(restore).toMatchObject({ code: 0, stderr: [] });
      expect(restore.stdout).toContain('Schema is current');
      const db = createDb(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), ...fresh.env }).database);
      try {
        expect(await problemsIn(db, INITIAL_STOCK, before)).toEqual([]);
      } finally {
        await db.destroy();
      }
    } finally {
      await fresh.drop();
    }
  }, 180_000);
});
