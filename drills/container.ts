// `npm run test:container`: builds the production image (Dockerfile) on a Node 24 bookworm base,
// runs it in production mode against the machine's MariaDB (a database of its own), and checks
// what the image promises: the size it adds to its base, migrations and seeding with the compiled
// commands, /api/ready, a sign-in and an order over HTTP, a non-root process, a healthy
// HEALTHCHECK, and `docker stop` ending it with exit 0 within 10 s. Last line: `N passed, M failed`.
//
// Needs a Docker engine (scripts/dockerd.sh starts one: no bridge, so everything uses
// --network host). The base: CONTAINER_BASE_IMAGE, or the local stand-in for
// node:24-bookworm-slim that scripts/docker-base.sh builds once and keeps.
// CONTAINER_MYSQL_URL (default mysql://root@127.0.0.1:3306) is the server; CONTAINER_PORT
// (default 4731) the port the container listens on.
// CONTAINER_DRILL_RUN_ARGS adds `docker run` arguments to the server's container; it exists only to
// show the drill failing, e.g. "--user 0 --stop-signal SIGKILL" breaks two guarantees.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { dataOf, graphql, request } from './support/client';
import { check, expect, runDrill } from './support/harness';

const ROOT = path.resolve(__dirname, '..');
const IMAGE = 'shopgraph:container-drill';
const CONTAINER = 'shopgraph-container-drill';
const DATABASE = 'shopgraph_container';
const ADDED_LIMIT_MB = 150;
const MYSQL_URL = new URL(process.env.CONTAINER_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
const PORT = Number(process.env.CONTAINER_PORT ?? 4731);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const EXTRA_RUN_ARGS = (process.env.CONTAINER_DRILL_RUN_ARGS ?? '').split(' ').filter(Boolean);
const ADMIN = { email: 'ops@container-drill.example', password: 'Container-drill-admin-9' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Runs a command; its output, or an error with the end of what it printed. */
function run(command: string, args: string[], options: { timeoutMs?: number } = {}): string {
  const answer = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: options.timeoutMs ?? 600_000, maxBuffer: 64 * 1024 * 1024 });
  if (answer.status !== 0) {
    const output = `${answer.stdout ?? ''}${answer.stderr ?? ''}`.trim();
    throw new Error(`${command} ${args.join(' ')} exited ${answer.status ?? answer.signal}: ${output.slice(-1500)}`);
  }
  return answer.stdout.trim();
}
const docker = (...args: string[]) => run('docker', args);

const ENV = {
  NODE_ENV: 'production',
  PORT: String(PORT),
  DB_HOST: MYSQL_URL.hostname,
  DB_PORT: MYSQL_URL.port || '3306',
  DB_USER: decodeURIComponent(MYSQL_URL.username) || 'root',
  DB_PASSWORD: decodeURIComponent(MYSQL_URL.password),
  DB_NAME: DATABASE,
  JWT_SECRET: 'container-drill-secret-of-at-least-32-characters',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  INSTANCE_ID: 'container',
};
const envArgs = Object.entries(ENV).flatMap(([name, value]) => ['-e', `${name}=${value}`]);

async function database(statement: string): Promise<void> {
  const connection = await mysql.createConnection({ host: ENV.DB_HOST, port: Number(ENV.DB_PORT), user: ENV.DB_USER, password: ENV.DB_PASSWORD });
  try {
    await connection.query(statement);
  } finally {
    await connection.end();
  }
}

function removeContainer(): void {
  spawnSync('docker', ['rm', '--force', CONTAINER], { stdio: 'ignore' });
}

async function main(): Promise<void> {
  console.log(run('bash', ['scripts/dockerd.sh']));
  const base = process.env.CONTAINER_BASE_IMAGE ?? run('bash', ['scripts/docker-base.sh'], { timeoutMs: 900_000 }).split('\n').pop()!;
  removeContainer();

  await check('compose.yaml validates with Compose (docker compose, else Debian\'s docker-compose)', async () => {
    const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
    const [command, ...prefix] = plugin ? ['docker', 'compose'] : ['docker-compose'];
    const env = { ...process.env, DB_PASSWORD: 'compose-check', JWT_SECRET: 'c'.repeat(40) };
    const answer = spawnSync(command!, [...prefix, '-f', 'compose.yaml', 'config', '--services'], { cwd: ROOT, encoding: 'utf8', env });
    expect(answer.status === 0, `${command} ${prefix.join(' ')} config: ${answer.error?.message ?? ''}${answer.stderr ?? ''}`.trim());
    const services = answer.stdout.trim().split('\n').sort();
    expect(services.join(' ') === 'api-1 api-2 db haproxy redis', `services: ${services.join(' ')}`);
    return `${[command, ...prefix].join(' ')}: ${services.join(', ')}`;
  });

  let built = false;
  await check(`the image builds on ${base}`, async () => {
    const t0 = Date.now();
    docker('build', '--network', 'host', '--build-arg', `BASE_IMAGE=${base}`, '--tag', IMAGE, '.');
    built = true;
    const node = docker('run', '--rm', '--network', 'host', IMAGE, 'node', '--version');
    expect(node.startsWith('v24.'), `the image runs Node ${node}, not 24`);
    return `${((Date.now() - t0) / 1000).toFixed(0)} s, Node ${node}`;
  });
  if (!built) return;

  await check(`the layers the Dockerfile adds to its base are under ${ADDED_LIMIT_MB} MB`, async () => {
    const size = (image: string) => Number(docker('image', 'inspect', '--format', '{{.Size}}', image));
    const baseSize = size(base);
    const added = size(IMAGE) - baseSize;
    const layers = docker('history', '--format', '{{.Size}}\t{{.CreatedBy}}', IMAGE)
      .split('\n')
      .filter((line) => !line.startsWith('0B'))
      .slice(0, 4)
      .map((line) => line.split('\t')[0]);
    expect(added < ADDED_LIMIT_MB * 1e6, `the image adds ${mb(added)} to its base`);
    return `base ${mb(baseSize)}, added ${mb(added)} (largest layers first from the top: ${layers.join(', ')})`;
  });

  await database(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await database(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
  try {
    await check('npm run migrate and npm run seed run the compiled commands in the image (no dev dependencies)', async () => {
      const oneOff = (...command: string[]) => docker('run', '--rm', '--network', 'host', ...envArgs, IMAGE, ...command);
      expect(oneOff('sh', '-c', 'test ! -e node_modules/typescript && test ! -e node_modules/tsx && test ! -e src && echo ok') === 'ok', 'dev dependencies or sources in the image');
      const migrated = oneOff('npm', 'run', '--silent', 'migrate');
      const seeded = oneOff('npm', 'run', '--silent', 'seed');
      const again = oneOff('npm', 'run', '--silent', 'seed');
      const oneLine = (output: string) => output.split('\n').map((line) => line.slice(0, 120)).join(' / ');
      expect(/left alone|already/i.test(again), `the second seed did not say what it left alone: ${again}`);
      return `migrate: "${oneLine(migrated)}"; seed: "${oneLine(seeded)}"; again: "${oneLine(again)}"`;
    });

    const startedAt = Date.now();
    docker('run', '--detach', '--name', CONTAINER, '--network', 'host', ...envArgs, ...EXTRA_RUN_ARGS, IMAGE);
    await check('the server starts in production mode and /api/ready answers 200', async () => {
      for (;;) {
        const answer = await request(`${BASE_URL}/api/ready`).catch(() => null);
        if (answer?.status === 200) return `${((Date.now() - startedAt) / 1000).toFixed(1)} s after docker run`;
        if (Date.now() - startedAt > 30_000) throw new Error(`not ready after 30 s: ${answer?.status ?? 'no answer'}; logs: ${docker('logs', '--tail', '20', CONTAINER)}`);
        await sleep(250);
      }
    });

    await check('a sign-in and an order work over HTTP', async () => {
      const admin = dataOf<{ login: { token: string } }>(
        await graphql(BASE_URL, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN.email, p: ADMIN.password }),
      ).login.token;
      const product = dataOf<{ createProduct: { id: string } }>(
        await graphql(BASE_URL, 'mutation($input: ProductInput!) { createProduct(input: $input) { id } }', { input: { name: 'Drill kettle', category: 'Kitchen', price: '19.99', stock: 5 } }, admin),
      ).createProduct.id;
      const shopper = { email: `shopper-${randomUUID().slice(0, 8)}@container-drill.example`, password: 'Shopper-password-42' };
      dataOf(await graphql(BASE_URL, 'mutation($input: RegisterInput!) { register(input: $input) { token } }', { input: shopper }));
      const token = dataOf<{ login: { token: string } }>(
        await graphql(BASE_URL, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: shopper.email, p: shopper.password }),
      ).login.token;
      const order = dataOf<{ placeOrder: { id: string; total: string; status: string } }>(
        await graphql(BASE_URL, 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id total status } }', { input: { items: [{ productId: product, quantity: 2 }] } }, token),
      ).placeOrder;
      expect(order.total === '39.98', `order total ${order.total}, expected 39.98`);
      return `order ${order.id}: ${order.status}, total ${order.total}`;
    });

    await check('the server runs as a non-root user', async () => {
      const execUid = docker('exec', CONTAINER, 'id', '-u');
      const pid = docker('inspect', '--format', '{{.State.Pid}}', CONTAINER);
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const uids = /^Uid:\s+(.*)$/m.exec(status)?.[1]?.split(/\s+/) ?? [];
      expect(execUid !== '0', `docker exec id -u: ${execUid}`);
      expect(uids.length > 0 && uids.every((uid) => uid !== '0'), `the container's main process (pid ${pid}) has uids ${uids.join(' ')}`);
      return `docker exec id -u: ${execUid}; main process uids (real, effective, saved, fs): ${uids.join(' ')}`;
    });

    await check('the image HEALTHCHECK reports healthy', async () => {
      const deadline = Date.now() + 40_000;
      for (;;) {
        const health = docker('inspect', '--format', '{{.State.Health.Status}}', CONTAINER);
        if (health === 'healthy') return `healthy ${((Date.now() - startedAt) / 1000).toFixed(0)} s after docker run (interval 10 s)`;
        if (Date.now() > deadline) throw new Error(`health ${health} after 40 s`);
        await sleep(1000);
      }
    });

    await check('docker stop (SIGTERM) ends the server with exit 0 within 10 s', async () => {
      const t0 = Date.now();
      docker('stop', '--time', '10', CONTAINER);
      const seconds = (Date.now() - t0) / 1000;
      const exit = docker('inspect', '--format', '{{.State.ExitCode}}', CONTAINER);
      const lastLog = docker('logs', '--tail', '1', CONTAINER);
      expect(exit === '0', `exit code ${exit} after ${seconds.toFixed(1)} s; last log line: ${lastLog}`);
      expect(seconds < 10, `took ${seconds.toFixed(1)} s`);
      return `exit 0 in ${seconds.toFixed(1)} s`;
    });
  } finally {
    removeContainer();
    await database(`DROP DATABASE IF EXISTS ${DATABASE}`).catch(() => undefined);
  }
}

runDrill('container', main);
