// S6's profile on the database side: where a search's time goes is in MariaDB, not in Node
// (the server's CPU profile of S6 samples 0.4 s in a minute). For each search term, the two
// statements Shopgraph runs (the page and the exact `total`) are executed with
// `ANALYZE FORMAT=JSON`, which reports the rows and pages each one actually read and its time.
import type { Knex } from 'knex';
import { countProducts, listProductsAtOffset } from '../src/db/products';
import { SEARCH_COUNT_CAP } from '../src/services/products';

export interface StatementProfile {
  /** Rows read from every table of the plan (r_rows × r_loops, summed). */
  rows: number;
  /** InnoDB pages accessed (r_engine_stats.pages_accessed, summed). */
  pages: number;
  /** Optimisation plus execution, median of `repeats` runs. */
  ms: number;
}

export interface TermProfile {
  term: string;
  products: number;
  matches: number;
  page: StatementProfile;
  count: StatementProfile;
}

interface Statement {
  sql: string;
  bindings: readonly Knex.Value[];
}

/** The statements `work` sends, as knex reports them. */
async function statementsOf(db: Knex, work: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const listener = (query: { sql: string; bindings?: Knex.Value[] }) => seen.push({ sql: query.sql, bindings: query.bindings ?? [] });
  db.on('query', listener);
  try {
    await work();
  } finally {
    db.off('query', listener);
  }
  return seen;
}

type Json = { [key: string]: unknown };

/** Sums what every `table` node of an ANALYZE plan read, however deeply it is nested. */
function tablesRead(node: unknown, sum = { rows: 0, pages: 0 }): { rows: number; pages: number } {
  if (Array.isArray(node)) {
    for (const child of node) tablesRead(child, sum);
  } else if (node && typeof node === 'object') {
    const table = (node as Json).table as Json | undefined;
    if (table && typeof table.r_rows === 'number') {
      sum.rows += table.r_rows * (typeof table.r_loops === 'number' ? table.r_loops : 1);
      const stats = table.r_engine_stats as Json | undefined;
      if (stats && typeof stats.pages_accessed === 'number') sum.pages += stats.pages_accessed;
    }
    for (const child of Object.values(node)) tablesRead(child, sum);
  }
  return sum;
}

async function analyze(db: Knex, statement: Statement, repeats: number): Promise<StatementProfile> {
  const runs: StatementProfile[] = [];
  for (let run = 0; run < repeats; run += 1) {
    const [rows] = (await db.raw(`ANALYZE FORMAT=JSON ${statement.sql}`, statement.bindings)) as [Array<Record<string, string>>];
    const plan = JSON.parse(Object.values(rows[0]!)[0]!) as Json;
    const optimisation = ((plan.query_optimization as Json | undefined)?.r_total_time_ms as number | undefined) ?? 0;
    const execution = ((plan.query_block as Json).r_total_time_ms as number | undefined) ?? 0;
    runs.push({ ...tablesRead(plan.query_block), ms: optimisation + execution });
  }
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)]!;
}

/** Profiles Shopgraph's two search statements for each term, on a quiet database. */
export async function profileSearches(db: Knex, terms: readonly string[], products: number, pageSize: number, repeats = 3): Promise<TermProfile[]> {
  const profiles: TermProfile[] = [];
  for (const term of terms) {
    const filter = { search: term };
    // The last statement is the page (or the count); before it, a term of several words probes each word's rarity.
    const page = (await statementsOf(db, () => listProductsAtOffset(db, filter, { offset: 0, limit: pageSize }))).at(-1);
    let matches = 0;
    const count = (
      await statementsOf(db, async () => {
        matches = await countProducts(db, filter, SEARCH_COUNT_CAP);
      })
    ).at(-1);
    if (!page || !count) throw new Error(`could not capture the search statements for "${term}"`);
    profiles.push({ term, products, matches, page: await analyze(db, page, repeats), count: await analyze(db, count, repeats) });
  }
  return profiles;
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => (value >= 100 ? int(value) : value.toFixed(value >= 10 ? 1 : 2));

/**
 * One row per term: at each catalog size, the matches, then rows read and time of the page and
 * the count statements; the last columns are the growth of the term's time and its share of
 * the database time of one pass over the terms at the larger size (S6 cycles through them).
 */
export function searchProfileMarkdown(small: readonly TermProfile[], large: readonly TermProfile[]): string {
  const smallSize = small[0]?.products ?? 0;
  const largeSize = large[0]?.products ?? 0;
  const total = (profile: TermProfile) => profile.page.ms + profile.count.ms;
  const largeTotal = large.reduce((sum, profile) => sum + total(profile), 0);
  const smallTotal = small.reduce((sum, profile) => sum + total(profile), 0);
  const at = (size: number) => int(size);
  const lines = [
    `| term | matches at ${at(smallSize)} | rows read (page + count) | ms (page + count) | matches at ${at(largeSize)} | rows read (page + count) | ms (page + count) | growth | share of the time at ${at(largeSize)} |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const before of small) {
    const after = large.find((profile) => profile.term === before.term);
    if (!after) continue;
    lines.push(
      `| ${before.term} | ${int(before.matches)} | ${int(before.page.rows)} + ${int(before.count.rows)} | ${ms(before.page.ms)} + ${ms(before.count.ms)} | ` +
        `${int(after.matches)} | ${int(after.page.rows)} + ${int(after.count.rows)} | ${ms(after.page.ms)} + ${ms(after.count.ms)} | ` +
        `${(total(after) / total(before)).toFixed(1)}× | ${((100 * total(after)) / largeTotal).toFixed(0)} % |`,
    );
  }
  lines.push(
    `| **all terms** | | | ${ms(smallTotal)} | | | ${ms(largeTotal)} | ${(largeTotal / smallTotal).toFixed(1)}× | 100 % |`,
    '',
    'Each statement run alone with `ANALYZE FORMAT=JSON` after the measured windows (median of 3 runs; ' +
      'rows read: `r_rows × r_loops` over the plan\'s tables, including the 20 rows the page reads back by primary key). ' +
      'Both statements read the index rows of the term\'s rarest word newest first (with a primary-key probe per other word and the product row for the substring rule): ' +
      'the page until it has its 20, the count until 1,001 matches or the word\'s last row.',
  );
  return lines.join('\n');
}
