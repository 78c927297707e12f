import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_BCRYPT_QUEUE_MAX } from '../config';
import { AppError } from '../errors';

/**
 * bcrypt on threads of lowest CPU priority. A sign-in costs a large slice of CPU at cost 12; on
 * libuv's thread pool (bcrypt's own async API) a flood of sign-ins takes every core at the same
 * priority as the event loop, and every other request waits behind it (S1's p99 under such a
 * flood is in BENCHMARKS.md). These threads run at nice 19 (Linux applies a thread's own nice value), so
 * hashing uses whatever CPU the rest of the server leaves idle, and yields it the moment a
 * request needs it. One thread per core: more would only queue inside the kernel.
 *
 * Jobs wait in two bounded queues. `verify` (a password check of an existing account: sign-in,
 * changePassword's current password) is always handed to the next free thread before `hash` (a new
 * hash: registration, changePassword's new password), and new hashes never take the last thread
 * (with 2 or more), so a flood of registrations leaves one thread to sign-ins. A job that finds its
 * queue full is refused at once (SERVICE_UNAVAILABLE with a Retry-After estimated from the queue)
 * instead of queueing for a minute.
 */

type Job = { op: 'hash'; password: string; rounds: number } | { op: 'compare'; password: string; hash: string };
type Reply = { ok: true; value: string | boolean } | { ok: false; message: string };

/** Which queue a job waits in; `verify` goes first. */
export type BcryptPriority = 'verify' | 'hash';

interface Pending {
  job: Job;
  priority: BcryptPriority;
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

// Plain JavaScript evaluated in the thread (it runs the same under tsx, ts-jest and dist/).
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
try { require('node:os').setPriority(19); } catch { /* not permitted here: run at normal priority */ }
const bcrypt = require(${JSON.stringify(require.resolve('bcrypt'))});
parentPort.on('message', (job) => {
  try {
    const value = job.op === 'hash' ? bcrypt.hashSync(job.password, job.rounds) : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ ok: true, value });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
`;

const THREADS = Math.max(1, os.availableParallelism());
/** Threads new hashes may use at once: all but one, which stays for sign-in checks. */
const HASH_THREADS = Math.max(1, THREADS - 1);
export const BCRYPT_THREADS = { total: THREADS, forHashes: HASH_THREADS } as const;
const idle: Worker[] = [];
const busy = new Map<Worker, Pending & { startedAt: number }>();
const queues: Record<BcryptPriority, Pending[]> = { verify: [], hash: [] };
let queueMax = DEFAULT_BCRYPT_QUEUE_MAX;
let hashesRunning = 0;
/** Recent milliseconds a job took on its thread (moving average), for Retry-After. */
const jobMs: Record<BcryptPriority, number> = { verify: 250, hash: 250 };

/** The bound of each queue (BCRYPT_QUEUE_MAX; 0: a job runs only when a thread is free). */
export function setBcryptQueueMax(max: number): void {
  queueMax = max;
}

/** Jobs running and waiting, for logs and tests. */
export function bcryptLoad(): { running: number; hashesRunning: number; queued: Record<BcryptPriority, number> } {
  return { running: busy.size, hashesRunning, queued: { verify: queues.verify.length, hash: queues.hash.length } };
}

function startThread(): Worker {
  const worker = new Worker(THREAD_SOURCE, { eval: true });
  worker.on('message', (reply: Reply) => {
    const pending = busy.get(worker);
    busy.delete(worker);
    if (pending) {
      if (pending.priority === 'hash') hashesRunning -= 1;
      jobMs[pending.priority] = 0.8 * jobMs[pending.priority] + 0.2 * (performance.now() - pending.startedAt);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new Error(reply.message));
    }
    release(worker);
  });
  // A thread that dies takes only its own job with it; the next job starts a new thread.
  worker.on('error', (error) => retire(worker, error));
  worker.on('exit', (code) => retire(worker, new Error(`bcrypt thread exited with code ${code}`)));
  return worker;
}

function retire(worker: Worker, error: Error): void {
  const pending = busy.get(worker);
  busy.delete(worker);
  if (pending?.priority === 'hash') hashesRunning -= 1;
  const index = idle.indexOf(worker);
  if (index >= 0) idle.splice(index, 1);
  pending?.reject(error);
  dispatch();
}

function release(worker: Worker): void {
  // An idle thread must not keep the process alive (a CLI that hashed once can exit).
  worker.unref();
  idle.push(worker);
  dispatch();
}

/** The queue whose job may start next: sign-in checks first, new hashes while they have a thread to spare. */
function nextQueue(): BcryptPriority | null {
  if (queues.verify.length > 0) return 'verify';
  if (queues.hash.length > 0 && hashesRunning < HASH_THREADS) return 'hash';
  return null;
}

function dispatch(): void {
  for (let priority = nextQueue(); priority !== null; priority = nextQueue()) {
    const worker = idle.pop() ?? (busy.size < THREADS ? startThread() : null);
    if (!worker) return;
    const pending = queues[priority].shift()!;
    if (priority === 'hash') hashesRunning += 1;
    busy.set(worker, { ...pending, startedAt: performance.now() });
    worker.ref();
    worker.postMessage(pending.job);
  }
}

function run(job: Job, priority: BcryptPriority): Promise<string | boolean> {
  const queue = queues[priority];
  const startsNow = (idle.length > 0 || busy.size < THREADS) && (priority === 'verify' || hashesRunning < HASH_THREADS);
  if (!startsNow && queue.length >= queueMax) return Promise.reject(busyError(priority));
  return new Promise((resolve, reject) => {
    queue.push({ job, priority, resolve, reject });
    dispatch();
  });
}

/** 503: the wait is the queue (and the verifications ahead of a hash) spread over the threads. */
function busyError(priority: BcryptPriority): AppError {
  const ahead = priority === 'hash' ? (queues.hash.length * jobMs.hash) / HASH_THREADS : (queues.verify.length * jobMs.verify) / THREADS;
  const retryAfterSeconds = Math.max(1, Math.ceil(ahead / 1000));
  return new AppError('SERVICE_UNAVAILABLE', 'The server is busy checking passwords; try again shortly', { retryAfterSeconds });
}

export async function bcryptHash(password: string, rounds: number, priority: BcryptPriority = 'hash'): Promise<string> {
  return (await run({ op: 'hash', password, rounds }, priority)) as string;
}

export async function bcryptCompare(password: string, hash: string): Promise<boolean> {
  return (await run({ op: 'compare', password, hash }, 'verify')) as boolean;
}
