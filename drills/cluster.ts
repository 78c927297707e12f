// `npm run test:cluster`: Shopgraph through the loss of a database server. A Galera cluster of
// three nodes (drills/cluster/galera.ts), a primary's failover to its semi-synchronous replica
// (drills/cluster/failover.ts), and a backup taken under order load, restored, and brought
// forward by the binary log (drills/cluster/backups.ts). Everything runs on loopback, is started
// here and stopped here; the last line is `N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { galeraDrill } from './cluster/galera';
import { GALERA_PROVIDER } from './support/galera';
import { runDrill } from './support/harness';

const ROOT = path.resolve(__dirname, '..');

/** The programs the drill runs, each with the Debian package that brings it. */
const PROGRAMS = { 'mariadb-install-db': 'mariadb-server', mariadbd: 'mariadb-server', haproxy: 'haproxy', socat: 'socat', rsync: 'rsync' };

function missingPrograms(): string[] {
  const missing = Object.entries(PROGRAMS)
    .filter(([program]) => spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0)
    .map(([program, pkg]) => `${program} (apt-get install ${pkg})`);
  if (!existsSync(GALERA_PROVIDER)) missing.push(`${GALERA_PROVIDER} (apt-get install galera-4)`);
  return missing;
}

/** Runs one part with its own folder and its own list of things to stop, stopped in reverse order whatever happens. */
async function part(name: string, run: (dir: string, stops: (() => Promise<unknown>)[]) => Promise<void>): Promise<void> {
  console.log(`— ${name}`);
  const dir = mkdtempSync(path.join(tmpdir(), `shopgraph-cluster-`));
  const stops: (() => Promise<unknown>)[] = [];
  try {
    await run(dir, stops);
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.log(`(stopping: ${String(error)})`));
    rmSync(dir, { recursive: true, force: true });
  }
}

runDrill('cluster', async () => {
  const missing = missingPrograms();
  if (missing.length > 0) throw new Error(`not installed: ${missing.join(', ')}`);
  await part('Galera: three nodes, an instance on each', (dir, stops) => galeraDrill(dir, ROOT, stops));
});
