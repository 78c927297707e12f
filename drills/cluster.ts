// `npm run test:cluster`: Shopgraph through the loss of a database server. A Galera cluster of
// three nodes (drills/cluster/galera.ts), a primary's failover to its semi-synchronous replica
// (drills/cluster/failover.ts), and a backup taken under order load, restored, and brought
// forward by the binary log (drills/cluster/backups.ts). Everything runs on loopback, is started
// here and stopped here; the last line is `N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backupDrill } from './cluster/backups';
import { failoverDrill } from './cluster/failover';
import { galeraDrill } from './cluster/galera';
import { GALERA_PROVIDER } from './support/galera';
import { runDrill, withCleanup, type Stop } from './support/harness';

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

/** Runs one part with a folder of its own, removed afterwards; the part stops what it started. */
async function part(name: string, run: (dir: string, stops: Stop[]) => Promise<void>): Promise<void> {
  console.log(`— ${name}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-cluster-'));
  try {
    await withCleanup((stops) => run(dir, stops));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runDrill('cluster', async () => {
  const missing = missingPrograms();
  if (missing.length > 0) throw new Error(`not installed: ${missing.join(', ')}`);
  const only = process.argv.slice(2); // e.g. `npm run test:cluster -- galera backups`
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  if (wanted('galera')) await part('Galera: three nodes, an instance on each', (dir, stops) => galeraDrill(dir, ROOT, stops));
  if (wanted('failover')) await part('Failover: a primary, its replica promoted', (dir) => failoverDrill(dir, ROOT));
  if (wanted('backups')) await part('Backups: under load, restored, brought forward by the binary log', (dir, stops) => backupDrill(dir, ROOT, stops));
});
