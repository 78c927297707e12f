// The Galera part of `npm run test:cluster`: three nodes, an API instance on each, and the
// promises that must hold on a multi-writer engine: no oversell, idempotent orders, and every
// acknowledged order on every node after a node dies mid-race and rejoins.
import { randomUUID } from 'node:crypto';
import { Instance, freePort } from '../support/cluster';
import { percentile } from '../support/client';
import { startGaleraCluster, untilSynced, type GaleraNode } from '../support/galera';
import { check, expect } from '../support/harness';
import { APP_USER, DATABASE } from '../support/mariadb';
import { INSTANCE_ENV, insertProduct, missingOrders, orderWhile, placeOrder, registerBuyers, stockAndSold, tally, type Placed } from '../support/shop';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function galeraDrill(dir: string, root: string, stops: (() => Promise<unknown>)[]): Promise<void> {
  let nodes: GaleraNode[] = [];
  await check('three Galera nodes (galera-4) start and reach Synced', async () => {
    const t0 = Date.now();
    nodes = await startGaleraCluster(dir, stops);
    return `3 of 3 Synced in ${((Date.now() - t0) / 1000).toFixed(1)} s (the first bootstraps, two join by rsync state transfer)`;
  });
  if (nodes.length === 0) return;
  // The drill's own reads wait for each node to apply what the cluster committed, as the app's do.
  for (const node of nodes) await node.sql('SET SESSION wsrep_sync_wait = 1');

  const instances = await Promise.all(
    nodes.map(async (node) => new Instance(`api-${node.index}`, await freePort(), { ...INSTANCE_ENV, DB_HOST: '127.0.0.1', DB_PORT: String(node.port), DB_USER: APP_USER.user, DB_PASSWORD: APP_USER.password, DB_NAME: DATABASE }, root)),
  );
  stops.push(() => Promise.all(instances.map((instance) => instance.stop())));
  const bases = instances.map((instance) => instance.url);

  await check('three instances, one per node, started together: migrations applied once, all ready', async () => {
    instances.forEach((instance) => instance.start());
    await Promise.all(instances.map((instance) => instance.ready()));
    const applied = await nodes[2]!.sql<{ n: number; distinct: number }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT name) AS \`distinct\` FROM ${DATABASE}.knex_migrations`);
    expect(Number(applied[0]!.n) === Number(applied[0]!.distinct), `knex_migrations holds ${applied[0]!.n} rows for ${applied[0]!.distinct} migrations`);
    return `${applied[0]!.n} migrations recorded once each, seen on node3; 3 of 3 ready`;
  });

  await check('the schema is what Galera needs: every table InnoDB with a primary key', async () => {
    const tables = await nodes[0]!.sql<{ name: string; engine: string; keyed: number }>(
      `SELECT t.TABLE_NAME AS name, t.ENGINE AS engine,
              EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY') AS keyed
         FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE'`,
      [DATABASE],
    );
    const unfit = tables.filter((table) => table.engine !== 'InnoDB' || Number(table.keyed) !== 1);
    expect(unfit.length === 0, `unfit tables: ${JSON.stringify(unfit)}`);
    return `${tables.length} tables, all InnoDB with a primary key`;
  });

  const buyers = await registerBuyers(bases, 60, 'galera');
  /** Buyer i sends through instance i mod 3: each node takes a third of the writes. */
  const through = (index: number) => bases[index % bases.length]!;

  async function raceForTwenty(tag: string): Promise<{ answers: Placed[]; productId: number }> {
    const productId = await insertProduct(nodes[0]!, `Galera race ${tag}`, 20);
    const answers = await Promise.all(buyers.map((buyer, index) => placeOrder(through(index), buyer.token, [{ productId, quantity: 1 }])));
    return { answers, productId };
  }

  await check('60 buyers on three instances and three nodes race for a stock of 20: exactly 20 orders, stock 0 on every node', async () => {
    const { answers, productId } = await raceForTwenty('20');
    const outcomes = tally(answers);
    expect(outcomes.placed === 20 && outcomes.INSUFFICIENT_STOCK === 40, `answers ${JSON.stringify(outcomes)}; ${answers.find((a) => !a.id && a.code !== 'INSUFFICIENT_STOCK')?.detail}`);
    for (const node of nodes) {
      const { stock, sold, orders } = await stockAndSold(node, productId);
      expect(stock === 0 && sold === 20 && orders === 20, `${node.name}: stock ${stock}, ${sold} units in ${orders} orders`);
    }
    return `20 placed, 40 INSUFFICIENT_STOCK, 0 other; stock 0 and 20 units sold on each of 3 nodes; p99 ${percentile(answers.map((a) => a.ms), 99).toFixed(0)} ms`;
  });

  await check('40 crossing two-line orders on two products of 30: exactly 30, both stocks 0 on every node', async () => {
    const first = await insertProduct(nodes[1]!, 'Galera crossing A', 30);
    const second = await insertProduct(nodes[2]!, 'Galera crossing B', 30);
    const answers = await Promise.all(
      buyers.slice(0, 40).map((buyer, index) => {
        const lines = [{ productId: first, quantity: 1 }, { productId: second, quantity: 1 }];
        return placeOrder(through(index), buyer.token, index % 2 === 0 ? lines : lines.reverse());
      }),
    );
    const outcomes = tally(answers);
    expect(outcomes.placed === 30 && outcomes.INSUFFICIENT_STOCK === 10, `answers ${JSON.stringify(outcomes)}; ${answers.find((a) => !a.id && a.code !== 'INSUFFICIENT_STOCK')?.detail}`);
    for (const node of nodes) {
      const [a, b] = [await stockAndSold(node, first), await stockAndSold(node, second)];
      expect(a.stock === 0 && b.stock === 0 && a.sold === 30 && b.sold === 30, `${node.name}: stocks ${a.stock}/${b.stock}, sold ${a.sold}/${b.sold}`);
    }
    return '30 placed, 10 INSUFFICIENT_STOCK; stocks 0 and 0, 30 + 30 units sold, on each of 3 nodes';
  });

  await check('8 concurrent retries of one idempotency key sent to three nodes: one order, stock taken once', async () => {
    const productId = await insertProduct(nodes[0]!, 'Galera idempotency', 100);
    const key = randomUUID();
    const buyer = buyers[0]!;
    const answers = await Promise.all(Array.from({ length: 8 }, (_unused, index) => placeOrder(through(index), buyer.token, [{ productId, quantity: 3 }], key)));
    const ids = new Set(answers.map((answer) => answer.id));
    expect(ids.size === 1 && !ids.has(null), `answers ${JSON.stringify(answers.map((a) => a.id ?? a.code))}`);
    for (const node of nodes) {
      const { stock, orders } = await stockAndSold(node, productId);
      expect(stock === 97 && orders === 1, `${node.name}: stock ${stock}, ${orders} orders`);
    }
    return `8 of 8 answered order ${[...ids][0]}; stock 100 → 97 and 1 order on each of 3 nodes`;
  });

  await check('node3 killed (kill -9) mid-race: the other two carry on; after it rejoins every acknowledged order is on all three nodes, stock + sold = initial', async () => {
    const initial = 100_000;
    const productId = await insertProduct(nodes[0]!, 'Galera node loss', initial);
    const until = Date.now() + 8000;
    const load = orderWhile(() => Date.now() < until, bases, buyers.slice(0, 30), productId);
    await sleep(2500);
    const killedAt = Date.now();
    await nodes[2]!.kill();
    const { acknowledged, answers } = await load;
    const t0 = Date.now();
    await nodes[2]!.start({ timeoutMs: 120_000 });
    await nodes[2]!.sql('SET SESSION wsrep_sync_wait = 1');
    await Promise.all(nodes.map((node) => untilSynced(node)));
    const rejoinSeconds = (Date.now() - t0) / 1000;

    const unavailable = answers.filter((answer) => answer.status === 503);
    const placedAfterKill = answers.filter((answer) => answer.id && answer.at > killedAt).length;
    expect(placedAfterKill > 0, 'no order was placed after the kill');
    const bare = unavailable.find((answer) => answer.retryAfter === null);
    expect(bare === undefined, `503 without Retry-After: ${bare?.detail}`);
    for (const node of nodes) {
      const missing = await missingOrders(node, acknowledged);
      const { stock, sold } = await stockAndSold(node, productId);
      expect(missing.length === 0, `${node.name} misses ${missing.length} acknowledged orders`);
      expect(stock + sold === initial && sold >= acknowledged.length, `${node.name}: stock ${stock} + sold ${sold} ≠ ${initial}, or fewer than ${acknowledged.length} acknowledged`);
    }
    // The instance on node3 writes again by itself once its node is back.
    const again = await placeOrder(bases[2]!, buyers[0]!.token, [{ productId, quantity: 1 }]);
    expect(again.id !== null, `api-3 after the rejoin: ${again.code}`);
    const worst = Math.max(...answers.map((answer) => answer.ms));
    return `${acknowledged.length} orders acknowledged (${placedAfterKill} after the kill), ${unavailable.length} answers 503 with Retry-After (api-3 while node3 was down; each retried elsewhere), slowest answer ${worst.toFixed(0)} ms; node3 rejoined and Synced in ${rejoinSeconds.toFixed(1)} s; all acknowledged orders on 3 of 3 nodes, stock + sold = ${initial} on each; api-3 writes again`;
  });

  await check('20 buyers each send 3 one-unit orders at once, one to each node, with MAX_UNPAID_UNITS_PER_USER=1: exactly one each', async () => {
    // The last checks restart the instances with drill settings and leave them so: the part ends after them.
    await Promise.all(instances.map((instance) => instance.restart({ MAX_UNPAID_UNITS_PER_USER: '1' })));
    // A product per node: orders of one product would conflict on its stock row anyway.
    const productIds = await Promise.all(nodes.map((node) => insertProduct(nodes[0]!, `Galera unpaid bound ${node.index}`, 1000)));
    const bounded = await registerBuyers(bases, 20, 'galera-bound');
    const answers = (
      await Promise.all(bounded.map((buyer) => Promise.all(bases.map((base, index) => placeOrder(base, buyer.token, [{ productId: productIds[index]!, quantity: 1 }])))))
    ).flat();
    const outcomes = tally(answers);
    expect(outcomes.placed === 20 && outcomes.CONFLICT === 40, `answers ${JSON.stringify(outcomes)}; ${answers.find((a) => !a.id && a.code !== 'CONFLICT')?.detail}`);
    for (const node of nodes) {
      const sold = (await Promise.all(productIds.map((productId) => stockAndSold(node, productId)))).reduce((sum, product) => sum + product.sold, 0);
      expect(sold === 20, `${node.name}: ${sold} units sold`);
    }
    return '20 placed, 40 CONFLICT; 20 units held on each of 3 nodes (each placement changes its user row, so Galera certifies it)';
  });

  await check('with retries switched off (DB_TRANSACTION_RETRY=off) the race for 20 fails with certification conflicts: the retry is what makes the 20 + 40 above', async () => {
    await Promise.all(
      instances.map((instance) => instance.restart({ NODE_ENV: 'development', DB_TRANSACTION_RETRY: 'off', MAX_UNPAID_UNITS_PER_USER: INSTANCE_ENV.MAX_UNPAID_UNITS_PER_USER })),
    );
    const { answers, productId } = await raceForTwenty('retries off');
    const outcomes = tally(answers);
    expect(outcomes.placed !== 20 || outcomes.INSUFFICIENT_STOCK !== 40, `answers ${JSON.stringify(outcomes)}: the drill cannot tell the retry from its absence`);
    const { stock, sold } = await stockAndSold(nodes[0]!, productId);
    expect(stock + sold === 20 && stock >= 0, `stock ${stock} + sold ${sold} ≠ 20`);
    return `answers ${JSON.stringify(outcomes)}; never oversold (stock ${stock} + sold ${sold} = 20): the conflicts cost sales, not stock`;
  });
}
