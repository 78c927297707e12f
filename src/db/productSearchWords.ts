// Writes the word-prefix index of catalog search (product_search_words; read by productSearch.ts).
// Every product write calls these in its own transaction, so a search never sees a stale index;
// archived products have no rows (listings never show them), a restore writes them again.
import type { Knex } from 'knex';
import { wordPrefixesOf } from '../searchTerms';
import type { Db } from './knex';
import type { ProductRow } from './tables';

/** What the index needs of a product. */
export interface IndexedProduct {
  id: number;
  name: string;
  description: string;
  priceCents: number;
  createdAt: Date | number | string;
}

/** Rows per INSERT: a product has about 40; MySQL's placeholders and SQLite's variables stay far below their limits. */
const ROWS_PER_INSERT = 500;
/** Products per backfill transaction. */
export const BACKFILL_BATCH = 500;

interface SearchWordRow {
  prefix: string;
  name_only: boolean;
  created_at: Date | number | string;
  product_id: number;
  price: number;
}

/** The prefixes a product's rows hold: of its name and description (`text`), and of its name alone (`name`, relevance). */
function prefixesOf(product: IndexedProduct): { text: Set<string>; name: Set<string> } {
  return { text: wordPrefixesOf(`${product.name} ${product.description}`), name: wordPrefixesOf(product.name) };
}

function rowsOf(product: IndexedProduct, prefixes = prefixesOf(product)): SearchWordRow[] {
  const row = (prefix: string, nameOnly: boolean): SearchWordRow => ({
    prefix,
    name_only: nameOnly,
    created_at: product.createdAt,
    product_id: product.id,
    price: product.priceCents,
  });
  return [...[...prefixes.text].map((prefix) => row(prefix, false)), ...[...prefixes.name].map((prefix) => row(prefix, true))];
}

/** Removes the products' rows: a delete or an archive. */
export async function unindexProducts(db: Db, productIds: readonly number[]): Promise<void> {
  if (productIds.length > 0) await db('product_search_words').whereIn('product_id', productIds).delete();
}

/**
 * Brings a product's rows from its state `before` an edit to its state `after`: deletes the rows
 * of prefixes it lost, inserts those of prefixes it gained and, after a new price, rewrites the
 * price of the rest. Renaming "Oak Desk" to "Oak Desk Deluxe" writes the rows of "deluxe", not
 * the product's ~40; an edit that changes no word writes none.
 *
 * On MySQL the column compares as the products' collation does ('crème' = 'creme', one row for
 * both): the delete keeps every row equal to a prefix the product still has, by that comparison,
 * and a gained prefix equal to a kept row is ignored, so the rows always match the text.
 */
export async function reindexEditedProduct(db: Db, before: IndexedProduct, after: IndexedProduct): Promise<void> {
  const [had, has] = [prefixesOf(before), prefixesOf(after)];
  const lost = (kind: 'text' | 'name') => [...had[kind]].some((prefix) => !has[kind].has(prefix));
  if (lost('text') || lost('name')) {
    await db('product_search_words')
      .where('product_id', after.id)
      .andWhere((rows) => {
        rows
          .where((text) => {
            text.where('name_only', false).whereNotIn('prefix', [...has.text]);
          })
          .orWhere((name) => {
            name.where('name_only', true).whereNotIn('prefix', [...has.name]);
          });
      })
      .delete();
  }
  if (after.priceCents !== before.priceCents) await repriceIndexedProduct(db, after.id, after.priceCents);
  const gained = (kind: 'text' | 'name') => new Set([...has[kind]].filter((prefix) => !had[kind].has(prefix)));
  await insertRows(db, rowsOf(after, { text: gained('text'), name: gained('name') }));
}

/** Writes the rows of products that have none yet (just inserted): no delete to run first. */
export async function indexNewProducts(db: Db, products: readonly IndexedProduct[]): Promise<void> {
  await insertRows(db, products.flatMap((product) => rowsOf(product)));
}

/**
 * Inserts rows, ignoring duplicates: on MySQL the column compares as the products' collation
 * does, so 'crème' and 'creme' are one prefix there, as they were to MATCH.
 */
async function insertRows(db: Db, rows: readonly SearchWordRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db('product_search_words')
      .insert(rows.slice(start, start + ROWS_PER_INSERT))
      .onConflict()
      .ignore();
  }
}

/** A price change rewrites only the column the price sorts read. */
export async function repriceIndexedProduct(db: Db, productId: number, priceCents: number): Promise<void> {
  await db('product_search_words').where('product_id', productId).update({ price: priceCents });
}

function indexedFromRow(row: ProductRow): IndexedProduct {
  return { id: row.id, name: row.name, description: row.description, priceCents: Number(row.price), createdAt: row.created_at };
}

/** Indexes these products as stored now (archived ones are left out): bulk loads and tests that insert rows themselves. */
export async function reindexProducts(db: Db, productIds: readonly number[]): Promise<void> {
  const rows: ProductRow[] = await db('products').whereIn('id', productIds).andWhere('archived', false);
  await unindexProducts(db, productIds);
  await indexNewProducts(db, rows.map(indexedFromRow));
}

/**
 * Indexes every product after the last one indexed already, `batch` products per transaction, so
 * the products table is never held for long and an interrupted run resumes where it stopped.
 * Returns the number of products indexed.
 */
export async function backfillSearchWords(db: Knex, batch = BACKFILL_BATCH): Promise<number> {
  const last: { id?: unknown } | undefined = await db('product_search_words').max({ id: 'product_id' }).first();
  // Each batch commits whole, in id order: everything up to the highest id indexed is done.
  let after = Number(last?.id ?? 0);
  let indexed = 0;
  for (;;) {
    const ids: number[] = (
      await db('products').where('id', '>', after).andWhere('archived', false).orderBy('id').limit(batch).select('id')
    ).map((row: { id: number }) => Number(row.id));
    if (ids.length === 0) return indexed;
    await db.transaction((trx) => reindexProducts(trx, ids));
    indexed += ids.length;
    after = ids.at(-1)!;
  }
}

/**
 * Adds to an index written before a new kind of prefix (those `added` accepts) the rows of that
 * kind, `batch` products per transaction, in id order. Each transaction also records the last
 * product it did under `step` in search_index_backfills, so an interrupted run resumes there;
 * products written meanwhile are indexed whole by their own transactions (duplicates are ignored).
 * Returns the number of products read.
 */
export async function backfillSearchWordPrefixes(db: Knex, step: string, added: (prefix: string) => boolean, batch = BACKFILL_BATCH): Promise<number> {
  const progress: { after?: unknown } | undefined = await db('search_index_backfills').where({ step }).first({ after: 'after_product_id' });
  let after = Number(progress?.after ?? 0);
  let read = 0;
  for (;;) {
    const rows: ProductRow[] = await db('products').where('id', '>', after).andWhere('archived', false).orderBy('id').limit(batch);
    if (rows.length === 0) return read;
    after = rows.at(-1)!.id;
    await db.transaction(async (trx) => {
      await insertRows(
        trx,
        rows.flatMap((row) => rowsOf(indexedFromRow(row))).filter((row) => added(row.prefix)),
      );
      await trx('search_index_backfills').insert({ step, after_product_id: after }).onConflict('step').merge();
    });
    read += rows.length;
  }
}
