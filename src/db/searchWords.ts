// The SQL side of catalog search's words (see productSearch.ts); which words the index can look
// up is src/searchTerms.ts's rule, shared with the cost model.
import { wordsOf } from '../searchTerms';

/** The boolean-mode query for MATCH … AGAINST: every word required, as a word prefix. */
export function fullTextQuery(words: readonly string[]): string {
  return words.map((word) => `+${word}*`).join(' ');
}

/**
 * SQLite's stand-in for the index (registered as `begins_words` in knex.ts): 1 when every
 * word in `wordsJson` begins a word of `name` or `description`.
 */
export function beginsWords(name: unknown, description: unknown, wordsJson: unknown): number {
  const textWords = wordsOf(`${String(name)} ${String(description)}`);
  const wanted = JSON.parse(String(wordsJson)) as string[];
  return wanted.every((word) => textWords.some((textWord) => textWord.startsWith(word))) ? 1 : 0;
}
