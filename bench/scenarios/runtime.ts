// N24: which runtime to deploy on. S1 with Shopgraph and its anchor on Node 24 (the S1 target
// for Node 24); then Shopgraph on Node 24 against Shopgraph on this run's Node (20) on the same
// database, for S1 (REST), S2 (GraphQL) and order placing (S5's load on a product with stock
// to spare).
import type { LoadOptions } from '../load';
import { accountOf, check, interleave, rowFrom, window, type Bench } from '../measure';
import { node24 } from '../node24';
import type { Measured } from '../processes';
import { insertProductWithStock } from '../seed';
import { placingOrders } from './orders';
import { catalogCursors, catalogPages, catalogQueries, loadOf } from './reads';

export async function n24Runtime(b: Bench): Promise<void> {
  let runtime;
  try {
    runtime = node24();
  } catch (error) {
    b.report.notes.push(`N24: not run, Node 24 could not be had: ${(error as Error).message}`);
    return;
  }
  b.node24 = `${runtime.version} for the rows marked "Node 24" (${runtime.source})`;
  b.log(`  N24: ${runtime.version} at ${runtime.node}`);
  const [ours24, raw24] = await Promise.all([
    b.startShopgraph('Shopgraph on Node 24', {}, runtime.node),
    b.startRawAnchor('raw SQL anchor on Node 24', runtime.node),
  ]);
  try {
    const pages = catalogPages(b);
    const s1 = await interleave(
      b,
      'S1 Node 24',
      () => window(b, raw24, accountOf(b, 'anchor'), loadOf(b, raw24, pages), 'S1 Node 24 anchor'),
      () => window(b, ours24, accountOf(b, 'app'), loadOf(b, ours24, pages), 'S1 Node 24'),
    );
    const row = rowFrom('S1 (Node 24)', 'S1 with Shopgraph and the anchor on Node 24', 'node:http + mysql2, same SQL, on Node 24', 'req/s', s1);
    b.report.rows.push(row);
    check(b, 'S1', 'ratio ≥ 0.70 on Node 24', row.ratio!.median.toFixed(2), row.ratio!.median >= 0.7);

    const graphqlPages = catalogQueries(await catalogCursors(b, 50));
    const productId = await insertProductWithStock(b.database.db, 1_000_000_000, 'runtime comparison');
    const loads: [string, string, (target: Measured) => () => LoadOptions][] = [
      ['S1', 'S1 catalog pages', (target) => loadOf(b, target, pages)],
      ['S2', 'S2 GraphQL catalog', (target) => loadOf(b, target, graphqlPages)],
      ['S5', 'order placing (S5\'s load, stock to spare)', (target) => () => placingOrders(b, target, productId)],
    ];
    for (const [id, what, load] of loads) {
      const versus = await interleave(
        b,
        `${id} Node 24 ÷ ${process.version}`,
        () => window(b, b.ours, accountOf(b, 'app'), load(b.ours), `${id} on ${process.version}`),
        () => window(b, ours24, accountOf(b, 'app'), load(ours24), `${id} on Node 24`),
      );
      b.report.rows.push(rowFrom(`${id} (runtime)`, `${what}, Shopgraph on Node 24 (no target)`, `Shopgraph on ${process.version}`, id === 'S5' ? 'orders/s' : 'req/s', versus));
    }
  } finally {
    await Promise.all([ours24.stop(), raw24.stop()]);
  }
}
