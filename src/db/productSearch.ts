import type { Knex } from 'knex';
import { containsIgnoringCase } from './likePattern';
import type { Db } from './knex';
import { indexedWords } from '../searchTerms';

/**
 * Where a catalog listing reads its products: `query` has the products as `p` (and for a search
 * through the index, its rows as `w`); `columns` names what to sort and page by there, so a
 * search sorts by the index's own columns and the database stops after a page's rows.
 */
export interface ProductSource {
  query: Knex.QueryBuilder;
  columns: { created_at: string; price: string; name: string; id: string };
}

/**
 * Which of a search's matches a source reads: all of them; those the name alone matches (the
 * same rules applied to the name only: relevance's first tier); the others.
 */
export type SearchTier = 'all' | 'name' | 'descriptionOnly';

const PRODUCT_COLUMNS = { created_at: 'p.created_at', price: 'p.price', name: 'p.name', id: 'p.id' };
const INDEX_COLUMNS = { created_at: 'w.created_at', price: 'w.price', name: 'p.name', id: 'w.product_id' };
/** How many index rows of a word are counted when choosing the rarest: past this, a word is merely common. */
const RARITY_PROBE = 2000;

/** The catalog (archived products are never listed). */
export function catalogSource(db: Db): ProductSource {
  return { query: db('products as p').where('p.archived', false), columns: PRODUCT_COLUMNS };
}

/**
 * The products matching a catalog search, or one tier of them. The rules: the term appears in
 * the name or the description (a substring, case folded, `%` and `_` literal), and each word of
 * the term that is 3 to 84 letters, digits or `_` long begins a word there ('lamp' finds "Lamps"
 * and "desk lamp", not "Clamp").
 *
 * The second rule is what product_search_words answers: it holds every prefix of 3+ characters
 * of every word of each product. The lookup is driven by the term's rarest word (fewest index
 * rows), newest first or by price in the index's own order; each other word is one primary-key
 * probe for the same product, and the substring rule is checked on the product row. So a page
 * reads about `first` rows when matches are common, and never more than the rarest word's rows.
 * A term without such a word ('%', '77', '🍕') scans the products newest first (searchPlanOf in
 * src/searchTerms.ts: the cost model charges it as a scan).
 */
export async function searchSource(db: Db, term: string, tier: SearchTier): Promise<ProductSource> {
  const words = indexedWords(term);
  const contains = (column: 'name' | 'description') => containsIgnoringCase(db, `p.${column}`, term);
  const textMatches = (where: Knex.QueryBuilder): void => {
    where.whereRaw(...contains('name')).orWhereRaw(...contains('description'));
  };

  if (words.length === 0) {
    const { query } = catalogSource(db);
    if (tier === 'name') query.whereRaw(...contains('name'));
    else query.where(textMatches);
    if (tier === 'descriptionOnly') {
      query.whereNot((where) => {
        where.whereRaw(...contains('name'));
      });
    }
    return { query, columns: PRODUCT_COLUMNS };
  }

  const driver = await rarestWord(db, words);
  const nameOnly = tier === 'name';
  /** An index row of `word` for the product of the driving row `w`: a primary-key probe. */
  const hasWord = (word: string, inName: boolean) =>
    db('product_search_words as x')
      .select(db.raw('1'))
      .where('x.prefix', word)
      .andWhere('x.name_only', inName)
      .andWhereRaw('?? = ??', ['x.created_at', 'w.created_at'])
      .andWhereRaw('?? = ??', ['x.product_id', 'w.product_id']);

  const query = db('product_search_words as w')
    .join('products as p', 'p.id', 'w.product_id')
    .where('w.prefix', driver)
    .andWhere('w.name_only', nameOnly)
    .andWhere('p.archived', false);
  for (const word of words) if (word !== driver) query.whereExists(hasWord(word, nameOnly));
  if (tier === 'name') query.whereRaw(...contains('name'));
  else query.where(textMatches);
  if (tier === 'descriptionOnly') {
    query.whereNot((where) => {
      where.whereRaw(...contains('name'));
      for (const word of words) where.whereExists(hasWord(word, true));
    });
  }
  return { query, columns: INDEX_COLUMNS };
}

/** The word with the fewest index rows (each counted up to RARITY_PROBE): the lookup reads fewest rows from it. */
async function rarestWord(db: Db, words: string[]): Promise<string> {
  if (words.length === 1) return words[0]!;
  let rarest = words[0]!;
  let fewest = Infinity;
  for (const word of words) {
    const probe = db('product_search_words').select(db.raw('1')).where({ prefix: word, name_only: false }).limit(RARITY_PROBE);
    const row: { n?: unknown } | undefined = await db.count({ n: '*' }).from(probe.as('rows')).first();
    const rows = Number(row?.n ?? 0);
    if (rows < fewest) [rarest, fewest] = [word, rows];
    if (rows === 0) break; // nothing matches: any driver finds nothing at once
  }
  return rarest;
}
