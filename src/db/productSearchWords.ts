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

function rowsOf(product: IndexedProduct): SearchWordRow[] {
  const row = (prefix: string, nameOnly: boolean): SearchWordRow => ({
    prefix,
    name_only: nameOnly,
    created_at: product.createdAt,
    product_id: product.id,
    price: product.priceCents,
  });
  const nameRows = [...wordPrefixesOf(product.name)].map((prefix) => row(prefix, true));
  const textRows = [...wordPrefixesOf(`${product.name} ${product.description}`)].map((prefix) => row(prefix, false));
  return [...textRows, ...nameRows];
}

/** Removes the products' rows: a delete or an archive. */
export async function unindexProducts(db: Db, productIds: readonly number[]): Promise<void> {
  if (productIds.length > 0) await db('product_search_words').whereIn('product_id', productIds).delete();
}

/**
 * Writes the products' rows afresh. Duplicates are ignored: on MySQL the column compares as the
 * products' collation does, so 'crème' and 'creme' are one prefix there, as they were to MATCH.
 */
export async function indexProducts(db: Db, products: readonly IndexedProduct[]): Promise<void> {
  await unindexProducts(
    db,
    products.map((product) => product.id),
  );
  await indexNewProducts(db, products);
}

/** Writes the rows of products that have none yet (just inserted): no delete to run first. */
export async function indexNewProducts(db: Db, products: readonly IndexedProduct[]): Promise<void> {
  await insertRows(db, products.flatMap(rowsOf));
}

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
  await indexProducts(db, rows.map(indexedFromRow));
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
