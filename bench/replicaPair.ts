// The REPLICA scenario's own servers: a MariaDB primary and GTID replica started as the scale
// drill starts them (drills/support/mariadb.ts: `mariadb-install-db` once, the datadir copied,
// `mariadbd --no-defaults` on ports of their own), a Redis of its own (drills/support/cluster.ts),
// the benchmark's data set seeded on the primary, and two Shopgraph servers on that primary: one
// with DB_REPLICAS pointing at the replica, one without. Each server connects as an account of
// its own, so MariaDB counts their statements apart, on the primary and on the replica.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { DEFAULT_POOL_MAX } from '../src/config';
import { createDb } from '../src/db/knex';
import { freePort, RedisServer } from '../drills/support/cluster';
import { APP_USER, DATABASE, caughtUp, startReplicatedPair, type MariaServer } from '../drills/support/mariadb';
import type { Bench } from './measure';
import type { Measured } from './processes';
import { seed } from './seed';
import { createStatementCounter, type StatementCounter } from './statements';

/** The account of the server without replicas (the drill's APP_USER serves the one with). */
const DIRECT_USER = { user: 'shopgraph_direct', password: 'bench-direct-password' };

/** Statements an account has run so far on each server, and the replica's MASTER_GTID_WAITs. */
export interface StatementTally {
  primary: number;
  replica: number;
  /** MASTER_GTID_WAIT statements run on the replica (anyone's: only the routed server runs them). */
  positionWaits: number;
  /** Their summed server-side time, in picoseconds (performance_schema). */
  positionWaitPicos: number;
  /** CPU time (user + system) each mariadbd process has used since it started, in ms. */
  primaryCpuMs: number;
  replicaCpuMs: number;
}

export interface ReplicaPair {
  primary: MariaServer;
  replica: MariaServer;
  redis: RedisServer;
  /** The app account's pool on the primary (seeding, a product to order). */
  db: Knex;
  /** Shopgraph with DB_REPLICAS = the replica, and Shopgraph on the primary alone. */
  routed: Measured;
  direct: Measured;
  accounts: { routed: string; direct: string };
  /** Seconds from nothing to both servers serving, the data set replicated. */
  startSeconds: number;
  tally(account: string): Promise<StatementTally>;
  stop(): Promise<void>;
}

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat, fields 14 and 15, in clock ticks). */
function cpuMsOf(pid: number, ticksPerSecond: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Root's pool over the server's socket, for the statement counters. */
function rootPool(server: MariaServer): Knex {
  return knex({ client: 'mysql2', connection: { socketPath: server.socket, user: 'root' }, pool: { min: 0, max: 2 } });
}

export async function startReplicaPair(b: Bench): Promise<ReplicaPair> {
  const started = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shopgraph-bench-replica-'));
  const steps: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const step of steps.splice(0).reverse()) await step().catch((error: unknown) => b.log(`  REPLICA cleanup: ${String(error)}`));
  };
  b.atExit(stop);
  try {
    const { primary, replica } = await startReplicatedPair(dir, { primary: await freePort(), replica: await freePort() }, steps);
    const redis = new RedisServer(await freePort());
    await redis.start();
    steps.push(() => redis.stop());

    await primary.sql(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?`, [DIRECT_USER.user, DIRECT_USER.password]);
    await primary.sql(`GRANT ALL ON ${DATABASE}.* TO ?@'127.0.0.1'`, [DIRECT_USER.user]);
    const account = (user: { user: string; password: string }) => ({
      client: 'mysql' as const,
      host: '127.0.0.1',
      port: primary.port,
      ...user,
      database: DATABASE,
      poolMax: DEFAULT_POOL_MAX,
    });
    const db = createDb(account(APP_USER));
    steps.push(() => db.destroy());
    const seeded = await seed(db, b.options.sizes, b.options.bcryptRounds);
    await caughtUp(primary, replica, 300);
    b.log(`  REPLICA: primary :${primary.port} and replica :${replica.port} seeded in ${seeded.seconds.toFixed(1)} s and replicated`);

    const [primaryRoot, replicaRoot] = [rootPool(primary), rootPool(replica)];
    steps.push(() => Promise.all([primaryRoot.destroy(), replicaRoot.destroy()]));
    const counters: StatementCounter[] = [await createStatementCounter(primaryRoot), await createStatementCounter(replicaRoot)];
    if (counters.some((counter) => counter.mode !== 'per-account')) throw new Error('REPLICA needs MariaDB user statistics on its own servers');
    const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

    const env = (user: { user: string; password: string }) => ({
      DB_HOST: '127.0.0.1',
      DB_PORT: String(primary.port),
      DB_USER: user.user,
      DB_PASSWORD: user.password,
      DB_NAME: DATABASE,
      REDIS_URL: redis.url,
    });
    const [routed, direct] = await Promise.all([
      b.startShopgraph('Shopgraph with one replica', { ...env(APP_USER), DB_REPLICAS: `127.0.0.1:${replica.port}` }),
      b.startShopgraph('Shopgraph on the replica pair\'s primary alone', env(DIRECT_USER)),
    ]);
    steps.push(() => Promise.all([routed.stop(), direct.stop()]));
    await replicaHealthy(routed);

    return {
      primary,
      replica,
      redis,
      db,
      routed,
      direct,
      accounts: { routed: APP_USER.user, direct: DIRECT_USER.user },
      startSeconds: (Date.now() - started) / 1000,
      async tally(user) {
        const [onPrimary, onReplica, waits] = await Promise.all([
          counters[0]!.read(user),
          counters[1]!.read(user),
          replica.one<{ n: number | string | null; picos: number | string | null }>(
            `SELECT SUM(COUNT_STAR) AS n, SUM(SUM_TIMER_WAIT) AS picos FROM performance_schema.events_statements_summary_by_digest
              WHERE DIGEST_TEXT LIKE '%MASTER_GTID_WAIT%'`,
          ),
        ]);
        return {
          primary: onPrimary,
          replica: onReplica,
          positionWaits: Number(waits.n ?? 0),
          positionWaitPicos: Number(waits.picos ?? 0),
          primaryCpuMs: cpuMsOf(primary.pid, ticksPerSecond),
          replicaCpuMs: cpuMsOf(replica.pid, ticksPerSecond),
        };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Until the server's /api/ready reports its replica healthy (it serves reads from then on). */
async function replicaHealthy(server: Measured, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await fetch(`${server.url}/api/ready`)).json()) as { replicas?: { state: string }[] };
    if (body.replicas?.[0]?.state === 'healthy') return;
    if (Date.now() > deadline) throw new Error(`${server.name}: the replica is not healthy after ${timeoutMs / 1000} s: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
