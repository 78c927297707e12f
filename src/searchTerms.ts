// Which words of a catalog search term an index can look up. One rule for three readers: the
// data layer (db/productSearch.ts) builds its query from it, the cost model
// (graphql/queryCost.ts) charges a search that cannot use the index as the scan it is, and the
// benchmark's FULLTEXT anchor builds its MATCH from the words MariaDB's index holds.

/** Runs of letters, digits and `_`; anything else (spaces, `-`, `'`, `%`) separates words. */
const WORD = /[\p{L}\p{N}_]+/gu;
/** innodb_ft_min_token_size and innodb_ft_max_token_size (MariaDB's defaults): shorter and longer words are not indexed. */
export const MIN_WORD = 3;
const MAX_WORD = 84;

/** The words of `text`, lower-cased, split as MariaDB's full-text parser splits them. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Two digits (any script's: on MySQL the collation equates them, as LIKE does). */
const TWO_DIGITS = /^\p{N}{2}$/u;

/** Whether an index prefix is a two-digit one (wordPrefixesOf): what the migration adding them backfills. */
export function isTwoDigitPrefix(prefix: string): boolean {
  return TWO_DIGITS.test(prefix);
}
/**
 * A two-digit word with a space or ASCII punctuation before it in the term (' 77', '-77'): the
 * term is a substring, so where it appears that character precedes the digits in the text too,
 * and the digits begin a word there. Words that open the term may sit inside a word ('77' in
 * "1977"), so only these are looked up.
 */
const WORD_AFTER_SEPARATOR = /(?<=[ !-/:-@[-^`{-~])[\p{L}\p{N}_]+/gu;

/**
 * The words of `term` that the rules require to begin a word of the text: those of 3 to 84
 * letters, digits or `_`, lower-cased, without repeats. They are also the only words MariaDB's
 * FULLTEXT index holds, so MATCH … AGAINST may look up these and no others: a shorter word is
 * never a token there (`+77*` finds "770", never "77"). The benchmark's FULLTEXT anchor builds
 * its MATCH from these.
 */
export function fullTextWords(term: string): string[] {
  return [...new Set(wordsOf(term).filter((word) => word.length >= MIN_WORD && word.length <= MAX_WORD))];
}

/** ASCII letters, digits and `_` only. */
const ASCII_WORD = /^[a-z0-9_]+$/;

/**
 * The term's one word when the term is nothing else: a word of 3 to 84 ASCII letters, digits or
 * `_` (lower-cased), else null. Where such a word begins a word of a text, byte for byte, the term
 * is a substring of it too: a search for it can be counted from the word index alone.
 */
export function plainWordOf(term: string): string | null {
  const word = term.toLowerCase();
  const [only, ...others] = fullTextWords(word);
  return only === word && others.length === 0 && ASCII_WORD.test(word) ? word : null;
}

/**
 * The words of `term` the word-prefix index can look up, lower-cased, without repeats: the
 * fullTextWords, and each word of two digits after a separator (the substring rule implies it
 * begins a word of the text: WORD_AFTER_SEPARATOR). Only product_search_words holds the latter.
 */
export function indexedWords(term: string): string[] {
  const lower = term.toLowerCase();
  const twoDigits = (lower.match(WORD_AFTER_SEPARATOR) ?? []).filter((word) => TWO_DIGITS.test(word));
  return [...new Set([...fullTextWords(lower), ...twoDigits])];
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
 * begins a word of the text" is one exact lookup of the search word; and the first two characters
 * of every word that begins with two digits ('77123' → '77', whatever the word's length), for the
 * two-digit words of indexedWords.
 */
export function wordPrefixesOf(text: string): Set<string> {
  const prefixes = new Set<string>();
  for (const word of wordsOf(text)) {
    const characters = [...word]; // whole code points: a prefix never splits a surrogate pair
    const firstTwo = characters.slice(0, 2).join('');
    if (TWO_DIGITS.test(firstTwo)) prefixes.add(firstTwo);
    if (characters.length > MAX_WORD) continue;
    for (let length = MIN_WORD; length <= characters.length; length += 1) prefixes.add(characters.slice(0, length).join(''));
  }
  return prefixes;
}
