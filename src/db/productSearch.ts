import type { Knex } from 'knex';
import { containsIgnoringCase } from './likePattern';
import { dialectOf, type Db } from './knex';
import { indexedWords, plainWordOf } from '../searchTerms';

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
/**
 * How many index rows of a word are counted first when choosing the rarest. Large enough that the
 * two-digit words of a 100,000-product catalog stay below it (`77`: 2,211 rows, against `model`:
 * 100,000); words tied at it are counted again, twice as far (probeRarity). The probe reads the
 * index alone, once per term every RARITY_TTL_MS.
 */
const RARITY_PROBE = 20_000;

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
export async function searchSource(db: Db, term: string, tier: SearchTier, order: IndexOrder = 'any'): Promise<ProductSource> {
  const words = indexedWords(term);
  const contains = (column: 'name' | 'description') => containsIgnoringCase(db, `p.${column}`, term);
  const textMatches = appearsInText(db, term);

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
  /**
   * Whether `word` has an index row for the product of the driving row `w`: a primary-key probe,
   * written as a scalar subquery (never NULL, so it negates safely) because MariaDB turns an
   * EXISTS into a semi-join and may then drive the lookup from the other word's rows, sorting
   * them all (the rarest word is chosen to drive).
   */
  const hasWord = (word: string, inName: boolean): [string, Knex.RawBinding[]] => {
    const probe = db('product_search_words as x')
      .count({ n: '*' })
      .where('x.prefix', word)
      .andWhere('x.name_only', inName)
      .andWhereRaw('?? = ??', ['x.created_at', 'w.created_at'])
      .andWhereRaw('?? = ??', ['x.product_id', 'w.product_id']);
    return ['(?) > 0', [probe]];
  };

  const query = driving(db, order)
    .join('products as p', 'p.id', 'w.product_id')
    .where('w.prefix', driver)
    .andWhere('w.name_only', nameOnly)
    .andWhere('p.archived', false);
  for (const word of words) if (word !== driver) query.whereRaw(...hasWord(word, nameOnly));
  if (tier === 'name') query.whereRaw(...contains('name'));
  else query.where(textMatches);
  if (tier === 'descriptionOnly') {
    query.whereNot((where) => {
      where.whereRaw(...contains('name'));
      for (const word of words) where.whereRaw(...hasWord(word, true));
    });
  }
  return { query, columns: INDEX_COLUMNS };
}

/** The substring rule on the product `p`: the term appears in its name or its description. */
function appearsInText(db: Db, term: string): (where: Knex.QueryBuilder) => void {
  return (where) => {
    where.whereRaw(...containsIgnoringCase(db, 'p.name', term)).orWhereRaw(...containsIgnoringCase(db, 'p.description', term));
  };
}

/**
 * The index rows that count a search for one plain word (plainWordOf in src/searchTerms.ts), or
 * null for any other term. For such a term the substring rule follows from the word rule wherever the index row's
 * prefix is the word byte for byte (the text holds those characters, in some case), so those rows
 * are counted from the index alone — a capped count of `lamp` reads 1,001 index entries, not
 * 1,001 products too. On MySQL the prefix column's collation also equates a word with others that
 * LIKE does not ('strasse' = 'straße', 'aesop' = 'æsop'): those rows are checked on the product.
 * Archived products have no index rows.
 */
export function plainWordMatches(db: Db, term: string): Knex.QueryBuilder | null {
  const word = plainWordOf(term);
  if (word === null) return null;
  const query = db('product_search_words as w').where('w.prefix', word).andWhere('w.name_only', false);
  if (dialectOf(db) === 'mysql') {
    const substringOnProduct = db('products as p')
      .count({ n: '*' })
      .whereRaw('?? = ??', ['p.id', 'w.product_id'])
      .andWhere(appearsInText(db, term));
    query.andWhere((where) => {
      where.whereRaw('?? COLLATE utf8mb4_bin = ?', ['w.prefix', word]).orWhereRaw('(?) > 0', [substringOnProduct]);
    });
  }
  return query;
}

/**
 * The order a listing reads the index in: newest first (its primary key), by price (its second
 * index), or any (a count, or a sort by name, which reads every match anyway).
 */
export type IndexOrder = 'newest' | 'price' | 'any';
const INDEX_FOR: Record<Exclude<IndexOrder, 'any'>, string> = { newest: 'PRIMARY', price: 'product_search_words_price_idx' };

/**
 * The index's rows as `w`. On MySQL the index that is already in the listing's order is forced:
 * left alone, MariaDB reads a common word's rows by the other (narrower) index and sorts them all
 * (4,000 rows at 100,000 products for `lamp`) instead of stopping after the page's.
 */
function driving(db: Db, order: IndexOrder): Knex.QueryBuilder {
  if (order === 'any' || dialectOf(db) !== 'mysql') return db('product_search_words as w');
  return db.from(db.raw('?? AS ?? FORCE INDEX (??)', ['product_search_words', 'w', INDEX_FOR[order]]));
}

/** How long a term's rarest word is remembered: the choice only steers the plan (every word must match), so a stale one is slower, never wrong. */
const RARITY_TTL_MS = 10_000;
const RARITY_CACHE_SIZE = 1000;
/** Per database handle (each test suite, the primary and a replica), then per term's words. */
const rarityCache = new WeakMap<object, Map<string, { driver: Promise<string>; expires: number }>>();

/**
 * The word with the fewest index rows: the lookup reads fewest rows from it. Remembered for
 * RARITY_TTL_MS, so a request's page, count and relevance tiers (and the next requests for the
 * term) probe once. Exported for tests.
 */
export function rarestWord(db: Db, words: string[]): Promise<string> {
  if (words.length === 1) return Promise.resolve(words[0]!);
  const key = words.join(' ');
  const cache = rarityCache.get(db.client as object) ?? new Map<string, { driver: Promise<string>; expires: number }>();
  rarityCache.set(db.client as object, cache);
  const cached = cache.get(key);
  if (cached && cached.expires > Date.now()) return cached.driver;
  if (cache.size >= RARITY_CACHE_SIZE) cache.clear();
  const driver = probeRarity(db, words, RARITY_PROBE);
  cache.set(key, { driver, expires: Date.now() + RARITY_TTL_MS });
  driver.catch(() => cache.delete(key));
  return driver;
}

/**
 * Counts each word's index rows up to `probe`, in one statement. Words tied at `probe` are all
 * common at that depth (`77` and `model` at 1,000,000 products: the first would drive, reading
 * 225,001 rows for a page): those are counted again up to twice as many, until one is rarer or
 * their counts are exact. The choice so costs at most about twice the rarest word's rows.
 */
async function probeRarity(db: Db, words: string[], probe: number): Promise<string> {
  const counts = words.map((word, index) =>
    db
      .select({ word: db.raw('?', [index]) })
      .count({ n: '*' })
      .from(db('product_search_words').select(db.raw('1 as x')).where({ prefix: word, name_only: false }).limit(probe).as(`rows${index}`)),
  );
  const rows: { word: unknown; n: unknown }[] = await db.unionAll(counts, false); // unwrapped: SQLite refuses a parenthesised compound member
  const counted = new Map(rows.map((row) => [Number(row.word), Number(row.n)]));
  const fewest = Math.min(...counted.values());
  const rarest = words.filter((_, index) => counted.get(index) === fewest);
  return rarest.length > 1 && fewest === probe ? probeRarity(db, rarest, probe * 2) : rarest[0]!;
}
