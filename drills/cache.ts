// `npm run test:cache`: Debian's nginx with proxy_cache (a CDN as far as HTTP caching goes) in front
// of two API instances sharing a MariaDB database and a Redis of the drill's own, all on loopback
// ports 4980-4983 (DRILL_CACHE_PORT moves them) and all started here. Checks that a price change reaches every reader within the
// documented bound, that signed-in answers never cross users, that unkeyed headers cannot poison
// the cache, and that a request with a token never gets a public entry. Each check prints its
// figure; the last line is `N passed, M failed`. Everything started is stopped.
//
// `--unsafe-proxy` (for showing that the drill can fail; never for deployment) runs nginx with a
// configuration that ignores Cache-Control and Vary and keeps every 200 for 60 s: the drill then
// reports the leaks it exists to catch.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import knex from 'knex';
import { CACHE_BOUNDS } from '../src/cache/policy';
import { Instance, RedisServer } from './support/cluster';
import { check, expect, inScratchDir, runDrill } from './support/harness';
import { Nginx } from './support/nginx';
import { dataOf, graphql } from './support/client';

const ROOT = path.resolve(__dirname, '..');
/** 4980-4983 unless DRILL_CACHE_PORT moves the four. */
const PORT_BASE = Number(process.env.DRILL_CACHE_PORT ?? 4980);
const PORTS = { nginx: PORT_BASE, instances: [PORT_BASE + 1, PORT_BASE + 2], redis: PORT_BASE + 3 } as const;
const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
const UNSAFE = process.argv.includes('--unsafe-proxy');
/** A price change must reach every anonymous reader within this (README "Caching and CDNs"). */
const PRICE_BOUND_SECONDS = CACHE_BOUNDS.catalog.maxAge + CACHE_BOUNDS.catalog.stale;
const ALTERNATIONS = 200;
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Got {
  status: number;
  text: string;
  cacheStatus: string | null;
  cacheControl: string | null;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  const response = await fetch(url, { headers: { ...PREFLIGHT, ...headers }, signal: AbortSignal.timeout(15_000) });
  return {
    status: response.status,
    text: await response.text(),
    cacheStatus: response.headers.get('x-cache-status'),
    cacheControl: response.headers.get('cache-control'),
  };
}

/** What a browser's request carries; the poisoning attempts add one header to it. */
const BROWSER = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br' };

/** A GET with exactly these headers (Host included: fetch does not let a caller set it), as an attacker sends it. */
function rawGet(url: string, headers: Record<string, string>): Promise<Got> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { ...PREFLIGHT, ...BROWSER, ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const header = (name: string) => (response.headers[name] as string | undefined) ?? null;
        resolve({ status: response.statusCode ?? 0, text, cacheStatus: header('x-cache-status'), cacheControl: header('cache-control') });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

function graphqlGet(base: string, query: string): string {
  return `${base}/graphql?${new URLSearchParams({ query }).toString()}`;
}

async function main(): Promise<void> {
  for (const program of ['nginx', 'redis-server']) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) throw new Error(`not installed: ${program} (apt-get install ${program === 'nginx' ? 'nginx' : 'redis-server'})`);
  }
  const database = `shopgraph_cache_drill_${randomBytes(4).toString('hex')}`;
  await inScratchDir('shopgraph-cache-', async (dir, stops) => {
    const server = knex({ client: 'mysql2', connection: MYSQL, pool: { min: 0, max: 1 } });
    stops.push(() => server.destroy());
    await server.raw(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
    stops.push(() => server.raw(`DROP DATABASE ${database}`));
    const redis = new RedisServer(PORTS.redis);
    stops.push(() => redis.stop());
    await redis.start();
    const env = {
      NODE_ENV: 'development',
      JWT_SECRET: 'cache-drill-secret-of-at-least-32-characters',
      DB_HOST: MYSQL.host,
      DB_PORT: String(MYSQL.port),
      DB_USER: MYSQL.user,
      DB_NAME: database,
      REDIS_URL: redis.url,
      BCRYPT_ROUNDS: '4',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'loopback',
    };
    const instances = PORTS.instances.map((port, index) => new Instance(`api-${index + 1}`, port, env, ROOT));
    stops.push(() => Promise.all(instances.map((instance) => instance.stop())));
    instances[0]!.start();
    await instances[0]!.ready(); // the first applies the migrations
    instances[1]!.start();
    await instances[1]!.ready();
    const nginx = new Nginx(dir);
    stops.push(() => nginx.stop());
    await nginx.start(PORTS.nginx, PORTS.instances, UNSAFE);
    await drill(instances, database);
  });
}

async function drill(instances: Instance[], database: string): Promise<void> {
  const edge = `http://127.0.0.1:${PORTS.nginx}`;
  const db = knex({ client: 'mysql2', connection: { ...MYSQL, database }, pool: { min: 0, max: 1 } });
  try {
    const now = new Date();
    const [productId] = await db('products').insert({ name: 'Drill mug', description: '', price: 1000, stock: 100, category: 'Kitchen', created_at: now, updated_at: now });
    const register = async (email: string) =>
      dataOf<{ register: { token: string } }>(
        await graphql(edge, 'mutation($input: RegisterInput!) { register(input: $input) { token } }', { input: { email, password: 'drill-password-1' } }),
      ).register.token;
    const admin = await register('admin@drill.example');
    await db('users').where({ email: 'admin@drill.example' }).update({ role: 'admin' });
    const adminToken = dataOf<{ login: { token: string } }>(
      await graphql(edge, 'mutation { login(email: "admin@drill.example", password: "drill-password-1") { token } }'),
    ).login.token;
    void admin;
    const alice = await register('alice@drill.example');
    const bob = await register('bob@drill.example');

    await check('an anonymous catalog read is kept by nginx: the second is a HIT that no instance sees', async () => {
      const url = graphqlGet(edge, `{ product(id: ${productId}) { name price } }`);
      const first = await get(url);
      const second = await get(url);
      expect(first.status === 200 && second.status === 200, `statuses ${first.status}, ${second.status}`);
      expect(second.cacheStatus === 'HIT', `second read: ${second.cacheStatus}`);
      expect(second.text === first.text, 'the HIT differs from the first answer');
      return `${first.cacheControl}; second read ${second.cacheStatus}`;
    });

    await check(`a price change reaches nginx and both instances within ${PRICE_BOUND_SECONDS} s, and the admin at once`, async () => {
      const query = `{ product(id: ${productId}) { price } }`;
      const readers = [edge, ...instances.map((instance) => instance.url)];
      for (const base of readers) await get(graphqlGet(base, query)); // cached everywhere
      const changedAt = Date.now();
      dataOf(await graphql(edge, `mutation { updateProduct(id: ${productId}, input: { price: "12.34" }) { price } }`, {}, adminToken));
      const own = await get(graphqlGet(edge, query), { authorization: `Bearer ${adminToken}` });
      expect(own.text.includes('12.34'), `the admin reads ${own.text}`);
      // Every reader polls at once; each records when it first saw the new price.
      const seconds = await Promise.all(
        readers.map(async (base) => {
          for (;;) {
            const answer = await get(graphqlGet(base, query));
            if (answer.text.includes('12.34')) break;
            if (Date.now() - changedAt > PRICE_BOUND_SECONDS * 1000) throw new Error(`${base} still says ${answer.text} after ${PRICE_BOUND_SECONDS} s`);
            await sleep(250);
          }
          return `${base === edge ? 'nginx' : `instance :${base.slice(-4)}`} ${((Date.now() - changedAt) / 1000).toFixed(1)} s`;
        }),
      );
      return seconds.join(', ');
    });

    await check(`two users alternating ${ALTERNATIONS} times never see each other's me/myOrders (GET through nginx)`, async () => {
      const query = '{ me { email } myOrders { totalCount nodes { id } } }';
      let leaks = 0;
      let hits = 0;
      for (let i = 0; i < ALTERNATIONS; i += 1) {
        const [email, token] = i % 2 === 0 ? ['alice@drill.example', alice] : ['bob@drill.example', bob];
        const answer = await get(graphqlGet(edge, query), { authorization: `Bearer ${token}` });
        if (!answer.text.includes(`"${email}"`)) leaks += 1;
        if (answer.cacheStatus === 'HIT') hits += 1;
        const rest = await get(`${edge}/api/orders`, { authorization: `Bearer ${token}` });
        if (rest.cacheStatus === 'HIT') hits += 1;
      }
      expect(leaks === 0, `${leaks} answers held the other user's data`);
      expect(hits === 0, `${hits} signed-in answers came from nginx's cache`);
      return `${ALTERNATIONS * 2} signed-in reads, 0 leaks, 0 cache hits`;
    });

    await check('unkeyed headers (Host, X-Forwarded-Host, X-Forwarded-Proto, odd Accept-Encoding) do not change cached content', async () => {
      const clean = await rawGet(`${instances[0]!.url}/api/products/${productId}`, {});
      const attempts: Record<string, string>[] = [
        { host: 'evil.example' },
        { 'x-forwarded-host': 'evil.example' },
        { 'x-forwarded-proto': 'gopher' },
        { 'accept-encoding': 'gzip;q=0, evil, br' },
      ];
      const hits: string[] = [];
      for (const headers of attempts) {
        // The attacker's request comes first on a fresh URL and is what nginx keeps …
        const url = `${edge}/api/products/${productId}?poison=${randomBytes(4).toString('hex')}`;
        await rawGet(url, headers);
        // … then a browser reads the same URL.
        const victim = await rawGet(url, {});
        const name = Object.keys(headers)[0]!;
        expect(!victim.text.includes('evil') && !victim.text.includes('gopher'), `${name}: poisoned: ${victim.text}`);
        expect(victim.text === clean.text, `${name}: the answer differs from an instance's own`);
        hits.push(`${name} ${victim.cacheStatus}`);
      }
      return `attacker first, then a browser: ${hits.join(', ')} — each equal to the origin's answer (an odd Accept-Encoding is a variant of its own: Vary)`;
    });

    await check('a request with an Authorization header is never served a public entry', async () => {
      const url = `${edge}/api/products?probe=${randomBytes(4).toString('hex')}`;
      const anonymous = await get(url);
      const again = await get(url);
      expect(again.cacheStatus === 'HIT', `the public entry was not kept (${again.cacheStatus}; ${anonymous.cacheControl})`);
      let publicServed = 0;
      for (const token of [alice, bob, adminToken, 'not-a-token']) {
        const answer = await get(url, { authorization: `Bearer ${token}` });
        if (answer.cacheStatus === 'HIT' || !answer.cacheControl?.startsWith('private')) publicServed += 1;
      }
      expect(publicServed === 0, `${publicServed} of 4 requests with a token got the public entry`);
      return '4 of 4 requests with a token answered by an instance, private';
    });
  } finally {
    await db.destroy();
  }
}

runDrill(UNSAFE ? 'cache (--unsafe-proxy)' : 'cache', main);
