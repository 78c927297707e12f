// REPLICA (issue 15, no target): S1 and S2 served by a Shopgraph whose DB_REPLICAS names one
// read replica, interleaved with the same served by a Shopgraph on the same primary alone; then
// what read-your-writes' position check costs: a signed-in customer who has just ordered (a
// position in Redis) reading their orders with the replica current, interleaved with the same
// reads with no position stored. Primary, replica, Redis and both servers are this scenario's
// own (bench/replicaPair.ts), on the same machine as everything else, and stopped at its end.
import os from 'node:os';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { APP_USER, DATABASE } from '../../drills/support/mariadb';
import { POSITION_KEY_PREFIX } from '../../src/db/positionStore';
import { fire, median, postJson, type LoadOptions, type RequestSpec } from '../load';
import { check, expectOnly2xx, interleave, request, rowFrom, sampleFrom, settle, type Bench, type Sample } from '../measure';
import type { Measured } from '../processes';
import { startReplicaPair, type ReplicaPair, type StatementTally } from '../replicaPair';
import { agg } from '../report';
import { FIRST_CUSTOMER_ID, insertProductWithStock } from '../seed';
import { catalogCursors, catalogPage, catalogPages, catalogQueries, loadOf, sameAnswer } from './reads';

/** Statements per request sent in one measured window, by server. */
interface Where {
  primary: number;
  replica: number;
  positionWaits: number;
  /** Server-side µs per MASTER_GTID_WAIT in the window; null when none ran. */
  waitMicros: number | null;
  /** CPU ms per request of each mariadbd process (the primary's, the replica's). */
  primaryCpuMs: number;
  replicaCpuMs: number;
}

interface Side {
  label: string;
  samples: Sample[];
  where: Where[];
}

/** Customers who read their orders in the position check (each needs a position of their own). */
const READERS = 32;

const MY_ORDERS = `query MyOrders($first: Int!) { myOrders(first: $first) { nodes { id status total createdAt } } }`;

export async function replicaScaleOut(b: Bench): Promise<void> {
  const pair = await startReplicaPair(b);
  b.log(`  REPLICA: two MariaDB servers, Redis and two Shopgraph servers serving after ${pair.startSeconds.toFixed(1)} s`);
  try {
    const sides: Side[] = [];
    await servedWithReplica(b, pair, sides, 'S1', 'S1 catalog pages', () => catalogPages(b), async (server) => request(server.url, catalogPage(3)));
    const cursors = await catalogCursors(b, 50, pair.direct);
    const page2 = catalogQueries([cursors[1] ?? null])()();
    await servedWithReplica(b, pair, sides, 'S2', 'S2 GraphQL catalog', () => catalogQueries(cursors), (server) => request(server.url, page2), (body) => (body as { data?: unknown }).data);
    await positionCheck(b, pair, sides);
    await positionWaitRoundTrip(b, pair);
    b.report.sections.push({ title: 'REPLICA: where the statements ran', markdown: whereTable(sides) });
  } finally {
    await pair.stop();
  }
}

/** Warm-up, then a measured window with both servers' statements counted on the primary and the replica. */
async function pairWindow(b: Bench, pair: ReplicaPair, target: Measured, account: string, load: () => LoadOptions, side: Side): Promise<Sample> {
  await fire({ ...load(), durationSec: b.options.warmupSec });
  await settle();
  await target.stats(true);
  const before = await pair.tally(account);
  const result = await fire({ ...load(), durationSec: b.options.measureSec });
  await settle();
  const after = await pair.tally(account);
  const stats = await target.stats();
  expectOnly2xx(b, side.label, result);
  const per = (key: keyof StatementTally) => (after[key] - before[key]) / Math.max(1, result.sent);
  const waits = after.positionWaits - before.positionWaits;
  side.where.push({
    primary: per('primary'),
    replica: per('replica'),
    positionWaits: per('positionWaits'),
    waitMicros: waits > 0 ? (after.positionWaitPicos - before.positionWaitPicos) / waits / 1e6 : null,
    primaryCpuMs: per('primaryCpuMs'),
    replicaCpuMs: per('replicaCpuMs'),
  });
  const sample = sampleFrom(result, per('primary') + per('replica'), stats);
  side.samples.push(sample);
  return sample;
}

async function servedWithReplica(
  b: Bench,
  pair: ReplicaPair,
  sides: Side[],
  id: 'S1' | 'S2',
  what: string,
  requests: () => () => () => RequestSpec,
  probe: (server: Measured) => ReturnType<typeof request>,
  pick?: (body: unknown) => unknown,
): Promise<void> {
  await sameAnswer(b, `${id} with a replica`, () => probe(pair.routed), () => probe(pair.direct), pick);
  const routed: Side = { label: `${id}, one replica`, samples: [], where: [] };
  const direct: Side = { label: `${id}, primary alone`, samples: [], where: [] };
  sides.push(routed, direct);
  const result = await interleave(
    b,
    `${id} replica`,
    () => pairWindow(b, pair, pair.direct, pair.accounts.direct, loadOf(b, pair.direct, requests()), direct),
    () => pairWindow(b, pair, pair.routed, pair.accounts.routed, loadOf(b, pair.routed, requests()), routed),
  );
  b.report.rows.push(
    rowFrom(`${id} (replica)`, `${what}, Shopgraph with DB_REPLICAS = one replica (no target)`, 'the same Shopgraph on the same primary, no DB_REPLICAS', 'req/s', result),
  );
  const onReplica = median(routed.where.map((where) => where.replica / Math.max(1e-9, where.primary + where.replica)));
  const onReplicaDirect = median(direct.where.map((where) => where.replica));
  check(b, 'REPLICA', `${id} with DB_REPLICAS: its statements run on the replica`, `${(onReplica * 100).toFixed(1)} % on the replica`, onReplica >= 0.9);
  if (onReplica < 0.5 || onReplicaDirect > 0) {
    b.report.problems.push(`REPLICA ${id}: ${(onReplica * 100).toFixed(1)} % of the routed server's statements ran on the replica, ${onReplicaDirect} per request of the primary-only server's`);
  }
}

/**
 * The same customers' `myOrders(first: 10)`: with a position in Redis (each has just placed an
 * order through the server, which stored it) against with none (their keys deleted).
 */
async function positionCheck(b: Bench, pair: ReplicaPair, sides: Side[]): Promise<void> {
  const readers = Math.min(READERS, b.options.sizes.users);
  const tokens = b.tokens.customers.slice(0, readers);
  const keys = tokens.map((_token, index) => `${POSITION_KEY_PREFIX}:${FIRST_CUSTOMER_ID + index}`);
  const productId = await insertProductWithStock(pair.db, 1_000_000_000, 'position check');
  const redis = new Redis(pair.redis.url, { lazyConnect: true });
  await redis.connect();
  const readsOf = () => {
    let turn = 0;
    return () => postJson('/graphql', { query: MY_ORDERS, variables: { first: 10 } }, { authorization: `Bearer ${tokens[turn++ % tokens.length]!}` });
  };
  const load = () => loadOf(b, pair.routed, readsOf)();
  let seenOwnOrder = 0;
  let placed = 0;
  /** These readers order one unit each through the server (which stores their positions), then read their orders once. */
  const order = async (indices: number[]) => {
    await Promise.all(
      indices.map(async (index) => {
        const authorization = `Bearer ${tokens[index]!}`;
        const answer = await request(pair.routed.url, postJson('/api/orders', { items: [{ product_id: productId, quantity: 1 }] }, { authorization }));
        if (answer.status !== 201) throw new Error(`REPLICA: placing an order answered HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
        const read = await request(pair.routed.url, postJson('/graphql', { query: MY_ORDERS, variables: { first: 1 } }, { authorization }));
        const first = (read.body as { data?: { myOrders?: { nodes?: { id: string }[] } } }).data?.myOrders?.nodes?.[0]?.id;
        placed += 1;
        if (first === String((answer.body as { id: unknown }).id)) seenOwnOrder += 1;
      }),
    );
    const stored = await redis.exists(...indices.map((index) => keys[index]!));
    if (stored !== indices.length) throw new Error(`REPLICA: ${stored} of ${indices.length} readers have a position in Redis after ordering`);
  };
  const everyone = tokens.map((_token, index) => index);
  const orderEach = () => order(everyone);
  const withPosition: Side = { label: 'myOrders, a position to wait for', samples: [], where: [] };
  const without: Side = { label: 'myOrders, no position', samples: [], where: [] };
  sides.push(withPosition, without);
  try {
    const result = await interleave(
      b,
      'REPLICA position',
      async () => {
        await redis.del(...keys);
        return pairWindow(b, pair, pair.routed, pair.accounts.routed, load, without);
      },
      async () => {
        await orderEach();
        const sample = await pairWindow(b, pair, pair.routed, pair.accounts.routed, load, withPosition);
        const kept = await redis.exists(...keys);
        if (kept !== readers) b.report.problems.push(`REPLICA: only ${kept} of ${readers} positions were still in Redis at the end of a window`);
        return sample;
      },
    );
    b.report.rows.push(
      rowFrom(
        'REPLICA (position)',
        `${readers} customers' GraphQL \`myOrders(first:10)\` right after each ordered (a position in Redis, the replica current; no target)`,
        'the same reads, no position stored',
        'req/s',
        result,
      ),
    );
    // The same reads one at a time, no other load: what the check adds to one request. Half the
    // readers hold a position and requests alternate between the halves, so the machine's noise
    // falls on both sides alike; then the halves swap.
    const count = b.options.mode === 'full' ? 1000 : 60;
    const times = { with: [] as number[], without: [] as number[] };
    const failed: number[] = [];
    for (const positioned of [0, 1]) {
      await redis.del(...keys);
      await order(everyone.filter((index) => index % 2 === positioned));
      for (let i = 0; i < count + 10; i += 1) {
        const index = i % readers;
        const started = performance.now();
        const answer = await request(pair.routed.url, postJson('/graphql', { query: MY_ORDERS, variables: { first: 10 } }, { authorization: `Bearer ${tokens[index]!}` }));
        if (answer.status !== 200) failed.push(answer.status);
        if (i >= 10) (index % 2 === positioned ? times.with : times.without).push(performance.now() - started);
      }
    }
    if (failed.length > 0) b.report.problems.push(`REPLICA: ${failed.length} reads one at a time failed (HTTP ${[...new Set(failed)].join(', ')})`);
    const [waited, bare] = [median(times.with), median(times.without)];
    b.report.notes.push(
      `REPLICA: one read at a time (no other load; ${times.with.length} reads with a position alternating with ${times.without.length} without, medians), a customer's ` +
        `\`myOrders(first:10)\` takes ${waited.toFixed(2)} ms with a position to wait for and ${bare.toFixed(2)} ms without: the position check adds ${((waited - bare) * 1000).toFixed(0)} µs to a request.`,
    );
  } finally {
    redis.disconnect();
  }
  const waitsWith = median(withPosition.where.map((where) => where.positionWaits));
  const waitsWithout = median(without.where.map((where) => where.positionWaits));
  check(b, 'REPLICA', 'one MASTER_GTID_WAIT per read with a position, none without', `${waitsWith.toFixed(2)} and ${waitsWithout.toFixed(2)} per request`, Math.abs(waitsWith - 1) < 0.05 && waitsWithout === 0);
  check(b, 'REPLICA', 'each customer\'s new order is the first of their orders on the next read', `${seenOwnOrder} of ${placed}`, seenOwnOrder === placed);
  if (seenOwnOrder !== placed) b.report.problems.push(`REPLICA: ${placed - seenOwnOrder} of ${placed} reads right after an order missed it`);
  if (waitsWith < 0.5 || waitsWithout > 0) b.report.problems.push(`REPLICA: ${waitsWith.toFixed(2)} position waits per read with a position, ${waitsWithout.toFixed(2)} without`);
  const p50 = (side: Side) => median(side.samples.map((sample) => sample.p50 ?? Number.NaN));
  const cpu = (side: Side) => median(side.samples.map((sample) => sample.cpuMs ?? Number.NaN));
  const serverSide = median(withPosition.where.flatMap((where) => (where.waitMicros === null ? [] : [where.waitMicros])));
  b.report.notes.push(
    `REPLICA: under ${b.options.connections} connections, reads without a position → with one: p50 ${p50(without).toFixed(2)} → ${p50(withPosition).toFixed(2)} ms, ` +
      `the server's CPU ${cpu(without).toFixed(2)} → ${cpu(withPosition).toFixed(2)} ms per request, ` +
      `statements on the replica +${(median(withPosition.where.map((where) => where.replica)) - median(without.where.map((where) => where.replica))).toFixed(2)} per request (MASTER_GTID_WAIT, ${serverSide.toFixed(0)} µs each inside MariaDB); both sides ask Redis for the position.`,
  );
}

/** MASTER_GTID_WAIT at a reached position against `SELECT 1`, one at a time from the benchmark's process. */
async function positionWaitRoundTrip(b: Bench, pair: ReplicaPair): Promise<void> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: pair.replica.port, ...APP_USER, database: DATABASE });
  try {
    const { position } = await pair.primary.one<{ position: string }>('SELECT @@gtid_binlog_pos AS position');
    const times = { wait: [] as number[], plain: [] as number[] };
    const rounds = b.options.mode === 'full' ? 2000 : 200;
    for (let i = 0; i < rounds + 50; i += 1) {
      const t0 = performance.now();
      await connection.query('SELECT MASTER_GTID_WAIT(?, 0.05) AS reached', [position]);
      const t1 = performance.now();
      await connection.query('SELECT 1 AS one');
      const t2 = performance.now();
      if (i < 50) continue;
      times.wait.push((t1 - t0) * 1000);
      times.plain.push((t2 - t1) * 1000);
    }
    const [wait, plain] = [agg(times.wait).median, agg(times.plain).median];
    b.report.notes.push(
      `REPLICA: one at a time from the benchmark's process over TCP, \`MASTER_GTID_WAIT\` at a position the replica has reached takes ${wait.toFixed(0)} µs a round trip, \`SELECT 1\` ${plain.toFixed(0)} µs (medians of ${rounds}).`,
    );
  } finally {
    await connection.end();
  }
}

function whereTable(sides: Side[]): string {
  const m = (values: (number | null)[]) => {
    const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
    return present.length === 0 ? '—' : median(present).toFixed(2);
  };
  const lines = [
    '| window | req/s | p50 ms | p99 ms | SQL/req on the primary | on the replica | MASTER_GTID_WAIT/req | µs per wait in MariaDB | CPU ms/req: Shopgraph | primary mariadbd | replica mariadbd |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const side of sides) {
    lines.push(
      `| ${side.label} | ${m(side.samples.map((s) => s.rps)).replace(/\.\d+$/, '')} | ${m(side.samples.map((s) => s.p50))} | ${m(side.samples.map((s) => s.p99))} | ` +
        `${m(side.where.map((w) => w.primary))} | ${m(side.where.map((w) => w.replica))} | ${m(side.where.map((w) => w.positionWaits))} | ` +
        `${m(side.where.map((w) => w.waitMicros)).replace(/\.\d+$/, '')} | ${m(side.samples.map((s) => s.cpuMs))} | ` +
        `${m(side.where.map((w) => w.primaryCpuMs))} | ${m(side.where.map((w) => w.replicaCpuMs))} |`,
    );
  }
  lines.push(
    '',
    `Medians over the rounds. Both MariaDB servers, Redis, both Shopgraph servers and the load generator share this machine's ${os.cpus().length} cores: a replica here adds a hop and a process competing for the same CPU, not capacity.`,
  );
  return lines.join('\n');
}
