// The failover part of `npm run test:cluster`: a primary with a semi-synchronous replica behind
// a writer endpoint (HAProxy TCP), order load through two instances, the primary killed, the
// replica promoted by scripts/promote-replica.sh. No acknowledged order may be lost, no request
// may wait longer than 5 s, and writes must resume by themselves. The same with asynchronous
// replication and a replica behind shows what semi-sync buys.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Instance, freePort } from '../support/cluster';
import { percentile } from '../support/client';
import { check, expect, withCleanup, type Stop } from '../support/harness';
import { APP_USER, DATABASE, startReplicatedPair, type MariaServer } from '../support/mariadb';
import { INSTANCE_ENV, insertProduct, missingOrders, orderWhile, registerBuyers, stockAndSold, type OrderLog } from '../support/shop';
import { WRITER_BACKEND, WriterEndpoint } from '../support/writerEndpoint';

const INITIAL_STOCK = 1_000_000;
/** How long the drill lets the dead primary go unnoticed before promoting: an operator's or a monitor's reaction. */
const DETECTION_MS = 1000;
const SEMI_SYNC = {
  primary: ['--rpl-semi-sync-master-enabled=ON', '--rpl-semi-sync-master-wait-point=AFTER_SYNC', '--rpl-semi-sync-master-timeout=3000'],
  replica: ['--rpl-semi-sync-slave-enabled=ON'],
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  log: OrderLog;
  killedAt: number;
  promotedAt: number;
  promotion: string;
  newPrimary: MariaServer;
  productId: number;
  /** The instances' first error log lines, to show what went wrong. */
  errorLines: string;
}

/** A fresh pair behind a writer endpoint, two instances on it, order load; the primary killed and the replica promoted. */
async function killAndPromote(dir: string, root: string, stops: Stop[], semiSync: boolean, beforeKill: (replica: MariaServer) => Promise<void> = async () => {}): Promise<Outcome> {
  const { primary, replica } = await startReplicatedPair(dir, { primary: await freePort(), replica: await freePort() }, stops, semiSync ? { primaryArgs: SEMI_SYNC.primary, replicaArgs: SEMI_SYNC.replica } : {});
  if (semiSync) {
    // Semi-sync falls back to asynchronous silently: check it is really on before trusting it.
    await sleep(500);
    const rows = await primary.sql<{ Variable_name: string; Value: string }>(`SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_%'`);
    const status = Object.fromEntries(rows.map((row) => [row.Variable_name, row.Value]));
    expect(status.Rpl_semi_sync_master_status === 'ON' && status.Rpl_semi_sync_master_clients === '1', `semi-sync status ${JSON.stringify(status)}`);
  }
  const endpoint = new WriterEndpoint(await freePort(), dir);
  stops.push(() => endpoint.stop());
  await endpoint.start({ primary: primary.port, replica: replica.port });
  const env = { ...INSTANCE_ENV, DB_HOST: '127.0.0.1', DB_PORT: String(endpoint.port), DB_USER: APP_USER.user, DB_PASSWORD: APP_USER.password, DB_NAME: DATABASE };
  const instances = await Promise.all([1, 2].map(async (n) => new Instance(`api-${n}`, await freePort(), env, root)));
  stops.push(() => Promise.all(instances.map((instance) => instance.stop())));
  instances.forEach((instance) => instance.start());
  await Promise.all(instances.map((instance) => instance.ready()));
  const bases = instances.map((instance) => instance.url);
  const buyers = await registerBuyers(bases, 20, `failover-${semiSync ? 'semisync' : 'async'}`);
  const productId = await insertProduct(primary, 'Failover drill product', INITIAL_STOCK);

  let promotedAt = 0;
  const load = orderWhile(() => promotedAt === 0 || Date.now() < promotedAt + 10_000, bases, buyers, productId);
  await sleep(2500);
  await beforeKill(replica);
  const killedAt = Date.now();
  await primary.kill();
  await sleep(DETECTION_MS);
  const promotion = spawnSync(
    path.join(root, 'scripts/promote-replica.sh'),
    ['--haproxy-socket', endpoint.adminSocket, '--backend', WRITER_BACKEND, '--old', 'primary', '--new', 'replica', `--socket=${replica.socket}`, '--user=root'],
    { encoding: 'utf8', timeout: 90_000 },
  );
  expect(promotion.status === 0, `promote-replica.sh exited ${promotion.status}: ${promotion.stderr}`);
  promotedAt = Date.now();
  const log = await load;
  const errorLines = instances.flatMap((instance) => instance.output().split('\n').filter((line) => /"level":(50|60)/.test(line))).slice(0, 5).join('\n');
  return { log, killedAt, promotedAt, promotion: promotion.stdout.trim(), newPrimary: replica, productId, errorLines };
}

export async function failoverDrill(dir: string, root: string): Promise<void> {
  await check('primary killed (kill -9) under order load, semi-sync replica promoted: no acknowledged order lost, no answer slower than 5 s, writes resume by themselves', async () => {
    return withCleanup(async (stops) => {
      const { log, killedAt, promotedAt, promotion, newPrimary, productId, errorLines } = await killAndPromote(path.join(dir, 'semisync'), root, stops, true);
      const slowest = Math.max(...log.answers.map((answer) => answer.ms));
      const gap = log.answers.filter((answer) => !answer.id);
      const unexpected = gap.find((answer) => answer.status !== 503 || answer.code !== 'SERVICE_UNAVAILABLE' || answer.retryAfter === null);
      const resumed = log.answers.filter((answer) => answer.id && answer.at >= promotedAt).map((answer) => answer.at + answer.ms);
      const missing = await missingOrders(newPrimary, log.acknowledged);
      const { stock, sold } = await stockAndSold(newPrimary, productId);
      expect(/applied up to \d+-\d+-\d+/.test(promotion), `the promotion did not wait for what the replica received: ${promotion}`);
      expect(slowest <= 5000, `an answer took ${slowest.toFixed(0)} ms`);
      expect(unexpected === undefined, `an answer in the gap was not 503 SERVICE_UNAVAILABLE with Retry-After: ${unexpected?.status} ${unexpected?.detail}\n${errorLines}`);
      expect(resumed.length > 0 && Math.min(...resumed) - promotedAt <= 10_000, 'no order was placed within 10 s of the promotion');
      expect(missing.length === 0, `${missing.length} of ${log.acknowledged.length} acknowledged orders are not on the new primary`);
      expect(stock + sold === INITIAL_STOCK, `stock ${stock} + sold ${sold} ≠ ${INITIAL_STOCK}`);
      const acknowledgedBeforeKill = log.answers.filter((answer) => answer.id && answer.at + answer.ms <= killedAt).length;
      return (
        `${log.acknowledged.length} orders acknowledged (${acknowledgedBeforeKill} before the kill), all on the new primary, stock + sold = ${INITIAL_STOCK}; ` +
        `${gap.length} answers 503 with Retry-After in the gap, slowest answer ${slowest.toFixed(0)} ms (p99 ${percentile(log.answers.map((a) => a.ms), 99).toFixed(0)} ms); ` +
        `promoted ${((promotedAt - killedAt) / 1000).toFixed(1)} s after the kill (${DETECTION_MS} ms to notice; ${promotion.replace(/^promote-replica: /, '')}); ` +
        `first order placed ${(Math.min(...resumed) - promotedAt).toFixed(0)} ms after the promotion`
      );
    });
  });

  await check('the same with asynchronous replication and the replica 1 s behind (its IO thread stopped): the drill catches the acknowledged orders lost', async () => {
    return withCleanup(async (stops) => {
      const { log, killedAt, newPrimary } = await killAndPromote(path.join(dir, 'async'), root, stops, false, async (replica) => {
        await replica.sql('STOP SLAVE IO_THREAD');
        await sleep(1000);
      });
      const missing = await missingOrders(newPrimary, log.acknowledged);
      expect(missing.length > 0, `none of ${log.acknowledged.length} acknowledged orders was lost: the drill cannot tell semi-sync from its absence`);
      const lost = new Set(missing.map((order) => order.key));
      const lostWindow = log.answers.filter((answer) => answer.id && lost.has(answer.key)).map((answer) => answer.at);
      return `${missing.length} of ${log.acknowledged.length} acknowledged orders lost, all placed in the last ${((killedAt - Math.min(...lostWindow)) / 1000).toFixed(1)} s before the kill: asynchronous replication loses what the replica had not yet received`;
    });
  });
}
