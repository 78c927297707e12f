// POOL: how many database connections one server process should hold. A Shopgraph per pool size
// (DB_POOL_MAX 2, 4, 8, 16) serves, one after the other, the S1 catalog pages, S3's orders
// query and S5's order placing (32 clients on one product with stock to spare); the table gives
// throughput and p99 of each, so the default (src/config.ts) can be the winner.
import { accountOf, window, type Bench, type Sample } from '../measure';
import { insertProductWithStock } from '../seed';
import { placingOrders } from './orders';
import { catalogPages, loadOf, recentOrdersQuery } from './reads';

export const POOL_SIZES = [2, 4, 8, 16] as const;

function cell(sample: Sample): string {
  return `${sample.rps.toFixed(0)} /s, p99 ${sample.p99 === null ? '—' : sample.p99.toFixed(1)} ms`;
}

export async function poolSweep(b: Bench): Promise<void> {
  const productId = await insertProductWithStock(b.database.db, 1_000_000_000, 'pool sweep');
  const lines = [
    `| DB_POOL_MAX | S1 catalog pages (${b.options.connections} clients) | S3 orders query (${b.options.connections} clients) | S5 order placing (${b.options.orderClients} clients) |`,
    '|--:|--:|--:|--:|',
  ];
  const best = { s1: { size: 0, rps: 0 }, s3: { size: 0, rps: 0 }, s5: { size: 0, rps: 0 } };
  // Smoke runs only check that the sweep runs: the two ends.
  for (const size of b.options.mode === 'smoke' ? [POOL_SIZES[0], POOL_SIZES.at(-1)!] : POOL_SIZES) {
    const server = await b.startShopgraph(`Shopgraph, pool ${size}`, { DB_POOL_MAX: String(size) });
    try {
      const account = accountOf(b, 'app');
      const s1 = await window(b, server, account, loadOf(b, server, catalogPages(b)), `pool ${size} S1`);
      const s3 = await window(b, server, account, loadOf(b, server, () => () => recentOrdersQuery(b, 20)), `pool ${size} S3`);
      const s5 = await window(b, server, account, () => placingOrders(b, server, productId), `pool ${size} S5`);
      for (const [key, sample] of [['s1', s1], ['s3', s3], ['s5', s5]] as const) {
        if (sample.rps > best[key].rps) best[key] = { size, rps: sample.rps };
      }
      lines.push(`| ${size} | ${cell(s1)} | ${cell(s3)} | ${cell(s5)} |`);
      b.log(`  pool ${size}: S1 ${s1.rps.toFixed(0)}/s, S3 ${s3.rps.toFixed(0)}/s, S5 ${s5.rps.toFixed(0)}/s`);
    } finally {
      await server.stop();
    }
  }
  lines.push('', `Fastest: S1 at ${best.s1.size}, S3 at ${best.s3.size}, S5 at ${best.s5.size} connections (one window each, ${b.options.measureSec} s after ${b.options.warmupSec} s warm-up).`);
  b.report.sections.push({ title: 'Pool sweep (knex pool size per server process)', markdown: lines.join('\n') });
}
