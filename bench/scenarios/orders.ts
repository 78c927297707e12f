// S5: 32 clients ordering one unit each of one product until its stock (5,000) is gone, through
// `POST /api/orders`; the anchor runs the same transaction over raw mysql2. Every run gets a
// fresh product; afterwards the database must show exactly the stock sold, never more, and no
// request may have failed with a 5xx.
import path from 'node:path';
import type { OrderJob, OrderResult } from '../anchors/orderLoop';
import { cycle, fire, postJson, type LoadOptions } from '../load';
import { accountOf, check, expectOnly2xx, maybeProfile, noteCompeting, sampleFrom, settle, summarize, type Bench, type Sample } from '../measure';
import { runLoopAnchor, type Measured } from '../processes';
import { agg } from '../report';
import { FIRST_CUSTOMER_ID, insertProductWithStock } from '../seed';

const ORDER_LOOP = path.join(__dirname, '../anchors/orderLoop.ts');

interface Sold {
  stockLeft: number;
  unitsSold: number;
  orders: number;
}

async function soldOf(b: Bench, productId: number): Promise<Sold> {
  const db = b.database.db;
  const product = (await db('products').where({ id: productId }).first('stock')) as { stock: number };
  const items = (await db('order_items').where({ product_id: productId }).first(db.raw('COUNT(*) AS n, COALESCE(SUM(quantity), 0) AS units'))) as {
    n: number | string;
    units: number | string;
  };
  return { stockLeft: Number(product.stock), unitsSold: Number(items.units), orders: Number(items.n) };
}

/** S5's load on `target`: every client buys one unit of `productId` per request, as a customer of its own. */
export function placingOrders(b: Bench, target: Measured, productId: number): LoadOptions {
  const token = cycle(b.tokens.customers);
  return {
    url: target.url,
    connections: b.options.orderClients,
    next: () => postJson('/api/orders', { items: [{ product_id: productId, quantity: 1 }] }, { authorization: `Bearer ${token()}` }),
  };
}

export async function s5OneProductRace(b: Bench): Promise<void> {
  const { options } = b;
  const stock = options.orderStock;
  const clients = options.orderClients;
  const users = { first: FIRST_CUSTOMER_ID, count: options.sizes.users };
  const warmOurs = await insertProductWithStock(b.database.db, 1_000_000_000, 'warm-up (Shopgraph)');
  const warmAnchor = await insertProductWithStock(b.database.db, 1_000_000_000, 'warm-up (anchor)');
  const orders = (productId: number) => placingOrders(b, b.ours, productId);
  const outcomes: string[] = [];
  const verify = async (side: string, productId: number, fiveHundreds: number) => {
    const sold = await soldOf(b, productId);
    const exact = sold.unitsSold === stock && sold.orders === stock && sold.stockLeft === 0;
    outcomes.push(`${side}: ${sold.unitsSold} sold, ${sold.stockLeft} left, ${fiveHundreds} 5xx`);
    if (!exact || fiveHundreds > 0) {
      b.report.problems.push(`S5 ${side}: ${sold.unitsSold} units in ${sold.orders} orders sold of ${stock}, ${sold.stockLeft} left, ${fiveHundreds} 5xx`);
    }
    return { exact, oversold: Math.max(0, sold.unitsSold - stock), fiveHundreds };
  };

  const anchorRun = async (round: number): Promise<Sample> => {
    const productId = await insertProductWithStock(b.database.db, stock, `S5 round ${round} (anchor)`);
    let before: Promise<number> = Promise.resolve(0);
    const job: OrderJob = { productId, warmupProductId: warmAnchor, warmupSec: options.warmupSec, workers: clients, users };
    const result = await runLoopAnchor<OrderJob, OrderResult>(ORDER_LOOP, job, b.loopEnv, () => {
      before = b.counter.read(accountOf(b, 'anchor'));
    });
    const statements = (await b.counter.read(accountOf(b, 'anchor'))) - (await before);
    await verify('anchor', productId, 0);
    if (result.errors > 0) b.report.problems.push(`S5 anchor: ${result.errors} failed transactions`);
    const requests = result.sold + result.refused;
    return { rps: result.perSecond, p50: null, p99: null, requests, sql: statements / Math.max(1, requests), cpuMs: null, rssMb: null, eldP99: null, statuses: {} };
  };

  const results = { exact: true, oversold: 0, fiveHundreds: 0 };
  const oursRun = async (round: number): Promise<Sample> => {
    const productId = await insertProductWithStock(b.database.db, stock, `S5 round ${round} (Shopgraph)`);
    await fire({ ...orders(warmOurs), durationSec: options.warmupSec });
    await settle();
    await b.ours.stats(true);
    const before = await b.counter.read(accountOf(b, 'app'));
    // A few more requests than units: the last ones must be refused (409), not sold.
    const load = await fire({ ...orders(productId), amount: stock + 2 * clients });
    await settle();
    const statements = (await b.counter.read(accountOf(b, 'app'))) - before;
    const stats = await b.ours.stats();
    expectOnly2xx(b, 'S5', load, [409]);
    const fiveHundreds = Object.entries(load.statuses)
      .filter(([code]) => code.startsWith('5'))
      .reduce((sum, [, count]) => sum + count, 0);
    const outcome = await verify('Shopgraph', productId, fiveHundreds);
    results.exact &&= outcome.exact;
    results.oversold += outcome.oversold;
    results.fiveHundreds += fiveHundreds;
    const sample = sampleFrom(load, statements / Math.max(1, load.sent), stats);
    return { ...sample, rps: stock / load.durationSec };
  };

  const ours: Sample[] = [];
  const anchor: Sample[] = [];
  const ratios: number[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    noteCompeting(b, `S5 round ${round}`);
    const first = await anchorRun(round);
    const mine = await oursRun(round);
    const second = await anchorRun(round);
    ours.push(mine);
    anchor.push(first, second);
    ratios.push(mine.rps / ((first.rps + second.rps) / 2));
    b.log(`  S5 round ${round}: ${mine.rps.toFixed(0)} orders/s vs ${first.rps.toFixed(0)} and ${second.rps.toFixed(0)} → ${ratios.at(-1)!.toFixed(2)}`);
  }
  b.report.rows.push({
    id: 'S5',
    what: `${clients} clients \`POST /api/orders\` 1 unit of one product, stock ${stock.toLocaleString('en-US')}, until sold out`,
    anchor: 'raw mysql2 order transaction loop, 32 workers',
    unit: 'orders/s',
    ours: summarize(ours),
    anchorSide: summarize(anchor),
    ratio: agg(ratios),
  });
  const runs = outcomes.filter((line) => line.startsWith('Shopgraph')).map((line) => line.replace('Shopgraph: ', ''));
  const distinct = [...new Set(runs)].map((line) => `${runs.filter((run) => run === line).length} run(s): ${line}`);
  check(b, 'S5', `exactly ${stock.toLocaleString('en-US')} sold, 0 oversell, 0 5xx (every run)`, distinct.join('; '), results.exact && results.oversold === 0 && results.fiveHundreds === 0);
  const ratio = agg(ratios).median;
  check(b, 'S5', 'ratio ≥ 0.7', ratio.toFixed(2), ratio >= 0.7);
  await maybeProfile(b, 'S5', [() => orders(warmOurs)]);
}
