// Which catalog search terms MariaDB's FULLTEXT index can answer. One rule for two readers: the
// data layer (db/productSearch.ts) builds its query from it, and the cost model
// (graphql/queryCost.ts) charges a search that cannot use the index as the scan it is.

/** Runs of letters, digits and `_`; anything else (spaces, `-`, `'`, `%`) separates words. */
const WORD = /[\p{L}\p{N}_]+/gu;
/** innodb_ft_min_token_size and innodb_ft_max_token_size (MariaDB's defaults): shorter and longer words are not indexed. */
export const MIN_WORD = 3;
const MAX_WORD = 84;

/** The words of `text`, lower-cased, split as MariaDB's full-text parser splits them. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** The words of `term` the index can look up, lower-cased, without repeats. */
export function indexedWords(term: string): string[] {
  return [...new Set(wordsOf(term).filter((word) => word.length >= MIN_WORD && word.length <= MAX_WORD))];
}

/**
 * How the database answers `products(search:)`: no search at all (null or blank, as the service
 * reads it), through the index, or by scanning every product (`%`, `77`, `🍕`: no word of 3 to 84
 * letters, digits or `_`).
 */
export type SearchPlan = 'none' | 'indexed' | 'scan';

export function searchPlanOf(search: string | null | undefined): SearchPlan {
  const term = search?.trim();
  if (!term) return 'none';
  return indexedWords(term).length > 0 ? 'indexed' : 'scan';
}

/**
 * What the word-prefix index (product_search_words) holds for `text`: every prefix of 3 letters
 * or more of each indexable word ('lamps' → 'lam', 'lamp', 'lamps'), so that "a search word
 * begins a word of the text" is one exact lookup of the search word.
 */
export function wordPrefixesOf(text: string): Set<string> {
  const prefixes = new Set<string>();
  for (const word of wordsOf(text)) {
    const characters = [...word]; // whole code points: a prefix never splits a surrogate pair
    if (characters.length > MAX_WORD) continue;
    for (let length = MIN_WORD; length <= characters.length; length += 1) prefixes.add(characters.slice(0, length).join(''));
  }
  return prefixes;
}
