// Waiting for what a drill started to answer, and stopping it: the servers of drills/support
// (HAProxy, nginx, Redis) share these.
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `answers()` is true, polling every 100 ms; throws `failure()` after `timeoutMs`. */
export async function until(answers: () => Promise<boolean>, failure: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await answers().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(failure());
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Whether `url` answers with a 2xx status. */
export async function answersOk(url: string): Promise<boolean> {
  return (await fetch(url).catch(() => null))?.ok ?? false;
}

/** Sends `signal` to a child that is still running and waits for it to exit. */
export async function stopChild(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
