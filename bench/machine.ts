// What the numbers were measured on, and whether anything else was competing for the CPU.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { Knex } from 'knex';

export interface MachineInfo {
  node: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  mariadb: string;
  loadAverage: string;
}

export async function machineInfo(admin: Knex): Promise<MachineInfo> {
  const [rows] = (await admin.raw('SELECT VERSION() AS v')) as [{ v: string }[]];
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    mariadb: rows[0]?.v ?? 'unknown',
    loadAverage: os.loadavg().map((load) => load.toFixed(2)).join(' '),
  };
}

export function gitRevision(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations', 'schema.graphql'], { cwd, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in src/` : head;
  } catch {
    return 'unknown';
  }
}

/** Test runs or dev servers of other people on this machine (our own children excluded). */
export function competingProcesses(ownPids: ReadonlySet<number>): string[] {
  let listing: string;
  try {
    listing = execFileSync('pgrep', ['-fa', 'jest|tsx .*src/index.ts'], { encoding: 'utf8' });
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
  return listing
    .split('\n')
    .filter(Boolean)
    .filter((line) => {
      const pid = Number(line.split(' ')[0]);
      return pid !== process.pid && !ownPids.has(pid) && !line.includes('pgrep');
    });
}

/** Polls until nothing competes, for at most `maxSec`; returns what was still running then. */
export async function waitForQuiet(ownPids: ReadonlySet<number>, maxSec: number, log: (line: string) => void): Promise<string[]> {
  const deadline = Date.now() + maxSec * 1000;
  let announced = false;
  for (;;) {
    const competing = competingProcesses(ownPids);
    if (competing.length === 0 || Date.now() >= deadline) return competing;
    if (!announced) {
      log(`waiting up to ${Math.round((deadline - Date.now()) / 1000)} s for ${competing.length} other test process(es) to finish`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}
