import type { Knex } from 'knex';
import type { Product, ProductSort } from '../domain';
import { dialectOf, isForeignKeyViolation, toCount, toDate, type Db } from './knex';
import { catalogSource, plainWordMatches, searchSource, type IndexOrder, type ProductSource, type SearchTier } from './productSearch';
import { indexNewProducts, reindexEditedProduct, reindexProducts, unindexProducts, type IndexedProduct } from './productSearchWords';
import type { ProductRow } from './tables';
import { transactionWithRetry } from './transactions';

export interface ProductFilter {
  search?: string;
  category?: string;
  minPriceCents?: number;
  maxPriceCents?: number;
  inStock?: boolean;
}

/** The orders of one column (RELEVANCE is two tiers of NEWEST: listProductsByRelevanceAfter). */
export type ProductSortKey = Exclude<ProductSort, 'RELEVANCE'>;

/** Where a page starts in a sort order: the sort column's value and the id (the tie-breaker). */
export interface ProductKeyset {
  value: number | string;
  id: number;
}

const SORTS: Record<ProductSortKey, { column: 'created_at' | 'price' | 'name'; direction: 'asc' | 'desc' }> = {
  NEWEST: { column: 'created_at', direction: 'desc' },
  PRICE_ASC: { column: 'price', direction: 'asc' },
  PRICE_DESC: { column: 'price', direction: 'desc' },
  NAME_ASC: { column: 'name', direction: 'asc' },
};

export interface ProductFields {
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  category: string;
}

export function productFromRow(row: ProductRow): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    priceCents: Number(row.price),
    stock: Number(row.stock),
    category: row.category,
    archived: Boolean(row.archived),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function columnsFrom(fields: Partial<ProductFields>): Partial<ProductRow> {
  const columns: Partial<ProductRow> = {};
  if (fields.name !== undefined) columns.name = fields.name;
  if (fields.description !== undefined) columns.description = fields.description;
  if (fields.priceCents !== undefined) columns.price = fields.priceCents;
  if (fields.stock !== undefined) columns.stock = fields.stock;
  if (fields.category !== undefined) columns.category = fields.category;
  return columns;
}

/** The order a search reads its index in for each sort (a sort by name reads every match). */
const INDEX_ORDER: Record<ProductSortKey, IndexOrder> = { NEWEST: 'newest', PRICE_ASC: 'price', PRICE_DESC: 'price', NAME_ASC: 'any' };

/** The value a product has in the column a sort orders by, as stored in a cursor. */
export function sortValueOf(product: Product, sort: ProductSortKey): number | string {
  switch (SORTS[sort].column) {
    case 'created_at':
      return product.createdAt.getTime();
    case 'price':
      return product.priceCents;
    case 'name':
      return product.name;
  }
}

/** Relevance's tiers, in order: the name alone matches the search, then the rest. */
export const RELEVANCE_TIERS = ['name', 'descriptionOnly'] as const satisfies readonly SearchTier[];
export type RelevanceTier = (typeof RELEVANCE_TIERS)[number];

/** Where a listing reads: the catalog, or the search's matches (one tier of them). */
async function sourceFor(db: Db, filter: ProductFilter, tier: SearchTier = 'all', order: IndexOrder = 'any'): Promise<ProductSource> {
  const source = filter.search ? await searchSource(db, filter.search, tier, order) : catalogSource(db);
  const { query, columns } = source;
  if (filter.category !== undefined) query.where('p.category', filter.category);
  if (filter.minPriceCents !== undefined) query.where(columns.price, '>=', filter.minPriceCents);
  if (filter.maxPriceCents !== undefined) query.where(columns.price, '<=', filter.maxPriceCents);
  if (filter.inStock === true) query.where('p.stock', '>', 0);
  if (filter.inStock === false) query.where('p.stock', 0);
  return source;
}

/** Archived products included: orders keep showing what they hold. */
export async function findProductsByIds(db: Db, ids: readonly number[]): Promise<Product[]> {
  const rows: ProductRow[] = await db('products').whereIn('id', ids);
  return rows.map(productFromRow);
}

/** The source's rows in sort order after `after` (keyset pagination: stable when rows are added). */
function pageOf(source: ProductSource, sort: ProductSortKey, after: ProductKeyset | null, limit: number) {
  const { direction } = SORTS[sort];
  const column = source.columns[SORTS[sort].column];
  const id = source.columns.id;
  const query = source.query.select('p.*').orderBy([
    { column, order: direction },
    { column: id, order: direction },
  ]);
  if (after) {
    const value = SORTS[sort].column === 'created_at' ? new Date(after.value) : after.value;
    const beyond = direction === 'asc' ? '>' : '<';
    // (column, id) beyond the cursor; the first condition alone is a range of the sort index.
    query.where(column, `${beyond}=`, value).andWhere((where) => {
      where.where(column, beyond, value).orWhere(id, beyond, after.id);
    });
  }
  return query.limit(limit);
}

/** One page in sort order, starting after `after`. */
export async function listProductsAfter(
  db: Db,
  filter: ProductFilter,
  sort: ProductSortKey,
  page: { after: ProductKeyset | null; limit: number },
): Promise<Product[]> {
  const rows: ProductRow[] = await pageOf(await sourceFor(db, filter, 'all', INDEX_ORDER[sort]), sort, page.after, page.limit);
  return rows.map(productFromRow);
}

/**
 * One page of a search by relevance: the products the name alone matches, newest first, then the
 * others, newest first; `after` is the last row's tier and its newest-first keyset.
 */
export async function listProductsByRelevanceAfter(
  db: Db,
  filter: ProductFilter,
  page: { after: { tier: RelevanceTier; keyset: ProductKeyset } | null; limit: number },
): Promise<{ product: Product; tier: RelevanceTier }[]> {
  const found: { product: Product; tier: RelevanceTier }[] = [];
  const start = page.after ? RELEVANCE_TIERS.indexOf(page.after.tier) : 0;
  for (const tier of RELEVANCE_TIERS.slice(start)) {
    if (found.length >= page.limit) break;
    const after = page.after?.tier === tier ? page.after.keyset : null;
    const rows: ProductRow[] = await pageOf(await sourceFor(db, filter, tier, 'newest'), 'NEWEST', after, page.limit - found.length);
    found.push(...rows.map((row) => ({ product: productFromRow(row), tier })));
  }
  return found;
}

/**
 * One page by offset: the legacy REST API's `page`/`limit`, newest first or by relevance. The
 * page's ids are found first, from an index alone where one serves (the sort index holds
 * `archived`; a search reads the word index), and only those rows are read: otherwise the
 * database reads every row it skips, or sorts the whole catalog.
 */
export async function listProductsAtOffset(
  db: Db,
  filter: ProductFilter,
  page: { offset: number; limit: number },
  order: 'NEWEST' | 'RELEVANCE' = 'NEWEST',
): Promise<Product[]> {
  /** Ids newest first: from the sort index, or the word index for a search (wrapped: awaiting a builder runs it). */
  const newestIds = async (tier: SearchTier, offset: number, limit: number) => {
    const { query, columns } = await sourceFor(db, filter, tier, 'newest');
    const newestFirst = [
      { column: columns.created_at, order: 'desc' },
      { column: columns.id, order: 'desc' },
    ];
    return { ids: query.select({ id: columns.id }).orderBy(newestFirst).offset(offset).limit(limit) };
  };
  const idsAt = async (tier: SearchTier, offset: number, limit: number): Promise<number[]> =>
    ((await (await newestIds(tier, offset, limit)).ids) as { id: number }[]).map((row) => Number(row.id));
  if (order === 'NEWEST' || !filter.search) {
    // One statement: the page's ids in a derived table, then only their rows.
    const { ids: pageIds } = await newestIds('all', page.offset, page.limit);
    const rows: ProductRow[] = await db('products')
      .join(pageIds.as('page'), 'page.id', 'products.id')
      .select('products.*')
      .orderBy([
        { column: 'products.created_at', order: 'desc' },
        { column: 'products.id', order: 'desc' },
      ]);
    return rows.map(productFromRow);
  }
  // By relevance: the name tier's ids up to the page's end; the other tier fills what it leaves.
  const named = await idsAt('name', 0, page.offset + page.limit);
  const ids = named.slice(page.offset);
  if (named.length < page.offset + page.limit) {
    ids.push(...(await idsAt('descriptionOnly', Math.max(0, page.offset - named.length), page.limit - ids.length)));
  }
  const byId = new Map((await findProductsByIds(db, ids)).map((product) => [product.id, product]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The number of products matching `filter`, counting at most `searchCap` + 1 of a search's matches
 * (a count of every match reads every matching row; the catalog's own counts are index-only, and
 * so are those of a search for one plain word with no other filter: plainWordMatches).
 */
export async function countProducts(db: Db, filter: ProductFilter, searchCap?: number): Promise<number> {
  const { search, ...others } = filter;
  const onlySearch = Object.values(others).every((value) => value === undefined);
  const query = (search && onlySearch ? plainWordMatches(db, search) : null) ?? (await sourceFor(db, filter)).query;
  if (!search || searchCap === undefined) return toCount(await query.count({ n: '*' }).first());
  const matches = query.select(db.raw('1')).limit(searchCap + 1);
  return toCount(await db.count({ n: '*' }).from(matches.as('matches')).first());
}

export async function listCategories(db: Db): Promise<string[]> {
  const rows: { category: string }[] = await db('products')
    .where('archived', false)
    .distinct('category')
    .orderBy('category');
  return rows.map((row) => row.category);
}

/**
 * Runs `work` in the caller's transaction, or in one of its own (run again after a deadlock or a
 * Galera conflict): a product and its index rows change together.
 */
function together<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return (db as Knex.Transaction).isTransaction ? work(db) : transactionWithRetry(db as Knex, work);
}

const indexed = (product: Product): IndexedProduct => product;

export async function insertProduct(db: Db, fields: ProductFields): Promise<Product> {
  return together(db, async (trx) => {
    const now = new Date();
    const [id] = await trx('products').insert({ ...columnsFrom(fields), created_at: now, updated_at: now });
    const product = { id: Number(id), ...fields, archived: false, createdAt: now, updatedAt: now };
    await indexNewProducts(trx, [indexed(product)]);
    return product;
  });
}

/** Returns the updated product, or null when there is no such product or it is archived. */
export async function updateProduct(db: Db, id: number, fields: Partial<ProductFields>): Promise<Product | null> {
  return together(db, async (trx) => {
    // Locked until the commit: a concurrent edit waits here, so each edit's index rows start from the text the other left.
    const row = await findRowForUpdate(trx, id);
    if (!row || row.archived) return null;
    const changes = { ...columnsFrom(fields), updated_at: new Date() };
    await trx('products').where({ id }).update(changes);
    const product = productFromRow({ ...row, ...changes });
    await reindexEditedProduct(trx, indexed(productFromRow(row)), indexed(product));
    return product;
  });
}

/**
 * Deletes a product, or archives it when orders reference it (the foreign key refuses the
 * delete, which also covers an order placed a moment ago). False when there is no such
 * product or it is archived already. Either way its search rows go with it.
 */
export async function deleteOrArchiveProduct(db: Db, id: number): Promise<'deleted' | 'archived' | false> {
  return together(db, async (trx) => {
    await unindexProducts(trx, [id]);
    try {
      // A savepoint: on SQLite and MySQL alike the refused delete then leaves the transaction usable.
      return await trx.transaction(async (attempt) =>
        (await attempt('products').where({ id, archived: false }).delete()) > 0 ? 'deleted' : false,
      );
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      const archived = await trx('products')
        .where({ id, archived: false })
        .update({ archived: true, updated_at: new Date() });
      return archived > 0 ? 'archived' : false;
    }
  });
}

/** Brings an archived product back into the catalog, with its search rows; null when it is not archived. */
export async function restoreArchivedProduct(db: Db, id: number): Promise<Product | null> {
  return together(db, async (trx) => {
    const restored = await trx('products').where({ id, archived: true }).update({ archived: false, updated_at: new Date() });
    if (restored === 0) return null;
    await reindexProducts(trx, [id]);
    const [product] = await findProductsByIds(trx, [id]);
    return product ?? null;
  });
}

/**
 * Takes `quantity` units if that many are in stock, the product is not archived and its price
 * is still `priceCents` (what the order copies); the conditions and the decrement are one
 * statement, so concurrent buyers cannot oversell and no order keeps a price changed meanwhile.
 */
export async function takeStock(db: Db, productId: number, quantity: number, priceCents: number): Promise<boolean> {
  if (!(Number.isInteger(quantity) && quantity >= 1)) throw new Error(`invalid quantity ${quantity}`);
  // By primary key, named: with the price in the condition MariaDB may pick the index that starts
  // with the price, which locks its entry before the row, the other way round from a price
  // edit (row, then index), and the two deadlock.
  const products = dialectOf(db) === 'mysql' ? db.raw('?? FORCE INDEX (PRIMARY)', ['products']) : 'products';
  const changed = await db(products)
    .where({ id: productId, archived: false, price: priceCents })
    .andWhere('stock', '>=', quantity)
    .update({ stock: db.raw('stock - ?', [quantity]), updated_at: new Date() });
  return changed > 0;
}

/**
 * The product as last committed, whatever the transaction read before (a locking read on
 * MySQL; on SQLite a writing transaction always sees the latest commit).
 */
export async function findCurrentProduct(db: Db, id: number): Promise<Product | null> {
  const row: ProductRow | undefined = await db('products').where({ id }).forShare().first();
  return row ? productFromRow(row) : null;
}

/** The product's row, locked for this transaction's update (MySQL; on SQLite a writing transaction holds the database). */
function findRowForUpdate(db: Db, id: number): Promise<ProductRow | undefined> {
  return db('products').where({ id }).forUpdate().first();
}

export async function returnStock(db: Db, productId: number, quantity: number): Promise<void> {
  await db('products')
    .where({ id: productId })
    .update({ stock: db.raw('stock + ?', [quantity]), updated_at: new Date() });
}
