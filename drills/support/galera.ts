// A MariaDB Galera cluster of the drill's own: three nodes on loopback, each with its own
// datadir, SQL port, group port, IST and SST ports, running as `mysql` (as root the rsync state
// transfer fails). The first node bootstraps the cluster (--wsrep-new-cluster on its first start
// only); the others join it by a state transfer.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './cluster';
import { APP_USER, DATABASE, MariaServer, templateDatadir } from './mariadb';

export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';
const NODES = 3;
const SYNCED_TIMEOUT_MS = 120_000;

export interface GaleraNode extends MariaServer {
  readonly index: number;
}

/** The node's wsrep state (Synced, Joining, Donor/Desynced…) and the cluster size it sees. */
export async function wsrepState(node: MariaServer): Promise<{ state: string; size: number }> {
  const rows = await node.sql<{ Variable_name: string; Value: string }>(
    `SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_size')`,
  );
  const value = (name: string) => rows.find((row) => row.Variable_name === name)?.Value ?? '';
  return { state: value('wsrep_local_state_comment'), size: Number(value('wsrep_cluster_size')) };
}

/** Resolves once `node` is Synced in a cluster of `size`. */
export async function untilSynced(node: MariaServer, size = NODES, timeoutMs = SYNCED_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = { state: 'not answering', size: 0 };
  while (Date.now() < deadline) {
    last = await wsrepState(node).catch(() => last);
    if (last.state === 'Synced' && last.size === size) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${node.name} is ${last.state} in a cluster of ${last.size} after ${timeoutMs / 1000} s`);
}

/** Gives `dir` and everything in it to the mysql user, which the nodes run as. */
function giveToMysql(dir: string): void {
  execFileSync('chown', ['-R', 'mysql:mysql', dir]);
}

/**
 * Three nodes, Synced, with the app's database and user made on the first (DDL and account
 * statements replicate to the others). Each node is added to `stops` before it starts.
 */
export async function startGaleraCluster(dir: string, stops: (() => Promise<unknown>)[]): Promise<GaleraNode[]> {
  const galeraDir = path.join(dir, 'galera');
  mkdirSync(galeraDir, { recursive: true });
  chmodSync(dir, 0o755);
  giveToMysql(galeraDir);
  const template = templateDatadir(galeraDir, 'mysql');
  const ports = await Promise.all(Array.from({ length: NODES }, async () => ({ sql: await freePort(), group: await freePort(), ist: await freePort(), sst: await freePort() })));
  const members = ports.map((port) => `127.0.0.1:${port.group}`).join(',');
  const nodes = ports.map((port, index) => {
    const datadir = path.join(galeraDir, `node${index + 1}`);
    cpSync(template, datadir, { recursive: true });
    const node = new MariaServer(
      `node${index + 1}`,
      datadir,
      port.sql,
      [
        '--binlog-format=ROW',
        '--default-storage-engine=InnoDB',
        '--innodb-autoinc-lock-mode=2',
        '--wsrep-on=ON',
        `--wsrep-provider=${GALERA_PROVIDER}`,
        '--wsrep-cluster-name=shopgraph-drill',
        `--wsrep-cluster-address=gcomm://${members}`,
        `--wsrep-node-name=node${index + 1}`,
        `--wsrep-node-address=127.0.0.1:${port.group}`,
        `--wsrep-provider-options=${[
          `gmcast.listen_addr=tcp://127.0.0.1:${port.group}`,
          `ist.recv_addr=127.0.0.1:${port.ist}`,
          'gcache.size=64M',
          // Commits pause until the cluster declares a silent node dead: 2 s here, not the default 5.
          'evs.suspect_timeout=PT2S',
          'evs.inactive_timeout=PT4S',
          'evs.keepalive_period=PT0.5S', // below a third of the suspect timeout, as Galera requires
        ].join(';')}`,
        '--wsrep-sst-method=rsync',
        `--wsrep-sst-receive-address=127.0.0.1:${port.sst}`,
      ],
      'mysql',
    );
    return Object.assign(node, { index: index + 1 }) as GaleraNode;
  });
  giveToMysql(galeraDir);
  stops.push(() => Promise.all(nodes.map((node) => node.stop())));

  const [first, ...others] = nodes as [GaleraNode, ...GaleraNode[]];
  await first.start({ once: ['--wsrep-new-cluster'] });
  await untilSynced(first, 1);
  // Joiners open their socket only after the state transfer: they get longer to answer.
  await Promise.all(others.map((node) => node.start({ timeoutMs: SYNCED_TIMEOUT_MS })));
  await Promise.all(nodes.map((node) => untilSynced(node)));

  await first.sql(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?`, [APP_USER.user, APP_USER.password]);
  await first.sql(`GRANT ALL ON ${DATABASE}.* TO ?@'127.0.0.1'`, [APP_USER.user]);
  await first.sql(`CREATE DATABASE ${DATABASE}`);
  return nodes;
}
