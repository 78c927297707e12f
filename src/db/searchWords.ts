// The words of catalog search (see productSearch.ts): split as MariaDB's full-text parser
// splits them, so the FULLTEXT index on MySQL and its stand-in on SQLite agree.

/** Runs of letters, digits and `_`; anything else (spaces, `-`, `'`, `%`) separates words. */
const WORD = /[\p{L}\p{N}_]+/gu;
/** innodb_ft_min_token_size and innodb_ft_max_token_size (MariaDB's defaults): shorter and longer words are not indexed. */
const MIN_WORD = 3;
const MAX_WORD = 84;

/** The words of `term` the index can look up, lower-cased, without repeats. */
export function indexedWords(term: string): string[] {
  const words = (term.toLowerCase().match(WORD) ?? []).filter((word) => word.length >= MIN_WORD && word.length <= MAX_WORD);
  return [...new Set(words)];
}

/** The boolean-mode query for MATCH … AGAINST: every word required, as a word prefix. */
export function fullTextQuery(words: readonly string[]): string {
  return words.map((word) => `+${word}*`).join(' ');
}

/**
 * SQLite's stand-in for the index (registered as `begins_words` in knex.ts): 1 when every
 * word in `wordsJson` begins a word of `name` or `description`.
 */
export function beginsWords(name: unknown, description: unknown, wordsJson: unknown): number {
  const textWords = `${String(name)} ${String(description)}`.toLowerCase().match(WORD) ?? [];
  const wanted = JSON.parse(String(wordsJson)) as string[];
  return wanted.every((word) => textWords.some((textWord) => textWord.startsWith(word))) ? 1 : 0;
}
