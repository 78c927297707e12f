// `npm run bench:cache`: S1 (REST catalog pages) and S2 (the storefront's GraphQL catalog query
// by GET) against one instance with the Redis response cache off, the same with it warm, through
// nginx's proxy_cache, and the anchor: bare node:http answering the same bytes from Redis.
// MariaDB database and Redis key prefix of its own; ports 4985-4989 (BENCH_CACHE_PORT moves the five).
// Prints a Markdown table.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import knex from 'knex';
import { Instance } from '../drills/support/cluster';
import { Nginx } from '../drills/support/nginx';

const ROOT = path.resolve(__dirname, '..');
const PORT_BASE = Number(process.env.BENCH_CACHE_PORT ?? 4985);
const PORTS = { uncached: PORT_BASE, cached: PORT_BASE + 1, nginx: PORT_BASE + 2, anchor: PORT_BASE + 3, viaExpress: PORT_BASE + 4 };
const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const PRODUCTS = 200;
const HEADERS = { 'apollo-require-preflight': 'true', accept: 'application/json' };
const S2_QUERY =
  'query Catalog($first: Int!) { products(first: $first, sort: NEWEST) { totalCount pageInfo { hasNextPage endCursor } nodes { id name price stock category } } }';
const PATHS = {
  S1: '/api/products?page=1&limit=20',
  S2: `/graphql?${new URLSearchParams({ query: S2_QUERY, variables: JSON.stringify({ first: 20 }) })}`,
};

async function load(url: string): Promise<{ rps: number; p99: number; non2xx: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: HEADERS });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}

async function hitRatio(url: string, header: string, hit: string): Promise<string> {
  let hits = 0;
  for (let i = 0; i < 100; i++) {
    const response = await fetch(url, { headers: HEADERS });
    await response.text();
    if (response.headers.get(header) === hit) hits += 1;
  }
  return `${hits}%`;
}

async function main(): Promise<void> {
  const database = `shopgraph_cache_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `bench:cache:${randomBytes(4).toString('hex')}`;
  const server = knex({ client: 'mysql2', connection: MYSQL, pool: { min: 0, max: 1 } });
  const dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-cache-bench-'));
  const stops: (() => Promise<unknown>)[] = [];
  try {
    await server.raw(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
    stops.push(() => server.raw(`DROP DATABASE ${database}`));
    const env = {
      NODE_ENV: 'production',
      JWT_SECRET: 'cache-bench-secret-of-at-least-32-characters',
      DB_HOST: MYSQL.host,
      DB_USER: MYSQL.user,
      DB_NAME: database,
      REDIS_URL: 'redis://127.0.0.1:6379',
      CACHE_KEY_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    };
    const uncached = new Instance('uncached', PORTS.uncached, { ...env, RESPONSE_CACHE: 'off' }, ROOT);
    const cached = new Instance('cached', PORTS.cached, env, ROOT);
    // Hits answered through Express, as before the fast path (src/cache/fastHits.ts).
    const viaExpress = new Instance('via-express', PORTS.viaExpress, { ...env, RESPONSE_CACHE_FAST_PATH: 'off' }, ROOT);
    stops.push(() => uncached.stop(), () => cached.stop(), () => viaExpress.stop());
    for (const instance of [uncached, cached, viaExpress]) {
      instance.start();
      await instance.ready();
    }
    const db = knex({ client: 'mysql2', connection: { ...MYSQL, database }, pool: { min: 0, max: 1 } });
    const now = new Date();
    await db('products').insert(
      Array.from({ length: PRODUCTS }, (_, i) => ({ name: `Product ${i}`, description: 'x'.repeat(200), price: 1000 + i, stock: 50, category: `C${i % 8}`, created_at: now, updated_at: now })),
    );
    await db.destroy();
    const nginx = new Nginx(dir);
    stops.push(() => nginx.stop());
    await nginx.start(PORTS.nginx, [PORTS.cached]);

    const rows: string[] = ['| scenario | setup | req/s | p99 ms | hit ratio | non-2xx |', '|---|---|---:|---:|---:|---:|'];
    for (const [scenario, route] of Object.entries(PATHS)) {
      // The anchor serves exactly the bytes of the cached answer.
      const body = await (await fetch(`http://127.0.0.1:${PORTS.cached}${route}`, { headers: HEADERS })).text();
      const anchorKey = `${prefix}:anchor:${scenario}`;
      const redisCli = spawn('redis-cli', ['-x', 'SET', anchorKey], { stdio: ['pipe', 'ignore', 'inherit'] });
      redisCli.stdin.end(body);
      await new Promise((resolve) => redisCli.once('exit', resolve));
      const anchor = spawn(process.execPath, ['--import', 'tsx', 'bench/anchors/redisBytes.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(PORTS.anchor), ANCHOR_KEY: anchorKey },
        stdio: 'ignore',
      });
      for (let i = 0; i < 50 && !(await fetch(`http://127.0.0.1:${PORTS.anchor}/`).catch(() => null)); i++) await new Promise((r) => setTimeout(r, 100));
      const setups: [string, string, string | null][] = [
        ['caching off (RESPONSE_CACHE=off)', `http://127.0.0.1:${PORTS.uncached}${route}`, null],
        ['Redis cache warm, hits through Express (RESPONSE_CACHE_FAST_PATH=off)', `http://127.0.0.1:${PORTS.viaExpress}${route}`, 'x-cache'],
        ['Redis cache warm', `http://127.0.0.1:${PORTS.cached}${route}`, 'x-cache'],
        ['through nginx proxy_cache', `http://127.0.0.1:${PORTS.nginx}${route}`, 'x-cache-status'],
        ['anchor: node:http + one Redis GET', `http://127.0.0.1:${PORTS.anchor}${route}`, null],
      ];
      const figures: Record<string, number> = {};
      for (const [name, url, header] of setups) {
        await load(url); // warm-up (fills the caches, JIT)
        const ratio = header ? await hitRatio(url, header, 'HIT') : '—';
        const result = await load(url);
        figures[name] = result.rps;
        rows.push(`| ${scenario} | ${name} | ${result.rps.toFixed(0)} | ${result.p99} | ${ratio} | ${result.non2xx} |`);
        console.log(rows.at(-1));
      }
      anchor.kill('SIGTERM');
      const off = figures['caching off (RESPONSE_CACHE=off)']!;
      const warm = figures['Redis cache warm']!;
      const anchorRps = figures['anchor: node:http + one Redis GET']!;
      const throughExpress = figures['Redis cache warm, hits through Express (RESPONSE_CACHE_FAST_PATH=off)']!;
      rows.push(
        `| ${scenario} | **Redis warm / off = ${(warm / off).toFixed(1)}×; Redis warm / anchor = ${(warm / anchorRps).toFixed(2)}× (through Express: ${(throughExpress / anchorRps).toFixed(2)}×)** | | | | |`,
      );
    }
    console.log(`\n${SECONDS} s per run after a ${SECONDS} s warm-up, ${CONNECTIONS} connections (autocannon), one instance, MariaDB, Redis 127.0.0.1:6379\n`);
    console.log(rows.join('\n'));
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.log(`(stopping: ${String(error)})`));
    await server.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
