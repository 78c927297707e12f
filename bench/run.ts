// `npm run bench` — seeds a fresh MariaDB database, starts Shopgraph in production mode and the
// anchors as separate processes, runs the scenarios, writes the report, cleans everything up.
//   --smoke            a few seconds per scenario, one round, a small data set (CI)
//   --only S1,S3       some scenarios only (S4 brings S1 along); N24: Node 24 vs 20; POOL: pool sweep;
//                      REPLICA: S1 and S2 with one read replica, and the read-your-writes position check
//   --profile S3       CPU-profile the server in one extra window of these scenarios only
//   --no-profile       no profiles (full runs profile every scenario by default)
//   --rounds N         full runs: N rounds instead of 3 (for development)
//   --catalog A,B      full runs: A products instead of 10,000, grown to B instead of 100,000 in S6
//   --out FILE         where the Markdown goes (default BENCHMARKS.md; smoke: bench/.results/smoke.md)
//   --no-wait / --wait whether to wait for other test runs to end first (default: full waits)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signToken } from '../src/auth/jwt';
import { competingProcesses, gitRevision, machineInfo, waitForQuiet } from './machine';
import type { Bench } from './measure';
import { parseOptions, type ScenarioId } from './options';
import { freePort, ROOT, startMeasured, type Measured } from './processes';
import { checksTable, emptyReport, renderMarkdown, resultsTable, writeReport } from './report';
import { s5OneProductRace } from './scenarios/orders';
import { poolSweep } from './scenarios/poolSweep';
import { s1CatalogPages, s2GraphqlCatalog, s3OrdersWithItems, s6Search, s7SignedIn } from './scenarios/reads';
import { replicaScaleOut } from './scenarios/replica';
import { n24Runtime } from './scenarios/runtime';
import { s4SignInFlood } from './scenarios/signIn';
import { s8Soak } from './scenarios/soak';
import { ADMIN_ID, createBenchDatabase, FIRST_CUSTOMER_ID, mysqlServerFromEnv, seed } from './seed';
import { createStatementCounter } from './statements';
import { captureProductSql } from './sqlCapture';

/**
 * In this order: S5 adds orders (S3 lists the newest) and S6 grows the catalog tenfold (N24 and POOL
 * read S1's catalog). REPLICA seeds a MariaDB primary and replica of its own.
 */
const SCENARIOS: [ScenarioId, (b: Bench) => Promise<void>][] = [
  ['S1', s1CatalogPages],
  ['S7', s7SignedIn],
  ['S2', s2GraphqlCatalog],
  ['S3', s3OrdersWithItems],
  ['S4', s4SignInFlood],
  ['S8', s8Soak],
  ['N24', n24Runtime],
  ['POOL', poolSweep],
  ['S5', s5OneProductRace],
  ['S6', s6Search],
  ['REPLICA', replicaScaleOut],
];

const startedAt = new Date();
const log = (line: string) => console.log(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** The compiled server when `npm run build` succeeds (as `npm start` runs it), else src/ through tsx. */
function buildServer(): { script: string; description: string } {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  const compiled = path.join(ROOT, 'dist/src/index.js');
  if (build.status === 0 && existsSync(compiled)) {
    return { script: compiled, description: 'compiled JavaScript (`npm run build`; `node dist/src/index.js`)' };
  }
  log(`npm run build failed; running src/index.ts through tsx instead:\n${(build.stdout + build.stderr).slice(0, 2000)}`);
  return { script: path.join(ROOT, 'src/index.ts'), description: '`src/index.ts` through tsx (`npm run build` failed)' };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const only = new Set(options.only);
  if (only.has('S4')) only.add('S1');
  log(`${options.mode} run: ${SCENARIOS.filter(([id]) => only.has(id)).map(([id]) => id).join(', ')}`);

  const ownPids = new Set<number>();
  const competing = options.quietWaitSec > 0 ? await waitForQuiet(ownPids, options.quietWaitSec, log) : competingProcesses(ownPids);
  if (competing.length > 0) log(`measuring while ${competing.length} other test process(es) run:\n  ${competing.join('\n  ')}`);

  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  };
  const interrupted = () => void cleanUp().then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  process.once('unhandledRejection', (error) => {
    console.error(shortly(error));
    void cleanUp().then(() => process.exit(1));
  });

  try {
    const server = buildServer();
    const database = await createBenchDatabase(mysqlServerFromEnv(), `shopgraph_bench_${process.pid}`);
    cleanups.push(() => database.drop());
    log(`database ${database.name}: seeding ${options.sizes.products} products, ${options.sizes.users} users, ${options.sizes.orders} orders`);
    const seeded = await seed(database.db, options.sizes, options.bcryptRounds);
    log(`seeded in ${seeded.seconds.toFixed(1)} s (${seeded.orderItems} order items)`);
    const counter = await createStatementCounter(database.admin);
    cleanups.push(() => counter.close());
    const machine = await machineInfo(database.admin);

    const jwtSecret = randomBytes(30).toString('base64url').slice(0, 40);
    const dbEnv = (account: 'app' | 'anchor') => {
      const config = database.config(database.accounts[account]);
      return { DB_HOST: config.host, DB_PORT: String(config.port), DB_USER: config.user, DB_PASSWORD: config.password, DB_NAME: config.database };
    };
    const serverEnv = { NODE_ENV: 'production', JWT_SECRET: jwtSecret, LOG_LEVEL: 'warn', BCRYPT_ROUNDS: String(options.bcryptRounds) };
    // No .env can leak in from a working directory.
    const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'shopgraph-bench-'));
    cleanups.push(async () => rmSync(emptyDir, { recursive: true, force: true }));
    const started: Measured[] = [];
    cleanups.push(() => Promise.all(started.map((child) => child.stop())));
    const start = async (name: string, script: string, env: Record<string, string>, node?: string) => {
      const measuredProcess = await startMeasured({ name, script, env, port: await freePort(), cwd: emptyDir, node });
      started.push(measuredProcess);
      ownPids.add(measuredProcess.pid);
      return measuredProcess;
    };
    const sql = JSON.stringify(await captureProductSql(database.db));
    const startShopgraph = (name: string, env: Record<string, string> = {}, node?: string) =>
      start(name, server.script, { ...serverEnv, ...dbEnv('app'), ...env }, node);
    const startRawAnchor = (name: string, node?: string) =>
      start(name, path.join(__dirname, 'anchors/rawSql.ts'), { ...dbEnv('anchor'), BENCH_SQL: sql }, node);
    const [ours, raw, bare] = await Promise.all([
      startShopgraph('Shopgraph'),
      startRawAnchor('raw SQL anchor'),
      start('bare graphql-js anchor', path.join(__dirname, 'anchors/bareGraphql.ts'), { ...serverEnv, ...dbEnv('anchor') }),
    ]);
    log(`Shopgraph ${ours.url} (pid ${ours.pid}), raw SQL anchor ${raw.url}, bare graphql-js anchor ${bare.url}`);

    const jwt = { secret: jwtSecret, expiresInSeconds: 6 * 3600 };
    const passwordRow = (await database.db('users').where({ id: FIRST_CUSTOMER_ID }).first('password')) as { password: string };
    const b: Bench = {
      options,
      database,
      counter,
      ours,
      raw,
      bare,
      startShopgraph,
      startRawAnchor,
      loopEnv: dbEnv('anchor'),
      tokens: {
        admin: signToken({ id: ADMIN_ID, tokenVersion: 0 }, jwt).token,
        customers: Array.from({ length: options.sizes.users }, (_, index) => signToken({ id: FIRST_CUSTOMER_ID + index, tokenVersion: 0 }, jwt).token),
      },
      passwordHash: passwordRow.password,
      jwtSecret,
      ownPids,
      report: emptyReport(),
      atExit: (step) => cleanups.push(step),
      log,
    };
    if (counter.mode === 'server-wide') {
      b.report.notes.push('MariaDB user statistics were unavailable: SQL/req is the server-wide `Questions` delta, exact only on an otherwise idle server.');
    }
    if (competing.length > 0) b.report.notes.push(`${competing.length} other test process(es) were running when the run started.`);

    for (const [id, scenario] of SCENARIOS) {
      if (!only.has(id)) continue;
      if (options.mode === 'full') {
        const others = await waitForQuiet(ownPids, Math.min(options.quietWaitSec, 300), log);
        if (others.length > 0) b.report.notes.push(`${id} was measured while ${others.length} other test process(es) ran.`);
      }
      log(`${id} …`);
      await scenario(b);
    }

    for (const child of started) {
      if (child.exitedEarly()) b.report.problems.push(`${child.name} exited early:\n${child.output().slice(-1000)}`);
    }
    const info = {
      options,
      machine,
      revision: gitRevision(ROOT),
      server: server.description,
      statementCounting:
        counter.mode === 'per-account'
          ? "counted by MariaDB per database account (`information_schema.USER_STATISTICS`, `userstat` on for the run): the server and the anchors connect as accounts of their own, so other clients of the same MariaDB do not count"
          : 'the server-wide `Questions` delta divided by the requests',
      startedAt,
      wallSeconds: (Date.now() - startedAt.getTime()) / 1000,
      competing,
      seedSeconds: seeded.seconds,
      orderItems: seeded.orderItems,
      node24: b.node24 ?? null,
    };
    writeReport(options.out, renderMarkdown(b.report, info));
    const resultsFile = path.join(__dirname, '.results', `${options.mode}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    writeReport(resultsFile, JSON.stringify({ info, report: b.report }, null, 2));
    console.log(`\n${resultsTable(b.report)}\n\n${checksTable(b.report, options.mode === 'smoke')}\n`);
    for (const problem of b.report.problems) console.log(`PROBLEM: ${problem}`);
    log(`report written to ${path.relative(process.cwd(), options.out)}; wall time ${info.wallSeconds.toFixed(0)} s`);
    return b.report.problems.length > 0 ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

/** Errors of knex carry the whole statement (a batch insert is megabytes): keep it short. */
function shortly(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return text.length > 3000 ? `${text.slice(0, 3000)} …` : text;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(shortly(error));
    process.exit(1);
  },
);
