import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * bcrypt on threads of lowest CPU priority. A sign-in costs ~250 ms of CPU at cost 12; on
 * libuv's thread pool (bcrypt's own async API) a flood of sign-ins takes every core at the same
 * priority as the event loop, and every other request waits behind it (S1's p99 rose 5.7× in
 * the benchmark). These threads run at nice 19 (Linux applies a thread's own nice value), so
 * hashing uses whatever CPU the rest of the server leaves idle, and yields it the moment a
 * request needs it. One thread per core: more would only queue inside the kernel.
 */

type Job = { op: 'hash'; password: string; rounds: number } | { op: 'compare'; password: string; hash: string };
type Reply = { ok: true; value: string | boolean } | { ok: false; message: string };

interface Pending {
  job: Job;
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
const idle: Worker[] = [];
const busy = new Map<Worker, Pending>();
const queue: Pending[] = [];

function startThread(): Worker {
  const worker = new Worker(THREAD_SOURCE, { eval: true });
  worker.on('message', (reply: Reply) => {
    const pending = busy.get(worker);
    busy.delete(worker);
    if (pending) {
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

function dispatch(): void {
  while (queue.length > 0) {
    const worker = idle.pop() ?? (busy.size < THREADS ? startThread() : null);
    if (!worker) return;
    const pending = queue.shift()!;
    busy.set(worker, pending);
    worker.ref();
    worker.postMessage(pending.job);
  }
}

function run(job: Job): Promise<string | boolean> {
  return new Promise((resolve, reject) => {
    queue.push({ job, resolve, reject });
    dispatch();
  });
}

export async function bcryptHash(password: string, rounds: number): Promise<string> {
  return (await run({ op: 'hash', password, rounds })) as string;
}

export async function bcryptCompare(password: string, hash: string): Promise<boolean> {
  return (await run({ op: 'compare', password, hash })) as boolean;
}
