// POOL: how many database connections one server process should hold. A Shopgraph per pool size
// (DB_POOL_MAX 2, 4, 8, 16) serves, one after the other, the S1 catalog pages, S3's orders
// query and S5's order placing (32 clients on one product with stock to spare). Full runs sweep
// twice, the sizes up and then down, so a drift of the machine during the sweep does not favour
// one end; the table gives each size's throughput (mean of the passes, with both) and p99.
import { accountOf, window, type Bench, type Sample } from '../measure';
import { agg } from '../report';
import { insertProductWithStock } from '../seed';
import { placingOrders } from './orders';
import { catalogPages, loadOf, recentOrdersQuery } from './reads';

export const POOL_SIZES = [2, 4, 8, 16] as const;
const WORKLOADS = ['S1', 'S3', 'S5'] as const;
type Workload = (typeof WORKLOADS)[number];

function meanRps(samples: Sample[]): number {
  return samples.reduce((sum, sample) => sum + sample.rps, 0) / samples.length;
}

function cell(samples: Sample[]): string {
  const each = samples.length > 1 ? ` (${samples.map((sample) => sample.rps.toFixed(0)).join(', ')})` : '';
  const p99 = agg(samples.map((sample) => sample.p99 ?? Number.NaN)).median;
  return `${meanRps(samples).toFixed(0)} /s${each}, p99 ${Number.isFinite(p99) ? p99.toFixed(1) : '—'} ms`;
}

export async function poolSweep(b: Bench): Promise<void> {
  const productId = await insertProductWithStock(b.database.db, 1_000_000_000, 'pool sweep');
  // Smoke runs only check that the sweep runs: the two ends, once.
  const sizes: number[] = b.options.mode === 'smoke' ? [POOL_SIZES[0], POOL_SIZES.at(-1)!] : [...POOL_SIZES];
  const passes = b.options.mode === 'smoke' ? [sizes] : [sizes, [...sizes].reverse()];
  const samples = new Map(sizes.map((size) => [size, { S1: [], S3: [], S5: [] } as Record<Workload, Sample[]>]));
  for (const pass of passes) {
    for (const size of pass) {
      const server = await b.startShopgraph(`Shopgraph, pool ${size}`, { DB_POOL_MAX: String(size) });
      try {
        const account = accountOf(b, 'app');
        const of = samples.get(size)!;
        of.S1.push(await window(b, server, account, loadOf(b, server, catalogPages(b)), `pool ${size} S1`));
        of.S3.push(await window(b, server, account, loadOf(b, server, () => () => recentOrdersQuery(b, 20)), `pool ${size} S3`));
        of.S5.push(await window(b, server, account, () => placingOrders(b, server, productId), `pool ${size} S5`));
        b.log(`  pool ${size}: ${WORKLOADS.map((id) => `${id} ${of[id].at(-1)!.rps.toFixed(0)}/s`).join(', ')}`);
      } finally {
        await server.stop();
      }
    }
  }
  const lines = [
    `| DB_POOL_MAX | S1 catalog pages (${b.options.connections} clients) | S3 orders query (${b.options.connections} clients) | S5 order placing (${b.options.orderClients} clients) |`,
    '|--:|--:|--:|--:|',
    ...sizes.map((size) => `| ${size} | ${WORKLOADS.map((id) => cell(samples.get(size)![id])).join(' | ')} |`),
  ];
  const rpsOf = (size: number, id: Workload) => meanRps(samples.get(size)![id]);
  const fastest = WORKLOADS.map((id) => `${id} at ${sizes.reduce((best, size) => (rpsOf(size, id) > rpsOf(best, id) ? size : best))}`);
  lines.push(
    '',
    `Fastest (mean of ${passes.length} pass(es), one ${b.options.measureSec} s window each after ${b.options.warmupSec} s warm-up): ${fastest.join(', ')} connections.`,
  );
  b.report.sections.push({ title: 'Pool sweep (knex pool size per server process)', markdown: lines.join('\n') });
}
