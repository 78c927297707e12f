// `npm run test:scale`: a MariaDB primary and replica, three API instances and HAProxy, all on
// loopback and all started here; checks replica routing, read-your-writes across instances,
// revoked tokens, replica faults, a rolling restart and a concurrent first start. Each check
// prints its figure; the last line is `N passed, M failed`. Everything started is stopped.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInstances, freePort, LoadBalancer, RedisServer, type Instance } from './support/cluster';
import { dataOf, graphql, percentile, request, retried, runLoad, type Answer } from './support/client';
import { check, expect, runDrill } from './support/harness';
import { until } from './support/processes';
import {
  APP_USER,
  DATABASE,
  caughtUp,
  replicaStatus,
  resetStatementCounts,
  startReplicatedPair,
  statementCounts,
  type MariaServer,
} from './support/mariadb';

const ROOT = path.resolve(__dirname, '..');
const PRODUCTS = 20;
const INITIAL_STOCK = 1_000_000;
const USERS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Shopper {
  email: string;
  password: string;
  token: string;
}

/** The programs the drill runs, each with the Debian package that brings it. */
const PROGRAMS = { 'mariadb-install-db': 'mariadb-server', mariadbd: 'mariadb-server', 'redis-server': 'redis-server', haproxy: 'haproxy' };

function missingPrograms(): string[] {
  return Object.entries(PROGRAMS)
    .filter(([program]) => spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0)
    .map(([program, pkg]) => `${program} (apt-get install ${pkg})`);
}

async function main(): Promise<void> {
  const missing = missingPrograms();
  if (missing.length > 0) throw new Error(`not installed: ${missing.join(', ')}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-scale-'));
  // Whatever has started is stopped, in reverse order, however far the set-up got.
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const { primary, replica } = await startReplicatedPair(dir, { primary: await freePort(), replica: await freePort() }, stops);
    const redis = new RedisServer(await freePort());
    stops.push(() => redis.stop());
    await redis.start();
    const env = {
      NODE_ENV: 'production',
      JWT_SECRET: 'scale-drill-secret-of-at-least-32-characters',
      DB_HOST: '127.0.0.1',
      DB_PORT: String(primary.port),
      DB_USER: APP_USER.user,
      DB_PASSWORD: APP_USER.password,
      DB_NAME: DATABASE,
      DB_REPLICAS: `127.0.0.1:${replica.port}`,
      REDIS_URL: redis.url,
      BCRYPT_ROUNDS: '4',
      LOG_LEVEL: 'info',
      MAX_UNPAID_UNITS_PER_USER: '10000000', // the drill's shoppers keep ordering; the bound has tests of its own
    };
    const instances = await createInstances(3, env, ROOT);
    stops.push(() => Promise.all(instances.map((instance) => instance.stop())));
    const balancer = new LoadBalancer(await freePort(), dir);
    stops.push(() => balancer.stop());
    await drill({ primary, replica, instances, balancer, redis });
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.log(`(stopping: ${String(error)})`));
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Cluster {
  primary: MariaServer;
  replica: MariaServer;
  instances: Instance[];
  balancer: LoadBalancer;
  redis: RedisServer;
}

async function drill({ primary, replica, instances, balancer, redis }: Cluster) {
  const lb = balancer.url;

  await check('three instances started together on an empty database apply each migration once and all become ready', async () => {
    instances.forEach((instance) => instance.start());
    await Promise.all(instances.map((instance) => instance.ready()));
    const files = new Set(readdirSync(path.join(ROOT, 'migrations')).map((file) => file.replace(/\.(ts|js)$/, '')));
    const applied = await primary.sql<{ name: string; n: number }>(`SELECT name, COUNT(*) AS n FROM ${DATABASE}.knex_migrations GROUP BY name`);
    expect(applied.length === files.size && applied.every((row) => Number(row.n) === 1), `knex_migrations holds ${JSON.stringify(applied)}`);
    const appliers = instances.filter((instance) => instance.output().includes('applied migrations'));
    expect(appliers.length === 1, `${appliers.length} instances say they applied migrations`);
    return `${files.size} migrations, each recorded once, applied by ${appliers[0]!.id}; 3 of 3 ready`;
  });
  await balancer.start(instances);

  // The catalog, written on the primary as an admin would.
  const now = new Date();
  for (let index = 1; index <= PRODUCTS; index += 1) {
    await primary.sql(`INSERT INTO ${DATABASE}.products (name, description, price, stock, category, archived, created_at, updated_at) VALUES (?, '', ?, ?, ?, 0, ?, ?)`, [
      `Drill product ${index}`,
      1000 + index,
      INITIAL_STOCK,
      `Category ${index % 4}`,
      now,
      now,
    ]);
  }
  const productIds = (await primary.sql<{ id: number }>(`SELECT id FROM ${DATABASE}.products ORDER BY id`)).map((row) => row.id);
  const shoppers: Shopper[] = [];
  for (let index = 0; index < USERS; index += 1) {
    const shopper = { email: `shopper${index}@drill.example`, password: 'drill-password-1', token: '' };
    const registered = dataOf<{ register: { token: string } }>(
      await graphql(lb, 'mutation($input: RegisterInput!) { register(input: $input) { token } }', { input: { email: shopper.email, password: shopper.password } }),
    );
    shopper.token = registered.register.token;
    shoppers.push(shopper);
  }

  await check('replication runs', async () => {
    const t0 = performance.now();
    await caughtUp(primary, replica);
    const { n } = await replica.one<{ n: number }>(`SELECT COUNT(*) AS n FROM ${DATABASE}.products`);
    const status = await replicaStatus(replica);
    expect(Number(n) === PRODUCTS, `the replica holds ${n} products of ${PRODUCTS}`);
    expect(status.io === 'Yes' && status.sql === 'Yes', `replica threads: IO ${status.io}, SQL ${status.sql}`);
    return `replica caught up in ${(performance.now() - t0).toFixed(0)} ms, IO and SQL threads running, lag ${status.lag} s`;
  });

  await check('catalog reads land on the replica, writes never do, and every instance serves its share', async () => {
    await resetStatementCounts(primary, replica);
    const served = new Map<string, number>();
    const catalog = [
      () => graphql(lb, '{ products(first: 10) { nodes { id name price } totalCount } }'),
      () => graphql(lb, 'query($id: ID!) { product(id: $id) { id name stock } }', { id: String(productIds[3]) }),
      () => graphql(lb, '{ categories }'),
      () => request(`${lb}/api/products?limit=5`),
    ];
    for (let index = 0; index < 300; index += 1) {
      const answer = await catalog[index % catalog.length]!();
      expect(answer.status === 200, `catalog request answered ${answer.status}`);
      served.set(answer.instance ?? '?', (served.get(answer.instance ?? '?') ?? 0) + 1);
    }
    const [onPrimary, onReplica] = await Promise.all([statementCounts(primary), statementCounts(replica)]);
    const share = onReplica.catalogSelects / (onReplica.catalogSelects + onPrimary.catalogSelects);
    const shares = instances.map((instance) => (served.get(instance.id) ?? 0) / 300);
    expect(share >= 0.9, `${(share * 100).toFixed(1)} % of catalog SELECTs on the replica`);
    expect(onReplica.writes === 0, `${onReplica.writes} writes ran on the replica`);
    expect(shares.every((s) => s >= 0.2), `instances served ${shares.map((s) => `${(s * 100).toFixed(0)} %`).join(', ')}`);
    return `${onReplica.catalogSelects} of ${onReplica.catalogSelects + onPrimary.catalogSelects} catalog SELECTs on the replica (${(share * 100).toFixed(1)} %), 0 writes there; 300 requests served ${shares.map((s) => `${(s * 100).toFixed(0)} %`).join(' / ')}`;
  });

  /** placeOrder through the balancer, then myOrders and order(id) answered by another instance. */
  async function readYourWrites(rounds: number): Promise<{ seen: number; total: number; readP50: number }> {
    let seen = 0;
    let total = 0;
    const readTimes: number[] = [];
    await Promise.all(
      shoppers.map(async (shopper, index) => {
        for (let round = index; round < rounds; round += shoppers.length) {
          const placed = await graphql(
            lb,
            'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
            { input: { items: [{ productId: String(productIds[round % PRODUCTS]), quantity: 1 }], idempotencyKey: randomUUID() } },
            shopper.token,
          );
          const orderId = dataOf<{ placeOrder: { id: string } }>(placed).placeOrder.id;
          let read: Answer;
          let tries = 0;
          do {
            read = await graphql(lb, 'query($id: ID!) { myOrders(first: 1) { nodes { id } } order(id: $id) { id } }', { id: orderId }, shopper.token);
            tries += 1;
          } while (read.instance === placed.instance && tries < 10);
          expect(read.instance !== placed.instance, 'the balancer sent every read to the writing instance');
          readTimes.push(read.ms);
          // A stale replica answers order(id) with NOT_FOUND: not seen, but not a failure of the request.
          const { data, errors } = read.body as { data?: { myOrders: { nodes: { id: string }[] }; order: { id: string } | null }; errors?: { extensions?: { code?: string } }[] };
          expect(read.status === 200 && data !== undefined && (errors ?? []).every((error) => error.extensions?.code === 'NOT_FOUND'), `read answered ${JSON.stringify(read.body).slice(0, 200)}`);
          total += 1;
          if (data?.myOrders.nodes[0]?.id === orderId && data.order?.id === orderId) seen += 1;
        }
      }),
    );
    return { seen, total, readP50: percentile(readTimes, 50) };
  }

  await check('read-your-writes with replication running: 200 of 200 orders seen by another instance', async () => {
    await resetStatementCounts(primary, replica);
    const { seen, total, readP50 } = await readYourWrites(200);
    const [onPrimary, onReplica] = await Promise.all([statementCounts(primary), statementCounts(replica)]);
    expect(seen === total && total === 200, `${seen} of ${total} seen`);
    const share = onReplica.orderSelects / (onReplica.orderSelects + onPrimary.orderSelects);
    return `${seen} of ${total} seen; ${(share * 100).toFixed(0)} % of order SELECTs answered by the replica after its position wait; reads p50 ${readP50.toFixed(1)} ms`;
  });

  await check('read-your-writes with the replica SQL thread stopped: 200 of 200', async () => {
    await replica.sql('STOP SLAVE SQL_THREAD');
    try {
      const { seen, total, readP50 } = await readYourWrites(200);
      expect(seen === total && total === 200, `${seen} of ${total} seen`);
      // Out of the rotation, and said so, but readiness follows the primary alone.
      await waitForReplicaState(instances, 'not replicating', 5000);
      const ready = await request(`${instances[0]!.url}/api/ready`);
      expect(ready.status === 200, `/api/ready answered ${ready.status} with the replica not replicating`);
      return `${seen} of ${total} seen; reads p50 ${readP50.toFixed(1)} ms; /api/ready 200 with ${JSON.stringify((ready.body as { replicas: unknown }).replicas)}`;
    } finally {
      await replica.sql('START SLAVE SQL_THREAD');
    }
  });

  const setDelay = async (seconds: number) => {
    await replica.sql('STOP SLAVE');
    await replica.sql(`CHANGE MASTER TO MASTER_DELAY = ${seconds}`);
    await replica.sql('START SLAVE');
    await caughtUp(primary, replica, seconds + 30);
    await waitForReplicaState(instances, 'healthy', 10_000);
  };

  await check('read-your-writes with MASTER_DELAY=2: 200 of 200', async () => {
    await setDelay(2);
    const { seen, total, readP50 } = await readYourWrites(200);
    expect(seen === total && total === 200, `${seen} of ${total} seen`);
    return `${seen} of ${total} seen; reads p50 ${readP50.toFixed(1)} ms (each waits up to 50 ms, then reads the primary)`;
  });

  /** Logs in, logs out, then uses the old token: GraphQL and REST must both say 401. */
  async function revokedTokens(rounds: number): Promise<number> {
    let refused = 0;
    const shopper = shoppers[0]!;
    for (let round = 0; round < rounds; round += 1) {
      const login = dataOf<{ login: { token: string } }>(
        await graphql(lb, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: shopper.email, p: shopper.password }),
      );
      dataOf(await graphql(lb, 'mutation { logout }', {}, login.login.token));
      const [viaGraphql, viaRest] = await Promise.all([
        graphql(lb, '{ myOrders(first: 1) { totalCount } }', {}, login.login.token),
        request(`${lb}/api/orders`, { headers: { authorization: `Bearer ${login.login.token}` } }),
      ]);
      if (viaGraphql.status === 401 && viaRest.status === 401) refused += 1;
    }
    const fresh = dataOf<{ login: { token: string } }>(
      await graphql(lb, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: shopper.email, p: shopper.password }),
    );
    shopper.token = fresh.login.token;
    return refused;
  }

  await check('a logged-out token is refused while the replica is 2 s behind and while it is stopped: 401 every time', async () => {
    const behind = await revokedTokens(20);
    await replica.sql('STOP SLAVE SQL_THREAD');
    let stopped: number;
    try {
      stopped = await revokedTokens(20);
    } finally {
      await replica.sql('START SLAVE SQL_THREAD');
    }
    expect(behind === 20 && stopped === 20, `refused ${behind} of 20 behind, ${stopped} of 20 stopped`);
    return `40 of 40 old tokens refused (GraphQL and REST): 20 with MASTER_DELAY=2, 20 with the SQL thread stopped`;
  });

  await check('Redis down (replica 2 s behind): signed-in users read from the primary, 40 of 40 seen, said once per instance', async () => {
    const saidBefore = instances.map((instance) => instance.output().split('\n').filter((line) => line.includes('signed-in users read from the primary')).length);
    expect(saidBefore.every((count) => count === 0), `the fallback was logged before Redis stopped: ${saidBefore.join('/')}`);
    await redis.stop();
    try {
      const { seen, total } = await readYourWrites(40);
      expect(seen === total, `${seen} of ${total} seen`);
      const said = instances.map((instance) => instance.output().split('\n').filter((line) => line.includes('signed-in users read from the primary')).length);
      expect(said.every((count) => count === 1), `the fallback was logged ${said.join('/')} times per instance`);
      return `${seen} of ${total} seen with Redis stopped; the fallback logged ${said.join('/')} time(s) per instance`;
    } finally {
      await redis.start();
    }
  });

  await check('with the position wait switched off (DB_REPLICA_POSITION_WAIT=off), the drill sees stale reads', async () => {
    for (const instance of instances) await instance.restart({ NODE_ENV: 'development', DB_REPLICA_POSITION_WAIT: 'off' });
    try {
      const { seen, total } = await readYourWrites(40);
      expect(seen < total, `all ${total} orders were seen: the drill cannot tell the guarantee from its absence`);
      return `${total - seen} of ${total} reads missed the user's own order: the guarantee is what makes the 200 of 200 above`;
    } finally {
      for (const instance of instances) await instance.restart({ NODE_ENV: 'production', DB_REPLICA_POSITION_WAIT: 'on' });
      await setDelay(0);
    }
  });

  /** 8 clients: anonymous catalog pages, signed-in order lists and orders. */
  const mixedStep = (keys: Map<string, Set<string>>) => async (worker: number) => {
    const shopper = shoppers[worker % shoppers.length]!;
    const kind = Math.random();
    if (kind < 0.6) return graphql(lb, '{ products(first: 10) { nodes { id name price } } }').then(mustSucceed);
    if (kind < 0.85) return graphql(lb, '{ myOrders(first: 5) { nodes { id status } } }', {}, shopper.token).then(mustSucceed);
    const key = randomUUID();
    const input = { items: [{ productId: String(productIds[Math.floor(Math.random() * PRODUCTS)]), quantity: 1 + (worker % 3) }], idempotencyKey: key };
    for (;;) {
      const answer = await graphql(lb, 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }', { input }, shopper.token);
      if (answer.status >= 500) continue; // a careful client retries with the same key
      const id = dataOf<{ placeOrder: { id: string } }>(answer).placeOrder.id;
      keys.set(key, (keys.get(key) ?? new Set()).add(id));
      return answer;
    }
  };

  await check('the replica frozen, then killed, during 20 s of mixed load: no 5xx, p99 under 2 s, back in rotation within 5 s', async () => {
    const keys = new Map<string, Set<string>>();
    let backAfterMs = Number.NaN;
    const faults = (async () => {
      await sleep(4000);
      replica.freeze();
      await sleep(4000);
      await replica.kill();
      await sleep(2000);
      await replica.start();
      const restarted = Date.now();
      // Back: its own catalog SELECTs count up again (the restart reset performance_schema).
      while (Date.now() - restarted < 15_000) {
        if ((await statementCounts(replica)).catalogSelects > 0) {
          backAfterMs = Date.now() - restarted;
          break;
        }
        await sleep(100);
      }
    })();
    const load = await runLoad(20, 8, mixedStep(keys));
    await faults;
    const p99 = percentile(load.latencies, 99);
    expect(load.failures.length === 0, `${load.failures.length} failed: ${load.failures[0]}`);
    expect(load.serverErrors === 0, `${load.serverErrors} answers were 5xx`);
    expect(p99 < 2000, `p99 ${p99.toFixed(0)} ms`);
    expect(backAfterMs <= 5000, `reads back on the replica ${Number.isNaN(backAfterMs) ? 'never' : `after ${backAfterMs} ms`}`);
    return `${load.requests} requests, 0 failed, 0 5xx, p99 ${p99.toFixed(0)} ms, max ${Math.max(...load.latencies).toFixed(0)} ms; reads back on the replica ${backAfterMs} ms after it restarted`;
  });

  await check('a rolling restart of all three instances during 20 s of mixed load with orders loses nothing', async () => {
    await caughtUp(primary, replica);
    const keys = new Map<string, Set<string>>();
    const retriedBefore = retried.count;
    const rolling = (async () => {
      await sleep(1500);
      for (const instance of instances) {
        await instance.restart();
        await untilBalancerServes(lb, instance.id);
      }
    })();
    const load = await runLoad(20, 8, mixedStep(keys));
    await rolling;
    expect(load.failures.length === 0, `${load.failures.length} of ${load.requests} failed: ${load.failures[0]}`);
    expect(load.serverErrors === 0, `${load.serverErrors} answers were 5xx`);
    const doubled = [...keys.values()].filter((ids) => ids.size > 1).length;
    expect(doubled === 0, `${doubled} idempotency keys made two orders`);
    const stock = await primary.sql<{ id: number; stock: number; sold: string | null }>(
      `SELECT p.id, p.stock, (SELECT SUM(i.quantity) FROM ${DATABASE}.order_items i JOIN ${DATABASE}.orders o ON o.id = i.order_id
                               WHERE i.product_id = p.id AND o.status <> 'cancelled') AS sold
         FROM ${DATABASE}.products p`,
    );
    const wrong = stock.filter((row) => Number(row.stock) + Number(row.sold ?? 0) !== INITIAL_STOCK);
    expect(wrong.length === 0, `stock + sold differs from ${INITIAL_STOCK} for products ${wrong.map((row) => row.id).join(', ')}`);
    const { orders, keyed } = await primary.one<{ orders: number; keyed: number }>(
      `SELECT (SELECT COUNT(*) FROM ${DATABASE}.orders) AS orders, (SELECT COUNT(*) FROM ${DATABASE}.idempotency_keys) AS keyed`,
    );
    expect(Number(orders) === Number(keyed), `${orders} orders but ${keyed} idempotency keys`);
    const restarts = instances.map((instance) => instance.output().match(/Shopgraph listening/g)?.length ?? 0);
    return `${load.requests} requests (${keys.size} orders), 0 failed, 0 5xx, ${retried.count - retriedBefore} resent after a network error, p99 ${percentile(load.latencies, 99).toFixed(0)} ms; ${restarts.join('/')} starts per instance; stock + sold = ${INITIAL_STOCK} for ${stock.length} of ${stock.length} products; ${keys.size} keys, ${keys.size} orders, none doubled`;
  });

  await check('every log line names its instance; replica state changes are logged once each, never per request', async () => {
    for (const instance of instances) {
      const lines = instance.output().split('\n').filter((line) => line.startsWith('{'));
      const unnamed = lines.filter((line) => (JSON.parse(line) as { instance?: string }).instance !== instance.id);
      expect(unnamed.length === 0, `${instance.id}: ${unnamed.length} of ${lines.length} lines lack its name: ${unnamed[0]}`);
    }
    const changes = instances.map((instance) => instance.output().split('\n').filter((line) => line.includes('"replica":')).length);
    const requests = instances.map((instance) => instance.output().split('\n').filter((line) => line.includes('request completed')).length);
    expect(changes.every((count, index) => count < 40 && count < requests[index]! / 20), `replica log lines per instance: ${changes.join('/')}`);
    return `${changes.join('/')} replica state lines against ${requests.join('/')} requests per instance`;
  });
}

function mustSucceed(answer: Answer): Answer {
  dataOf(answer);
  return answer;
}

/** After a restart: HAProxy takes an instance back after two good checks; wait until it answers through the balancer. */
function untilBalancerServes(lb: string, instanceId: string, timeoutMs = 20_000): Promise<void> {
  return until(
    async () => (await request(`${lb}/api/health`)).instance === instanceId,
    () => `${instanceId} was not back behind the balancer within ${timeoutMs / 1000} s`,
    timeoutMs,
  );
}

/** Until every instance's /api/ready reports the replica in `state`. */
async function waitForReplicaState(instances: Instance[], state: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const bodies = await Promise.all(instances.map((instance) => request(`${instance.url}/api/ready`).then((answer) => answer.body as { replicas?: { state: string }[] })));
    if (bodies.every((body) => body.replicas?.[0]?.state === state)) return;
    if (Date.now() > deadline) throw new Error(`replica not ${state} on every instance: ${JSON.stringify(bodies)}`);
    await sleep(200);
  }
}

runDrill('scale', main);
