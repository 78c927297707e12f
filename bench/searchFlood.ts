// Hardening II finding 3's figure: the catalog's latency while a flood of searches that scan every
// product runs (REST `?search=%` and GraphQL counts of `search: "%"`, both accepted by the cost
// limit), against the catalog alone. One MariaDB bench database seeded from bench/dataset.ts, one
// Shopgraph process at the default pool (DB_POOL_MAX 4).
//
//   npx tsx bench/searchFlood.ts [--products 50000] [--seconds 15] [--server <tree holding src/index.ts>]
//
// `--server` runs another checkout's server (e.g. an export of the commit before the fix) against
// the same data set, for a before/after.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cycle, fire, getJson, postJson, type LoadResult } from './load';
import { freePort, ROOT, startMeasured } from './processes';
import { createBenchDatabase, mysqlServerFromEnv, seed } from './seed';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '50000' },
    seconds: { type: 'string', default: '15' },
    server: { type: 'string', default: ROOT },
  },
});
const products = Number(values.products);
const seconds = Number(values.seconds);

const CATALOG_PAGE = postJson('/graphql', {
  query: 'query Page($first: Int!) { products(first: $first, sort: NEWEST) { nodes { id name price stock category } } }',
  variables: { first: 12 },
});
const productById = (id: number) =>
  postJson('/graphql', { query: 'query One($id: ID!) { product(id: $id) { id name price description } }', variables: { id: String(id) } });
const SCAN_COUNTS = postJson('/graphql', {
  query: '{ a: products(search: "%") { totalCount } b: products(search: "%") { totalCount } }',
});
const SCAN_PAGE = getJson('/api/products?search=%25&limit=20');

function summary(result: LoadResult) {
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    requests: result.requests,
    rps: Math.round(result.rps),
    p50: round(result.p50),
    p99: round(result.p99),
    max: round(result.max),
    statuses: result.statuses,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const database = await createBenchDatabase(mysqlServerFromEnv(), `shopgraph_bench_flood_${randomBytes(3).toString('hex')}`);
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'shopgraph-flood-'));
  try {
    const seeded = await seed(database.db, { products, users: 1, orders: 0 }, 4);
    console.log(`seeded ${products} products in ${seeded.seconds.toFixed(1)} s`);
    const config = database.config(database.accounts.app);
    const server = await startMeasured({
      name: 'Shopgraph',
      script: path.join(path.resolve(values.server), 'src/index.ts'),
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(30).toString('base64url'),
        LOG_LEVEL: 'warn',
        DB_HOST: config.host,
        DB_PORT: String(config.port),
        DB_USER: config.user,
        DB_PASSWORD: config.password,
        DB_NAME: config.database,
      },
      port: await freePort(),
      cwd: emptyDir,
    });
    try {
      const ids = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7919) % products));
      const catalog = () => {
        const next = cycle([CATALOG_PAGE, ...ids.map(productById)]);
        return fire({ url: server.url, connections: 4, durationSec: seconds, next });
      };
      await fire({ url: server.url, connections: 4, amount: 400, next: cycle([CATALOG_PAGE, ...ids.map(productById)]) }); // warm-up
      const alone = await catalog();
      const [during, restFlood, graphqlFlood] = await Promise.all([
        catalog(),
        fire({ url: server.url, connections: 8, durationSec: seconds, next: () => SCAN_PAGE }),
        fire({ url: server.url, connections: 8, durationSec: seconds, next: () => SCAN_COUNTS }),
      ]);
      const report = {
        server: path.resolve(values.server),
        products,
        seconds,
        catalogAlone: summary(alone),
        catalogDuringFlood: summary(during),
        restScanFlood: summary(restFlood),
        graphqlScanCountFlood: summary(graphqlFlood),
      };
      console.log(JSON.stringify(report, null, 2));
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
