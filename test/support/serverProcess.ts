import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DatabaseConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');
// tsx as a loader inside one node process, not the `tsx` command: that command relays signals
// to a child and SIGKILLs it when the child does not acknowledge within ~60 ms, which a busy
// machine can miss, turning a graceful SIGTERM into a kill.
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** What the process wrote to stderr alone. */
  errorOutput(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** The variables that point a second server process at a test app's own database. */
export function databaseEnvironment(database: DatabaseConfig): Record<string, string> {
  if (database.client === 'sqlite') return { SQLITE_FILE: database.filename };
  return {
    DB_HOST: database.host,
    DB_PORT: String(database.port),
    DB_USER: database.user,
    DB_PASSWORD: database.password,
    DB_NAME: database.database,
  };
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

/**
 * Runs `src/index.ts` as `npm start` would, in its own process, with exactly the given
 * environment (plus PATH), from `cwd`.
 */
export function runServer(env: Record<string, string>, cwd: string): ServerProcess {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, 'src/index.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errorOutput = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    errorOutput += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${env.PORT ?? 4000}`, output: () => output, errorOutput: () => errorOutput, exited };
}

/** Polls until the server answers its health check (or the process dies). */
export async function waitUntilListening(server: ServerProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode}:\n${server.output()}`);
    try {
      if ((await fetch(`${server.url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${server.output()}`);
}
