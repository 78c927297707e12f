import type { Knex } from 'knex';
import { containsIgnoringCase } from './likePattern';
import { dialectOf, type Db } from './knex';
import { indexedWords } from '../searchTerms';
import { fullTextQuery } from './searchWords';

/**
 * Restricts a products query to those matching a catalog search: the term must appear in the
 * name or the description (a substring, case folded, `%` and `_` literal), and each word of the
 * term that is 3 to 84 letters, digits or `_` long must begin a word there ('lamp' finds
 * "Lamps" and "desk lamp", not "Clamp"). That second rule is what MariaDB's FULLTEXT index
 * (products_search_idx) answers, so on MySQL a search reads the index instead of scanning
 * every product, and the substring rule checks only the index's candidates. A term without
 * such a word ('%', '77', '🍕') is a substring scan (searchPlanOf in src/searchTerms.ts: the
 * cost model charges it as one).
 */
export function whereMatchesSearch(db: Db, query: Knex.QueryBuilder, term: string): void {
  const words = indexedWords(term);
  if (words.length > 0) {
    if (dialectOf(db) === 'mysql') {
      query.whereRaw('MATCH (??, ??) AGAINST (? IN BOOLEAN MODE)', ['name', 'description', fullTextQuery(words)]);
    } else {
      query.whereRaw('begins_words(??, ??, ?) = 1', ['name', 'description', JSON.stringify(words)]);
    }
  }
  query.where((where) => {
    where.whereRaw(...containsIgnoringCase(db, 'name', term));
    where.orWhereRaw(...containsIgnoringCase(db, 'description', term));
  });
}
