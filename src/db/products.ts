import type { Product } from '../domain';
import { dialectOf, isForeignKeyViolation, toCount, toDate, type Db } from './knex';
import { whereMatchesSearch } from './productSearch';
import type { ProductRow } from './tables';

export interface ProductFilter {
  search?: string;
  category?: string;
  minPriceCents?: number;
  maxPriceCents?: number;
  inStock?: boolean;
}

export type ProductSortKey = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME_ASC';

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

/** Catalog listings never include archived products. */
function filteredProducts(db: Db, filter: ProductFilter) {
  const query = db('products').where('archived', false);
  if (filter.search) whereMatchesSearch(db, query, filter.search);
  if (filter.category !== undefined) query.where('category', filter.category);
  if (filter.minPriceCents !== undefined) query.where('price', '>=', filter.minPriceCents);
  if (filter.maxPriceCents !== undefined) query.where('price', '<=', filter.maxPriceCents);
  if (filter.inStock === true) query.where('stock', '>', 0);
  if (filter.inStock === false) query.where('stock', 0);
  return query;
}

/** Archived products included: orders keep showing what they hold. */
export async function findProductsByIds(db: Db, ids: readonly number[]): Promise<Product[]> {
  const rows: ProductRow[] = await db('products').whereIn('id', ids);
  return rows.map(productFromRow);
}

/** One page in sort order, starting after `after` (keyset pagination: stable when rows are added). */
export async function listProductsAfter(
  db: Db,
  filter: ProductFilter,
  sort: ProductSortKey,
  page: { after: ProductKeyset | null; limit: number },
): Promise<Product[]> {
  const { column, direction } = SORTS[sort];
  const query = filteredProducts(db, filter).orderBy([
    { column, order: direction },
    { column: 'id', order: direction },
  ]);
  if (page.after) {
    const { id } = page.after;
    const value = column === 'created_at' ? new Date(page.after.value) : page.after.value;
    const beyond = direction === 'asc' ? '>' : '<';
    // (column, id) beyond the cursor; the first condition alone is a range of the sort index.
    query.where(column, `${beyond}=`, value).andWhere((where) => {
      where.where(column, beyond, value).orWhere('id', beyond, id);
    });
  }
  const rows: ProductRow[] = await query.limit(page.limit);
  return rows.map(productFromRow);
}

/**
 * One page by offset, newest first: the legacy REST API's `page`/`limit`. The page's ids are
 * found first, from the sort index alone (it holds `archived`), and only those rows are read:
 * otherwise the database reads every row it skips, or sorts the whole catalog.
 */
export async function listProductsAtOffset(
  db: Db,
  filter: ProductFilter,
  page: { offset: number; limit: number },
): Promise<Product[]> {
  const newestFirst = [
    { column: 'products.created_at', order: 'desc' },
    { column: 'products.id', order: 'desc' },
  ];
  const pageIds = filteredProducts(db, filter)
    .select('products.id')
    .orderBy(newestFirst)
    .offset(page.offset)
    .limit(page.limit);
  const rows: ProductRow[] = await db('products')
    .join(pageIds.as('page'), 'page.id', 'products.id')
    .select('products.*')
    .orderBy(newestFirst);
  return rows.map(productFromRow);
}

export async function countProducts(db: Db, filter: ProductFilter): Promise<number> {
  return toCount(await filteredProducts(db, filter).count({ n: '*' }).first());
}

export async function listCategories(db: Db): Promise<string[]> {
  const rows: { category: string }[] = await db('products')
    .where('archived', false)
    .distinct('category')
    .orderBy('category');
  return rows.map((row) => row.category);
}

export async function insertProduct(db: Db, fields: ProductFields): Promise<Product> {
  const now = new Date();
  const [id] = await db('products').insert({ ...columnsFrom(fields), created_at: now, updated_at: now });
  return { id: Number(id), ...fields, archived: false, createdAt: now, updatedAt: now };
}

/** Returns the updated product, or null when there is no such product or it is archived. */
export async function updateProduct(db: Db, id: number, fields: Partial<ProductFields>): Promise<Product | null> {
  const changed = await db('products')
    .where({ id, archived: false })
    .update({ ...columnsFrom(fields), updated_at: new Date() });
  if (changed === 0) return null;
  const [product] = await findProductsByIds(db, [id]);
  return product ?? null;
}

/**
 * Deletes a product, or archives it when orders reference it (the foreign key refuses the
 * delete, which also covers an order placed a moment ago). False when there is no such
 * product or it is archived already.
 */
export async function deleteOrArchiveProduct(db: Db, id: number): Promise<'deleted' | 'archived' | false> {
  try {
    return (await db('products').where({ id, archived: false }).delete()) > 0 ? 'deleted' : false;
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    const archived = await db('products')
      .where({ id, archived: false })
      .update({ archived: true, updated_at: new Date() });
    return archived > 0 ? 'archived' : false;
  }
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

export async function returnStock(db: Db, productId: number, quantity: number): Promise<void> {
  await db('products')
    .where({ id: productId })
    .update({ stock: db.raw('stock + ?', [quantity]), updated_at: new Date() });
}
