// Fault drills against the real server process (src/index.ts, as `npm start` runs it):
//
// A. Database outages (MariaDB/MySQL only): a TCP proxy between the server and the database
//    is cut and restored under steady load. Every request during the outage must fail fast
//    (within 5 s) with 503 / SERVICE_UNAVAILABLE, liveness stays 200, readiness turns 503, the
//    process stays up, and the service recovers by itself when the database returns.
// B. Graceful shutdown: SIGTERM while logins are in flight. Readiness turns 503, every request
//    the server had received gets its complete answer, new connections are refused, the pool
//    closes and the process exits 0 within 10 s.
//
// The figures (time to first error, slowest request during the outage, time to recover,
// requests in flight at SIGTERM, exit time) are printed with console.log so they can be quoted.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import knex from 'knex';
import { createTestDatabase, dialects, type DialectName } from './support/databases';
import { startProxiedServer, type ProxiedServer } from './support/proxiedServer';
import { freePort, runServer, waitUntilListening, type ServerProcess } from './support/serverProcess';
import type { TcpProxy } from './support/tcpProxy';
import { TEST_JWT_SECRET } from './support/testApp';

/** The issue's bound: while the database is unreachable, every request fails within 5 s. */
const OUTAGE_ANSWER_BOUND_MS = 5000;
/** A small margin for the client's own measurement (fetch, JSON parsing, a busy CI machine). */
const MEASUREMENT_MARGIN_MS = 500;
/** The issue's bound: on SIGTERM the process exits 0 within 10 s. */
const EXIT_BOUND_MS = 10_000;
/** How long the drill keeps the database away: longer than the 5 s bound, so a hang would show. */
const OUTAGE_MS = 7000;
/** How long the service may take to recover once the database is back, before the drill fails. */
const RECOVERY_LIMIT_MS = 20_000;

const PRODUCTS_QUERY = '{ products(first: 5) { totalCount } }';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

/** The promise's value, or `fallback` if it takes longer than `ms` (the timer is cleared either way). */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
const round = (ms: number) => Math.round(ms);

/** The process ids below `pid` (Linux /proc; empty elsewhere). */
function descendantsOf(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone, or no /proc
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

/**
 * Stops the server if it is still running: SIGTERM (tsx relays it to the server it runs),
 * then SIGKILL for the whole tree. SIGKILL on tsx alone would orphan the server, which keeps
 * running and holds our output pipes open.
 */
async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  const tree = [...descendantsOf(server.child.pid!), server.child.pid!];
  server.child.kill('SIGTERM');
  if ((await within(server.exited, 15_000, 'timeout')) !== 'timeout') return;
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await server.exited;
}

// ---------------------------------------------------------------------------------------------
// A. Database outages through a TCP proxy (MariaDB/MySQL only)
// ---------------------------------------------------------------------------------------------

type Kind = 'rest' | 'graphql' | 'health' | 'ready';

/** One request as the client saw it. */
interface Sample {
  kind: Kind;
  startedAt: number;
  endedAt: number;
  /** The HTTP status, or null when no response came (socket error, or our own 15 s abort). */
  status: number | null;
  /** REST `code`, or GraphQL `errors[0].extensions.code`. */
  code: string | null;
  retryAfter: string | null;
  body: unknown;
  error: string | null;
}

const duration = (sample: Sample) => sample.endedAt - sample.startedAt;

/** Sends one request of the given kind; never throws: a failure is recorded in the sample. */
async function sampleRequest(url: string, kind: Kind): Promise<Sample> {
  const startedAt = now();
  const init: RequestInit =
    kind === 'graphql'
      ? {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: PRODUCTS_QUERY }),
        }
      : {};
  const target = {
    rest: '/api/products?limit=5',
    graphql: '/graphql',
    health: '/api/health',
    ready: '/api/ready',
  }[kind];
  try {
    // Far above the 5 s bound: a request that hangs is recorded as such, not waited on forever.
    const response = await fetch(`${url}${target}`, { ...init, signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    const graphqlCode = (body as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors?.[0]?.extensions
      ?.code;
    const restCode = (body as { code?: unknown } | null)?.code;
    const code = kind === 'graphql' ? graphqlCode : restCode;
    return {
      kind,
      startedAt,
      endedAt: now(),
      status: response.status,
      code: typeof code === 'string' ? code : null,
      retryAfter: response.headers.get('retry-after'),
      body,
      error: null,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return {
      kind,
      startedAt,
      endedAt: now(),
      status: null,
      code: null,
      retryAfter: null,
      body: null,
      error: `${(error as Error).name}: ${(error as Error).message}${cause?.code ? ` (${cause.code})` : ''}`,
    };
  }
}

/** What a load request's answer means: served, the promised outage answer, or anything else. */
function outcomeOf(sample: Sample): 'ok' | 'unavailable' | 'bad' {
  if (sample.kind === 'rest') {
    const products = (sample.body as { products?: unknown } | null)?.products;
    if (sample.status === 200 && Array.isArray(products)) return 'ok';
    if (sample.status === 503 && sample.code === 'SERVICE_UNAVAILABLE' && /^\d+$/.test(sample.retryAfter ?? '')) {
      return 'unavailable';
    }
    return 'bad';
  }
  if (sample.kind === 'graphql') {
    const body = sample.body as { data?: { products?: { totalCount?: unknown } } | null; errors?: unknown[] } | null;
    if (sample.status === 200 && !body?.errors && typeof body?.data?.products?.totalCount === 'number') return 'ok';
    // An outage is 503 with Retry-After, whether a resolver or the context creation met it; never a 500.
    if (sample.status === 503 && sample.code === 'SERVICE_UNAVAILABLE' && /^\d+$/.test(sample.retryAfter ?? '')) return 'unavailable';
    return 'bad';
  }
  if (sample.kind === 'health') return sample.status === 200 ? 'ok' : 'bad';
  if (sample.status === 200) return 'ok';
  return sample.status === 503 ? 'unavailable' : 'bad';
}

function describeSample(sample: Sample): string {
  const body = JSON.stringify(sample.body) ?? '';
  return (
    `${sample.kind} at +${round(sample.startedAt)} ms took ${round(duration(sample))} ms: ` +
    (sample.error ?? `${sample.status} ${sample.code ?? ''} retry-after=${sample.retryAfter} ${body.slice(0, 200)}`)
  );
}

/**
 * Steady load: `workers` loops, half on REST and half on GraphQL product queries, each with a
 * short pause, until stopped. Bounded in count and in time whatever the test does. A loop keeps
 * to one surface so that an outage, which fails at least one request of every loop, is answered
 * on both surfaces whatever the timing (loops that alternated could all be on GraphQL at the cut).
 */
function startLoad(url: string, workers = 4) {
  const samples: Sample[] = [];
  let stopped = false;
  const deadline = now() + 90_000;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let i = 0; i < 2000 && !stopped && now() < deadline; i += 1) {
      samples.push(await sampleRequest(url, worker % 2 === 0 ? 'rest' : 'graphql'));
      await sleep(50);
    }
  });
  return {
    samples,
    async stop(): Promise<Sample[]> {
      stopped = true;
      await Promise.all(loops);
      return samples;
    },
  };
}

/** Liveness and readiness, polled side by side with the load, until stopped. */
function startProbes(url: string) {
  const samples: Sample[] = [];
  let stopped = false;
  const deadline = now() + 90_000;
  const loop = (async () => {
    for (let i = 0; i < 1000 && !stopped && now() < deadline; i += 1) {
      const [health, ready] = await Promise.all([sampleRequest(url, 'health'), sampleRequest(url, 'ready')]);
      samples.push(health, ready);
      await sleep(200);
    }
  })();
  return {
    samples,
    async stop(): Promise<Sample[]> {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

/** Polls `check` until it holds or the limit passes; resolves with the time it held, or null. */
async function waitFor(check: () => boolean, limitMs: number): Promise<number | null> {
  const deadline = now() + limitMs;
  while (now() < deadline) {
    if (check()) return now();
    await sleep(50);
  }
  return null;
}

if (dialects.includes('mysql')) {
  describe('fault drill: the database goes away and comes back (MariaDB/MySQL through a TCP proxy)', () => {
    let drill: ProxiedServer | undefined;
    let proxy: TcpProxy | undefined;
    let server: ServerProcess | undefined;

    beforeAll(async () => {
      drill = await startProxiedServer({ LOG_LEVEL: 'warn' });
      ({ proxy, server } = drill);
      const { DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME } = drill.database.env as Record<string, string>;

      // A small catalog, written straight to the database (not through the proxy).
      const direct = knex({
        client: 'mysql2',
        connection: { host: DB_HOST, port: Number(DB_PORT), user: DB_USER, password: DB_PASSWORD, database: DB_NAME },
        pool: { min: 0, max: 1 },
      });
      try {
        const at = new Date();
        await direct('products').insert(
          Array.from({ length: 3 }, (_, i) => ({
            name: `Drill product ${i}`,
            description: 'Survives outages',
            price: 1000 + i,
            stock: 10,
            category: 'Drills',
            archived: false,
            created_at: at,
            updated_at: at,
          })),
        );
      } finally {
        await direct.destroy();
      }
    }, 120_000);

    afterAll(async () => {
      await stopServer(server); // with anything it started, should SIGTERM not end it
      await drill?.close();
    }, 60_000);

    // How the database goes away (see TcpProxy):
    // - refuse: the proxy's listener closes and every open connection is destroyed, as when the
    //   database host goes down: connections fail at once.
    // - blackhole: open connections are destroyed, new ones are accepted but never answered, as
    //   behind a dropped route: only the connect timeout turns those into failures.
    // - freeze: a network partition: the pooled connections stay open but carry nothing (no FIN,
    //   no RST) and new ones are never answered: only a client-side limit on the wait for a
    //   query's answer can turn those into failures.
    it.each(['refuse', 'blackhole', 'freeze'] as const)(
      'answers every request within 5 s with 503 / SERVICE_UNAVAILABLE while the database is cut (%s), stays up, and recovers by itself',
      async (mode) => {
        const app = server!;
        const url = app.url;
        let exitedDuringDrill = false;
        void app.exited.then(() => (exitedDuringDrill = true));

        // Before the outage: ready (an earlier drill may still be settling), and serving.
        let before = await sampleRequest(url, 'ready');
        const readyBy = now() + RECOVERY_LIMIT_MS;
        while (before.status !== 200 && now() < readyBy) {
          await sleep(250);
          before = await sampleRequest(url, 'ready');
        }
        expect({ status: before.status, body: before.body }).toEqual({ status: 200, body: { status: 'ready' } });

        const load = startLoad(url);
        const probes = startProbes(url);
        const all = () => [...load.samples, ...probes.samples];
        let cutAt = 0;
        let restoreAt = 0;
        let settledAt: number | null;
        try {
          await sleep(1000);
          cutAt = now();
          await proxy!.cut(mode);
          await sleep(OUTAGE_MS);
          restoreAt = now();
          await proxy!.restore();
          // Recovered: REST, GraphQL and readiness each served since the last failure, and no
          // failure for 2 s (a connection attempt begun during the outage may still fail late).
          settledAt = await waitFor(() => {
            const since = all().filter((sample) => sample.endedAt > restoreAt && sample.kind !== 'health');
            const lastFailure = Math.max(
              restoreAt,
              ...since.filter((sample) => outcomeOf(sample) !== 'ok').map((sample) => sample.endedAt),
            );
            const served = (kind: Kind) =>
              since.some((sample) => sample.kind === kind && sample.startedAt > lastFailure && outcomeOf(sample) === 'ok');
            return now() - lastFailure >= 2000 && served('rest') && served('graphql') && served('ready');
          }, RECOVERY_LIMIT_MS);
        } finally {
          await load.stop();
          await probes.stop();
          // Whatever happened, the next drill starts with the database reachable.
          await proxy!.restore();
        }
        const samples = load.samples;
        const probeSamples = probes.samples;

        // Anywhere in the drill: a load request is served or gets the promised outage answer
        // (never a 500, a socket error or a hang), within the 5 s bound.
        const bad = samples.filter((sample) => outcomeOf(sample) === 'bad');
        const slow = [...samples, ...probeSamples].filter(
          (sample) => duration(sample) > OUTAGE_ANSWER_BOUND_MS + MEASUREMENT_MARGIN_MS,
        );
        // Before the cut: everything served.
        const baseline = samples.filter((sample) => sample.endedAt < cutAt);
        // Sent after the cut and answered before the restore: the outage answer, not a success.
        const inOutage = samples.filter((sample) => sample.startedAt > cutAt && sample.endedAt < restoreAt);
        // Answered during the outage (in flight at the cut, or sent during it).
        const during = samples.filter((sample) => sample.endedAt > cutAt && sample.startedAt < restoreAt);
        const failures = during.filter((sample) => outcomeOf(sample) === 'unavailable');
        const firstError = failures.length ? Math.min(...failures.map((sample) => sample.endedAt)) : Infinity;
        const maxDuring = Math.max(0, ...during.map(duration));

        // Probes sent during the outage: liveness never touches the database; readiness says 503.
        const probesDuring = probeSamples.filter((sample) => sample.startedAt > cutAt && sample.endedAt < restoreAt);
        const healthDuring = probesDuring.filter((sample) => sample.kind === 'health');
        const readyDuring = probesDuring.filter((sample) => sample.kind === 'ready');
        const maxReady = Math.max(0, ...readyDuring.map(duration));

        // After the restore: when the first request was served, when the last one failed.
        const afterRestore = samples.filter((sample) => sample.endedAt > restoreAt && sample.startedAt > cutAt);
        const served = afterRestore.filter((sample) => outcomeOf(sample) === 'ok');
        const failedAfter = afterRestore.filter((sample) => outcomeOf(sample) !== 'ok');
        const firstServed = served.length ? Math.min(...served.map((sample) => sample.endedAt)) - restoreAt : null;
        const lastFailure = failedAfter.length ? Math.max(...failedAfter.map((sample) => sample.endedAt)) - restoreAt : null;

        console.log(
          `fault drill (${mode}): ${during.length} load requests answered during a ${OUTAGE_MS} ms outage ` +
            `(${failures.length} × 503/SERVICE_UNAVAILABLE); time from cut to first error ${round(firstError - cutAt)} ms; ` +
            `slowest request during the outage ${round(maxDuring)} ms; slowest /api/ready during the outage ${round(maxReady)} ms; ` +
            `after the restore: first request served at +${firstServed === null ? '-' : round(firstServed)} ms, ` +
            `last failure at ${lastFailure === null ? 'none' : `+${round(lastFailure)} ms`}, ` +
            `settled ${settledAt === null ? `not within ${RECOVERY_LIMIT_MS} ms` : `(2 s without failure) at +${round(settledAt - restoreAt)} ms`}`,
        );
        if (bad.length > 0 || slow.length > 0 || settledAt === null) {
          console.error(`server output (tail):\n${app.output().slice(-3000)}`);
        }

        expect(bad.map(describeSample)).toEqual([]);
        expect(slow.map(describeSample)).toEqual([]);
        expect(baseline.length).toBeGreaterThan(0);
        expect(baseline.filter((sample) => outcomeOf(sample) !== 'ok').map(describeSample)).toEqual([]);
        expect(inOutage.filter((sample) => outcomeOf(sample) !== 'unavailable').map(describeSample)).toEqual([]);
        // Both surfaces answered the outage (in a freeze each loop sees ~1 failure: each takes ~4.5 s;
        // two loops per surface, see startLoad).
        expect(failures.filter((sample) => sample.kind === 'rest').length).toBeGreaterThanOrEqual(1);
        expect(failures.filter((sample) => sample.kind === 'graphql').length).toBeGreaterThanOrEqual(1);
        expect(firstError - cutAt).toBeLessThanOrEqual(OUTAGE_ANSWER_BOUND_MS + MEASUREMENT_MARGIN_MS);

        expect(healthDuring.length).toBeGreaterThan(0);
        expect(healthDuring.filter((sample) => sample.status !== 200).map(describeSample)).toEqual([]);
        expect(readyDuring.length).toBeGreaterThan(0);
        expect(readyDuring.filter((sample) => sample.status !== 503).map(describeSample)).toEqual([]);
        expect(readyDuring[0]!.body).toEqual({ status: 'not ready', detail: expect.any(String) });

        expect(exitedDuringDrill).toBe(false);
        expect(app.child.exitCode).toBeNull();

        expect(settledAt).not.toBeNull();
        const readyAfter = await sampleRequest(url, 'ready');
        expect({ status: readyAfter.status, body: readyAfter.body }).toEqual({ status: 200, body: { status: 'ready' } });
      },
      90_000,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// B. SIGTERM under load
// ---------------------------------------------------------------------------------------------

/** One request on a connection of its own, as the client saw it. */
interface Exchange {
  label: string;
  expected: number;
  /** The request was fully written to a connection the server had accepted. */
  sent: Promise<void>;
  done: Promise<{ status: number | null; body: string; error: string | null; at: number }>;
  answeredAt: number | null;
}

/** A request over node:http on a fresh connection (no keep-alive), recording what happened. */
function exchange(baseUrl: string, label: string, expected: number, method: string, target: string, body?: unknown): Exchange {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const result: Exchange = { label, expected, sent, done: undefined as never, answeredAt: null };
  result.done = new Promise((resolve) => {
    const req = httpRequest(`${baseUrl}${target}`, {
      method,
      agent: false,
      headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('finish', markSent);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        result.answeredAt = now();
        resolve({ status: res.statusCode ?? null, body: text, error: null, at: now() });
      });
      res.on('error', (error) => resolve({ status: res.statusCode ?? null, body: text, error: String(error), at: now() }));
    });
    req.on('error', (error: Error & { code?: string }) =>
      resolve({ status: null, body: '', error: `${error.message} (${error.code ?? '?'})`, at: now() }),
    );
    req.end(payload);
  });
  return result;
}

/** Resolves true once a new TCP connection to the port is refused (the listener has closed). */
async function listenerClosed(port: number, limitMs: number): Promise<boolean> {
  const deadline = now() + limitMs;
  while (now() < deadline) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: Error & { code?: string }) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return true;
    await sleep(10);
  }
  return false;
}

/** A raw connection with everything it received so far. */
function rawConnection(port: number): Promise<{ socket: Socket; received: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, received: () => text, ended }));
  });
}

describe.each(dialects)('fault drill: SIGTERM under load on %s', (dialect: DialectName) => {
  it('flips readiness to 503, answers every request already received, refuses new ones, closes the pool and exits 0 within 10 s', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'shopgraph-sigterm-'));
    const database = await createTestDatabase(dialect);
    let server: ServerProcess | undefined;
    let probe: Socket | undefined;
    try {
      const port = await freePort();
      server = runServer(
        {
          NODE_ENV: 'test',
          JWT_SECRET: TEST_JWT_SECRET,
          // Slow logins, so many are in flight at the signal: bcrypt cost 10 is some 75 ms of CPU
          // per login. (Cost 12 is 4× that: on a 2-core machine 20 logins then need 5 s of hashing,
          // too close to the server's 8 s drain grace when other suites share the CPU.)
          BCRYPT_ROUNDS: '10',
          // info: the "stopped" line is logged only after the database pool has closed.
          LOG_LEVEL: 'info',
          PORT: String(port),
          ...database.env,
        },
        cwd,
      );
      await waitUntilListening(server, 60_000);
      const url = server.url;
      // Ten accounts, two logins each: the sign-in throttle counts attempts in flight per email
      // (and per client), and this drill is about shutdown, not about the throttle.
      const password = 'correct horse battery';
      const emails = Array.from({ length: 10 }, (_, i) => `shutdown${i}@drill.example`);
      const registered = await Promise.all(
        emails.map((email) => exchange(url, `register ${email}`, 201, 'POST', '/api/auth/register', { email, password }).done),
      );
      expect(registered.map((result) => result.status)).toEqual(emails.map(() => 201));

      // The readiness probe, made deterministic: a GET /api/ready with a 2-byte JSON body and
      // `Expect: 100-continue`. Node answers "100 Continue" in the same tick as it hands the
      // request to the app, so once we read it the server holds this request in flight (the
      // drain counts it and keeps the connection open), while express.json() cannot let it reach
      // the readiness handler before the body arrives. We send the body only after the signal
      // and after the listener has closed, which happens after readiness flipped (app.stop()
      // sets it before Apollo starts draining); so the handler runs during shutdown, always.
      const readiness = await rawConnection(port);
      probe = readiness.socket;
      probe.write(
        'GET /api/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 2\r\nExpect: 100-continue\r\n\r\n',
      );
      expect(await waitFor(() => readiness.received().startsWith('HTTP/1.1 100 Continue\r\n\r\n'), 5000)).not.toBeNull();

      // The load: 20 logins (10 right, 10 wrong passwords), 5 REST and 5 GraphQL product queries.
      const logins = emails.flatMap((email, i) => [
        exchange(url, `login ${email} (right password)`, 200, 'POST', '/api/auth/login', { email, password }),
        exchange(url, `login ${email} (wrong password)`, 401, 'POST', '/api/auth/login', { email, password: `wrong ${i}` }),
      ]);
      const load: Exchange[] = [
        ...logins,
        ...Array.from({ length: 5 }, (_, i) => exchange(url, `REST products ${i}`, 200, 'GET', '/api/products?limit=5')),
        ...Array.from({ length: 5 }, (_, i) =>
          exchange(url, `GraphQL products ${i}`, 200, 'POST', '/graphql', { query: PRODUCTS_QUERY }),
        ),
      ];
      // "Sent" means written to a connection the server had accepted and parsed. Every request
      // is written, then we wait for the first login to be answered: that takes a bcrypt hash of
      // cost 12 (hundreds of ms, on the thread pool), long after the event loop accepted and
      // parsed the other requests, while most logins are still hashing.
      await Promise.all(load.map((item) => item.sent));
      const firstLogin = await Promise.race(logins.map((item) => item.done));
      expect([200, 401]).toContain(firstLogin.status);

      const inFlight = load.filter((item) => item.answeredAt === null).length;
      const signalAt = now();
      server.child.kill('SIGTERM');
      const exited = server.exited.then((code) => ({ code, at: now() }));

      // The listener closes; the process is still up (it is draining, our probe among others).
      expect(await listenerClosed(port, 5000)).toBe(true);
      const closedAt = now();
      const aliveWhenClosed = server.child.exitCode === null;
      // A new request is refused at once, not left hanging.
      const refusedStart = now();
      const refused = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) }).then(
        (response) => `answered ${response.status}`,
        (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? `${error.name}: ${error.message}`,
      );
      const refusedAfter = now() - refusedStart;
      const aliveWhenRefused = server.child.exitCode === null;

      // Now the readiness request may reach its handler: during shutdown, 503.
      probe.write('{}');
      await within(readiness.ended, 5000, undefined);
      const readyResponse = readiness.received().replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
      const readyStatus = Number(/^HTTP\/1\.1 (\d{3}) /.exec(readyResponse)?.[1]);
      const readyBody = readyResponse.slice(readyResponse.indexOf('\r\n\r\n') + 4);

      const results = await Promise.all(load.map((item) => item.done));
      const exit = await within(exited, EXIT_BOUND_MS + 5000, null);
      const code = exit ? exit.code : 'still running';
      const exitAt = exit ? exit.at : now();
      const answered = results.filter((result) => result.status !== null && result.error === null).length;
      const lost = load.length - answered;
      const unexpected = load
        .map((item, i) => ({ item, result: results[i]! }))
        .filter(({ item, result }) => result.status !== item.expected || result.error !== null)
        .map(({ item, result }) => `${item.label}: ${result.status ?? ''} ${result.error ?? result.body.slice(0, 200)}`);

      console.log(
        `SIGTERM drill (${dialect}): ${load.length} requests sent, ${inFlight} in flight at SIGTERM, ${answered} answered, ${lost} lost; ` +
          `listener closed ${round(closedAt - signalAt)} ms after the signal (process still up: ${aliveWhenClosed}); ` +
          `a new request then: ${refused} after ${round(refusedAfter)} ms (process still up: ${aliveWhenRefused}); ` +
          `/api/ready during shutdown: ${readyStatus}; exit code ${code} ${round(exitAt - signalAt)} ms after the signal`,
      );
      if (lost > 0 || unexpected.length > 0 || code !== 0) console.error(`server output (tail):\n${server.output().slice(-4000)}`);

      expect(inFlight).toBeGreaterThan(0);
      expect(unexpected).toEqual([]);
      expect(lost).toBe(0);
      expect(aliveWhenClosed).toBe(true);
      expect(refused).toBe('ECONNREFUSED');
      expect(aliveWhenRefused).toBe(true); // refused by a live, draining server: not hung, not just dead
      expect(readyStatus).toBe(503);
      expect(JSON.parse(readyBody)).toEqual({ status: 'not ready', detail: 'The server is shutting down' });
      expect(code).toBe(0);
      expect(exitAt - signalAt).toBeLessThanOrEqual(EXIT_BOUND_MS);
      // The "stopped" line is written after app.stop() and db.destroy() both resolved.
      expect(server.output()).toMatch(/"msg":"stopped"/);
      if (database.env.SQLITE_FILE) {
        // SQLite removes the write-ahead log when its last connection closes cleanly: the pool
        // was closed, not abandoned at exit.
        expect(existsSync(`${database.env.SQLITE_FILE}-wal`)).toBe(false);
      }
    } finally {
      probe?.destroy();
      await stopServer(server);
      await database.drop();
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 60_000);
});
