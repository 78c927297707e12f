// Sign-in latency during a registration flood (Hardening II, finding 2): before the fix, 150
// parallel registrations made a legitimate sign-in wait 78.8 s behind an unbounded first-come
// bcrypt queue. One server process (SQLite, BCRYPT_ROUNDS=12 unless set, TRUST_PROXY=loopback)
// gets, for FLOOD_SECONDS each:
//   alone  - SIGN_IN_CLIENTS members signing in one after another (each from its own address);
//   fresh  - the same, beside 150 clients registering new emails without pause, every request
//            from a new address (a botnet: the per-address registration limit never applies);
//   taken  - the same, beside 150 clients registering an existing email (the finding's flood).
// Prints each phase's sign-in p50/p99/max and the registrations' outcomes.
// Run: npx tsx bench/signInDuringRegistrations.ts   (FLOOD_SECONDS=20 SIGN_IN_CLIENTS=4 BCRYPT_ROUNDS=12 CLIENT_NICE=10)
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, runServer, waitUntilListening } from '../test/support/serverProcess';
import { percentile } from './load';

const FLOOD_CLIENTS = 150;
const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 20);
const SIGN_IN_CLIENTS = Number(process.env.SIGN_IN_CLIENTS ?? 4);
const ROUNDS = process.env.BCRYPT_ROUNDS ?? '12';
const PASSWORD = 'correct horse battery';
/** CLIENT_NICE=off leaves the load generator at the shell's priority. */
const CLIENT_NICE = process.env.CLIENT_NICE === 'off' ? null : Number(process.env.CLIENT_NICE ?? 10);

let addressSerial = 0;
/** A new address in 10.0.0.0/8 for every call. */
const nextAddress = () => {
  addressSerial += 1;
  return `10.${(addressSerial >> 16) & 255}.${(addressSerial >> 8) & 255}.${addressSerial & 255}`;
};

async function post(url: string, route: string, body: object, address: string): Promise<{ status: number; retryAfter: string | null }> {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

/** `clients` loops sending `next()` until `until`; the statuses and latencies. */
async function loops(clients: number, until: number, next: () => Promise<{ status: number }>) {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        // -1: a connection error.
        const status = await next().then((answer) => answer.status, () => -1);
        latencies.push(performance.now() - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), statuses };
}

const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-flood-'));
  const server = runServer(
    {
      NODE_ENV: 'development',
      PORT: String(await freePort()),
      SQLITE_FILE: path.join(dir, 'shop.sqlite'),
      JWT_SECRET: 'a benchmark secret of at least 32 characters',
      BCRYPT_ROUNDS: ROUNDS,
      TRUST_PROXY: 'loopback',
      LOG_LEVEL: 'warn',
      ...(process.env.BCRYPT_QUEUE_MAX && { BCRYPT_QUEUE_MAX: process.env.BCRYPT_QUEUE_MAX }),
    },
    dir,
  );
  try {
    await waitUntilListening(server, 60_000);
    // The clients share the server's cores here; an attacker's would not. At nice 10 (after the
    // server has started at the shell's priority) they take less of the CPU the server needs.
    if (CLIENT_NICE !== null) os.setPriority(CLIENT_NICE);
    const { url } = server;
    const members = Array.from({ length: SIGN_IN_CLIENTS }, (_, i) => ({ email: `member${i}@flood.example`, address: nextAddress() }));
    for (const member of members) {
      const { status } = await post(url, '/api/auth/register', { email: member.email, password: PASSWORD }, member.address);
      if (status !== 201) throw new Error(`registering ${member.email} answered ${status}`);
    }
    console.log(
      `${os.availableParallelism()} cores (load average ${os.loadavg()[0]!.toFixed(1)} at start), BCRYPT_ROUNDS=${ROUNDS}, ` +
        `clients at nice ${CLIENT_NICE ?? 'unchanged'}, ` +
        `${SIGN_IN_CLIENTS} sign-in clients, ${FLOOD_CLIENTS} registration clients, ${FLOOD_SECONDS} s a phase`,
    );

    let serial = 0;
    const floods: Record<string, (() => Promise<{ status: number; retryAfter: string | null }>) | null> = {
      alone: null,
      fresh: () => post(url, '/api/auth/register', { email: `flood${(serial += 1)}@flood.example`, password: PASSWORD }, nextAddress()),
      taken: () => post(url, '/api/auth/register', { email: members[0]!.email, password: PASSWORD }, nextAddress()),
    };
    for (const [phase, flood] of Object.entries(floods)) {
      const until = Date.now() + FLOOD_SECONDS * 1000;
      let member = 0;
      const [signIns, registrations] = await Promise.all([
        loops(SIGN_IN_CLIENTS, until, () => {
          const { email, address } = members[member++ % members.length]!;
          return post(url, '/api/auth/login', { email, password: PASSWORD }, address);
        }),
        flood ? loops(FLOOD_CLIENTS, until, flood) : null,
      ]);
      const { latencies } = signIns;
      console.log(
        `${phase.padEnd(5)}  sign-ins ${latencies.length} ${JSON.stringify(signIns.statuses)}: ` +
          `p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? 0)}` +
          (registrations
            ? `; registrations ${registrations.latencies.length} ${JSON.stringify(registrations.statuses)}, p99 ${ms(percentile(registrations.latencies, 99))}`
            : ''),
      );
      // Let the queues drain between phases.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
