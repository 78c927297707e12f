// The backup part of `npm run test:cluster`: `npm run db:backup` during 30 s of order load on a
// MariaDB server with a binary log, then an accident (order_items dropped); the backup restored
// into a fresh server must be a sound shop with every order acknowledged before the backup
// started, and point-in-time recovery (the backup plus the source's binary log replayed up to
// just before the accident) must bring back every order acknowledged before the accident.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createDb } from '../../src/db/knex';
import { runSourceCommand } from '../../test/support/commandProcess';
import { problemsIn, startOrderLoad, type Acknowledged } from '../../test/support/orderLoad';
import { Instance, freePort } from '../support/cluster';
import { check, expect, type Stop } from '../support/harness';
import { accidentPosition, DATABASE, MariaServer, replicationArgs, templateDatadir } from '../support/mariadb';
import { INSTANCE_ENV, insertProduct, registerBuyers } from '../support/shop';

const INITIAL_STOCK = 1_000_000;
const LOAD_SECONDS = 30;
const BACKUP_AFTER_SECONDS = 5;
const ACCOUNT = { user: 'operator', password: 'drill-operator-password' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(dir: string, name: string, args: string[], stops: Stop[]): Promise<MariaServer> {
  const datadir = path.join(dir, name);
  cpSync(templateDatadir(dir), datadir, { recursive: true });
  const server = new MariaServer(name, datadir, await freePort(), args);
  stops.push(() => server.stop());
  await server.start();
  // Backups, restores and the remote binary log read take one account with every right (as the README says).
  await server.sql(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?`, [ACCOUNT.user, ACCOUNT.password]);
  await server.sql(`GRANT ALL ON *.* TO ?@'127.0.0.1'`, [ACCOUNT.user]);
  await server.sql(`CREATE DATABASE ${DATABASE}`);
  return server;
}

const envOf = (server: MariaServer, database = DATABASE) => ({ DB_HOST: '127.0.0.1', DB_PORT: String(server.port), DB_USER: ACCOUNT.user, DB_PASSWORD: ACCOUNT.password, DB_NAME: database });

/** What problemsIn finds in `database` of `server`. */
async function problemsOf(server: MariaServer, database: string, mustContain: Acknowledged[]): Promise<string[]> {
  const db = createDb(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), ...envOf(server, database) }).database);
  try {
    return await problemsIn(db, INITIAL_STOCK, mustContain);
  } finally {
    await db.destroy();
  }
}

export async function backupDrill(dir: string, root: string, stops: Stop[]): Promise<void> {
  templateDatadir(dir);
  const [source, fresh] = await Promise.all([
    startServer(dir, 'source', replicationArgs(1), stops),
    startServer(dir, 'fresh', replicationArgs(2), stops),
  ]);
  const instance = new Instance('api-1', await freePort(), { ...INSTANCE_ENV, ...envOf(source) }, root);
  stops.push(() => instance.stop());
  instance.start();
  await instance.ready();
  const productIds = await Promise.all([1, 2, 3, 4].map((n) => insertProduct(source, `Backup drill product ${n}`, INITIAL_STOCK)));
  const buyers = await registerBuyers([instance.url], 6, 'backup');
  const file = path.join(dir, 'shop.sql');

  let backupStarted = 0;
  let backupEnded = 0;
  let from = { file: '', position: 0 };
  let acknowledged: Acknowledged[] = [];
  await check(`npm run db:backup during ${LOAD_SECONDS} s of order load: orders keep being acknowledged while it runs`, async () => {
    const load = startOrderLoad(instance.url, buyers.map((buyer) => buyer.token), productIds);
    let backup;
    try {
      await sleep(BACKUP_AFTER_SECONDS * 1000);
      backupStarted = Date.now();
      backup = await runSourceCommand('src/cli/backup.ts', [file], envOf(source), root);
      backupEnded = Date.now();
      await sleep(Math.max(0, LOAD_SECONDS * 1000 - (Date.now() - backupStarted) - BACKUP_AFTER_SECONDS * 1000));
    } finally {
      await load.stop();
    }
    expect(backup.code === 0, `db:backup exited ${backup.code}: ${backup.stderr.join(' ')}`);
    const printed = /^Binary log position: (\S+):(\d+) \(GTID ([^)]+)\)$/.exec(backup.stdout[1] ?? '');
    expect(printed !== null, `db:backup printed no binary log position: ${backup.stdout.join(' | ')}`);
    from = { file: printed![1]!, position: Number(printed![2]) };
    // The GTID printed is the server's own for that position (a replica could start from either).
    const [gtid] = await source.sql<{ gtid: string | null }>('SELECT BINLOG_GTID_POS(?, ?) AS gtid', [from.file, from.position]);
    expect(printed![3] === gtid?.gtid, `db:backup printed GTID ${printed![3]}, the server says ${gtid?.gtid} for ${from.file}:${from.position}`);
    acknowledged = [...load.acknowledged];
    expect(load.failures.length === 0, `${load.failures.length} orders failed, e.g. ${load.failures[0]}`);
    const during = acknowledged.filter((order) => order.at > backupStarted && order.at < backupEnded).length;
    expect(during > 0, 'no order was acknowledged while the backup ran');
    return `${acknowledged.length} orders acknowledged in ${LOAD_SECONDS} s, ${during} of them during the ${((backupEnded - backupStarted) / 1000).toFixed(1)} s backup; position ${from.file}:${from.position}, GTID ${printed![3]}`;
  });
  if (!from.file) return;

  await source.sql(`DROP TABLE ${DATABASE}.order_items`); // the accident
  const until = await accidentPosition(source, from);

  await check('the backup restored into a fresh server: stock + sold = initial per product, every order has its items and its total, every key its order, every order acknowledged before the backup started', async () => {
    await fresh.sql('CREATE DATABASE backup_only');
    const restore = await runSourceCommand('src/cli/restore.ts', [file], envOf(fresh, 'backup_only'), root);
    expect(restore.code === 0, `db:restore exited ${restore.code}: ${restore.stderr.join(' ')}`);
    const before = acknowledged.filter((order) => order.at < backupStarted);
    const problems = await problemsOf(fresh, 'backup_only', before);
    expect(problems.length === 0, problems.slice(0, 3).join('; '));
    return `sound; holds all ${before.length} orders acknowledged before the backup started`;
  });

  await check('point-in-time recovery on the fresh server (backup + the source binary log up to just before the DROP TABLE) brings back every acknowledged order; the backup alone would miss some', async () => {
    const t0 = Date.now();
    const restore = await runSourceCommand('src/cli/restore.ts', [file, '--replay-until', `${until.file}:${until.position}`, '--binlog-server', `127.0.0.1:${source.port}`], envOf(fresh), root);
    expect(restore.code === 0, `db:restore --replay-until exited ${restore.code}: ${restore.stderr.join(' ')}`);
    const seconds = (Date.now() - t0) / 1000;
    const problems = await problemsOf(fresh, DATABASE, acknowledged);
    expect(problems.length === 0, problems.slice(0, 3).join('; '));
    // The check can fail: the backup alone lacks the orders acknowledged after it started.
    const withoutReplay = await problemsOf(fresh, 'backup_only', acknowledged);
    expect(withoutReplay.some((problem) => /acknowledged orders missing/.test(problem)), 'the backup alone holds every order: the drill cannot tell the replay from its absence');
    return `all ${acknowledged.length} acknowledged orders back, sound, in ${seconds.toFixed(1)} s (replayed ${from.file}:${from.position} → ${until.file}:${until.position}); without the replay: ${withoutReplay.find((problem) => /missing/.test(problem))}`;
  });
}
