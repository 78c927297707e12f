// Captures the SQL that the REST product listing runs (src/db/products.ts), with markers in
// place of the per-request values, for the raw anchor to run verbatim.
import type { Knex } from 'knex';
import { countProducts, listProductsAtOffset, type ProductFilter } from '../src/db/products';
import { fullTextQuery } from '../src/db/searchWords';
import type { Binding, SqlTemplate, SqlTemplates } from './anchors/sqlTemplates';

const MARK = { limit: 8887, offset: 7771, search: 'benchsearchmarker' } as const;

async function capture(db: Knex, work: () => Promise<unknown>): Promise<SqlTemplate[]> {
  const captured: SqlTemplate[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    const bindings = (query.bindings ?? []).map((value): Binding => {
      if (value === MARK.limit) return { param: 'limit' };
      if (value === MARK.offset) return { param: 'offset' };
      if (value === `%${MARK.search}%`) return { param: 'pattern' };
      if (value === fullTextQuery([MARK.search])) return { param: 'fullText' };
      return value as Binding;
    });
    captured.push({ sql: query.sql, bindings });
  };
  db.on('query', listener);
  try {
    await work();
  } finally {
    db.off('query', listener);
  }
  return captured;
}

async function listAndCount(db: Knex, filter: ProductFilter): Promise<[SqlTemplate, SqlTemplate]> {
  const [list] = await capture(db, () => listProductsAtOffset(db, filter, { offset: MARK.offset, limit: MARK.limit }));
  const [count] = await capture(db, () => countProducts(db, filter));
  if (!list || !count) throw new Error('could not capture the product listing SQL');
  return [list, count];
}

export async function captureProductSql(db: Knex): Promise<SqlTemplates> {
  const [list, count] = await listAndCount(db, {});
  const [searchList, searchCount] = await listAndCount(db, { search: MARK.search });
  return { list, count, searchList, searchCount };
}
