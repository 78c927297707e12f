// The processes under measurement: Shopgraph itself and the anchors, each a separate node
// process with the probe preloaded (bench/probe.cjs), reachable over HTTP and IPC.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
const PROBE = path.join(__dirname, 'probe.cjs');
const TSX_LOADER = require.resolve('tsx');

export interface ProbeStats {
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** CPU time (user + system) of the process since the last reset. */
  cpuMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export interface Measured {
  name: string;
  pid: number;
  url: string;
  child: ChildProcess;
  /** Event-loop delay and memory since the last reset; `reset` starts a new window. */
  stats(reset?: boolean): Promise<ProbeStats>;
  cpuProfileStart(): Promise<void>;
  cpuProfileStop(file: string): Promise<void>;
  output(): string;
  /** True when the process ended without being asked to stop. */
  exitedEarly(): boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** A compiled .js file, or a .ts file run through tsx. */
  script: string;
  env: Record<string, string>;
  port: number;
  /** Path answering 200 once the process serves. */
  healthPath?: string;
  cwd?: string;
  /** The node executable (default: the one running the benchmark). */
  node?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export function nodeArgs(script: string): string[] {
  return ['--require', PROBE, ...(script.endsWith('.ts') ? ['--import', TSX_LOADER] : []), script];
}

export async function startMeasured(options: StartOptions): Promise<Measured> {
  const child = spawn(options.node ?? process.execPath, nodeArgs(options.script), {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  let nextId = 0;
  const pending = new Map<number, (body: Record<string, unknown>) => void>();
  child.on('message', (message: { probe?: string; id?: number } & Record<string, unknown>) => {
    if (message?.probe !== 'reply' || message.id === undefined) return;
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const ask = (body: Record<string, unknown>, timeoutMs = 30_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${options.name}: no answer from the probe to ${String(body.probe)}`));
      }, timeoutMs);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      child.send({ ...body, id });
    });

  const url = `http://127.0.0.1:${options.port}`;
  let stopRequested = false;
  await waitForHealth(url + (options.healthPath ?? '/api/health'), exited, () => output, options.name);

  return {
    name: options.name,
    pid: child.pid!,
    url,
    child,
    async stats(reset = false) {
      return (await ask({ probe: 'stats', reset })) as unknown as ProbeStats;
    },
    async cpuProfileStart() {
      await ask({ probe: 'cpu-start' });
    },
    async cpuProfileStop(file: string) {
      await ask({ probe: 'cpu-stop', file }, 120_000);
    },
    output: () => output,
    exitedEarly: () => !stopRequested && (child.exitCode !== null || child.signalCode !== null),
    async stop() {
      stopRequested = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForHealth(
  url: string,
  exited: Promise<number | null>,
  output: () => string,
  name: string,
  timeoutMs = 60_000,
): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${name} exited with ${exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * A short-lived anchor (a loop, not a server): started with the probe, given its job over IPC
 * once it is ready, answering with one result; `onMeasuring` hears when its warm-up is over.
 */
export async function runLoopAnchor<J extends object, T>(
  script: string,
  job: J,
  env: Record<string, string>,
  onMeasuring?: () => void,
): Promise<T> {
  const child = spawn(process.execPath, nodeArgs(script), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<T>((resolve, reject) => {
    let answered = false;
    child.on('message', (message: { ready?: boolean; measuring?: boolean; result?: T; error?: string }) => {
      if (message.ready) {
        child.send({ job });
        return;
      }
      if (message.measuring) {
        onMeasuring?.();
        return;
      }
      if (message.error !== undefined) reject(new Error(`${path.basename(script)}: ${message.error}`));
      else if (message.result !== undefined) resolve(message.result);
      else return;
      answered = true;
      child.kill('SIGTERM');
    });
    child.on('exit', (code) => {
      if (!answered) reject(new Error(`${path.basename(script)} exited with ${code} before answering`));
    });
  });
}
