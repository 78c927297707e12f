// Captures the SQL that the REST product listing runs (src/db/products.ts), with markers in
// place of the per-request values, for the raw anchor to run verbatim.
import type { Knex } from 'knex';
import { countProducts, listProductsAtOffset, type ProductFilter } from '../src/db/products';
import { fullTextQuery } from '../src/db/searchWords';
import type { Binding, SqlTemplate, SqlTemplates } from './anchors/sqlTemplates';

const MARK = { limit: 8887, offset: 7771, search: 'benchsearchmarker' } as const;

function templateOf(query: { sql: string; bindings?: readonly unknown[] }): SqlTemplate {
  const bindings = (query.bindings ?? []).map((value): Binding => {
    if (value === MARK.limit) return { param: 'limit' };
    if (value === MARK.offset) return { param: 'offset' };
    if (value === `%${MARK.search}%`) return { param: 'pattern' };
    if (value === fullTextQuery([MARK.search])) return { param: 'fullText' };
    return value as Binding;
  });
  return { sql: query.sql, bindings };
}

async function capture(db: Knex, work: () => Promise<unknown>): Promise<SqlTemplate[]> {
  const captured: SqlTemplate[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) => captured.push(templateOf(query));
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

/**
 * The search statements Shopgraph ran before the word index (issue 18), kept as the anchor's: the
 * FULLTEXT index finds the candidates, LIKE checks the substring rule, the page newest first by
 * offset and an exact COUNT of every match. S6 shows what the index bought against them.
 */
function fullTextSearchSql(db: Knex): [SqlTemplate, SqlTemplate] {
  const matches = () =>
    db('products')
      .where('archived', false)
      .whereRaw('MATCH (??, ??) AGAINST (? IN BOOLEAN MODE)', ['name', 'description', fullTextQuery([MARK.search])])
      .where((where) => {
        where.whereRaw(`?? LIKE ? ESCAPE '!'`, ['name', `%${MARK.search}%`]);
        where.orWhereRaw(`?? LIKE ? ESCAPE '!'`, ['description', `%${MARK.search}%`]);
      });
  const newestFirst = [
    { column: 'products.created_at', order: 'desc' },
    { column: 'products.id', order: 'desc' },
  ];
  const pageIds = matches().select('products.id').orderBy(newestFirst).offset(MARK.offset).limit(MARK.limit);
  const list = db('products').join(pageIds.as('page'), 'page.id', 'products.id').select('products.*').orderBy(newestFirst);
  return [templateOf(list.toSQL()), templateOf(matches().count({ n: '*' }).toSQL())];
}

export async function captureProductSql(db: Knex): Promise<SqlTemplates> {
  const [list, count] = await listAndCount(db, {});
  const [searchList, searchCount] = fullTextSearchSql(db);
  return { list, count, searchList, searchCount };
}
