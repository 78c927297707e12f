// Point-in-time recovery on MariaDB: a backup, more orders, then an accident (order_items
// dropped); the backup restored into a fresh database and the binary log replayed from the
// backup's position to just before the accident brings back every acknowledged order. The
// default server may run without a binary log, so this one starts its own (drills/support).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { accidentPosition, MariaServer, replicationArgs, templateDatadir } from '../../drills/support/mariadb';
import { loadConfig } from '../../src/config';
import { createDb } from '../../src/db/knex';
import { runSourceCommand } from '../support/commandProcess';
import { dialects } from '../support/databases';
import { problemsIn, startOrderLoad } from '../support/orderLoad';
import { createProducts } from '../support/products';
import { startTestApp, type TestApp } from '../support/testApp';

const INITIAL_STOCK = 100_000;
const describeOnMariaDb = dialects.includes('mysql') ? describe : describe.skip;

describeOnMariaDb('point-in-time recovery (MariaDB with a binary log of its own)', () => {
  let dir: string;
  let server: MariaServer;
  let app: TestApp | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-pitr-'));
    const datadir = path.join(dir, 'data');
    cpSync(templateDatadir(dir), datadir, { recursive: true });
    // Replaying the log into the same server re-logs its GTIDs out of order: no strict mode here.
    server = new MariaServer('pitr', datadir, 43000 + Math.floor(Math.random() * 1000), [...replicationArgs(1), '--gtid-strict-mode=0']);
    await server.start();
    await server.sql(`CREATE USER 'backup'@'127.0.0.1' IDENTIFIED BY 'pitr-password'`);
    await server.sql(`GRANT ALL ON *.* TO 'backup'@'127.0.0.1'`);
    await server.sql('CREATE DATABASE shop');
    await server.sql('CREATE DATABASE shop_restored');
    env = { DB_HOST: '127.0.0.1', DB_PORT: String(server.port), DB_USER: 'backup', DB_PASSWORD: 'pitr-password', DB_NAME: 'shop' };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('brings back every order acknowledged before the accident, from the backup and the binary log', async () => {
    app = await startTestApp('mysql', { ...env, MAX_UNPAID_UNITS_PER_USER: '10000000' });
    const productIds = await createProducts(app.db, 4, { stock: INITIAL_STOCK });
    const tokens = await Promise.all([1, 2, 3].map(async (n) => (await app!.signUp(`pitr-buyer-${n}@shop.example`)).token));
    const load = startOrderLoad(app.url, tokens, productIds);
    const file = path.join(dir, 'shop.sql');
    let backup;
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      backup = await runSourceCommand('src/cli/backup.ts', [file], env, dir);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await load.stop();
    }
    expect(backup).toMatchObject({ code: 0, stderr: [] });
    const printed = /^Binary log position: (\S+):(\d+) \(GTID (\S+)\)$/.exec(backup.stdout[1] ?? '');
    expect(printed).not.toBeNull();
    const from = { file: printed![1]!, position: Number(printed![2]) };
    const acknowledged = [...load.acknowledged];
    expect(load.failures).toEqual([]);

    await server.sql('DROP TABLE shop.order_items'); // the accident
    const until = await accidentPosition(server, from);

    const restoredEnv = { ...env, DB_NAME: 'shop_restored' };
    const restore = await runSourceCommand('src/cli/restore.ts', [file, '--replay-until', `${until.file}:${until.position}`], restoredEnv, dir);
    expect(restore).toMatchObject({ code: 0, stderr: [] });
    expect(restore.stdout).toEqual([
      expect.stringMatching(/^Restored .* into shop_restored/),
      `Replayed the binary log from ${from.file}:${from.position} up to ${until.file}:${until.position}`,
      'Schema is current',
    ]);

    const restored = createDb(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), ...restoredEnv }).database);
    const fromBackupOnly = createDb(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), ...env, DB_NAME: 'shop_backup_only' }).database);
    try {
      expect(await problemsIn(restored, INITIAL_STOCK, acknowledged)).toEqual([]);
      // The replay mattered: the backup alone lacks the orders acknowledged after it.
      await server.sql('CREATE DATABASE shop_backup_only');
      expect(await runSourceCommand('src/cli/restore.ts', [file], { ...env, DB_NAME: 'shop_backup_only' }, dir)).toMatchObject({ code: 0 });
      const [{ n }] = (await fromBackupOnly('orders').count({ n: '*' })) as [{ n: number }];
      expect(Number(n)).toBeLessThan(acknowledged.length);
    } finally {
      await restored.destroy();
      await fromBackupOnly.destroy();
    }
  }, 240_000);
});
