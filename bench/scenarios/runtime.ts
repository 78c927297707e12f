// N24: the S1 load on Node 24 — Shopgraph on Node 24 against the raw SQL anchor on Node 24 (the
// S1 target for Node 24), and Shopgraph on Node 24 against Shopgraph on Node 20 (which runtime
// to deploy on), both on the same database and in the same run as every other row.
import { accountOf, check, interleave, rowFrom, window, type Bench } from '../measure';
import { node24 } from '../node24';
import { catalogPages, loadOf } from './reads';

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
  const [ours, raw] = await Promise.all([b.startShopgraph('Shopgraph on Node 24', {}, runtime.node), b.startRawAnchor('raw SQL anchor on Node 24', runtime.node)]);
  try {
    const pages = catalogPages(b);
    const s1 = await interleave(
      b,
      'S1 Node 24',
      () => window(b, raw, accountOf(b, 'anchor'), loadOf(b, raw, pages), 'S1 Node 24 anchor'),
      () => window(b, ours, accountOf(b, 'app'), loadOf(b, ours, pages), 'S1 Node 24'),
    );
    const row = rowFrom('S1 (Node 24)', 'S1 with Shopgraph and the anchor on Node 24', 'node:http + mysql2, same SQL, Node 24', 'req/s', s1);
    b.report.rows.push(row);
    check(b, 'S1', 'ratio ≥ 0.70 on Node 24', row.ratio!.median.toFixed(2), row.ratio!.median >= 0.7);

    const versus = await interleave(
      b,
      'Node 24 ÷ Node 20',
      () => window(b, b.ours, accountOf(b, 'app'), loadOf(b, b.ours, pages), 'S1 Node 20'),
      () => window(b, ours, accountOf(b, 'app'), loadOf(b, ours, pages), 'S1 Node 24'),
    );
    b.report.rows.push(rowFrom('S1 (runtime)', 'S1, Shopgraph on Node 24 (no target)', `Shopgraph on ${process.version}`, 'req/s', versus));
  } finally {
    await Promise.all([ours.stop(), raw.stop()]);
  }
}
