import { dialectOf, type Db } from './knex';

/**
 * A `column LIKE ?` condition matching `term` anywhere, case-insensitively, with `%` and `_`
 * in the term taken literally. MySQL's *_ci collation folds case itself; SQLite's LIKE folds
 * ASCII only, so there both sides go through unicode_lower() (registered in knex.ts).
 */
export function containsIgnoringCase(db: Db, column: string, term: string): [string, string[]] {
  const escaped = term.replace(/[!%_]/g, (char) => `!${char}`);
  if (dialectOf(db) === 'mysql') return [`?? LIKE ? ESCAPE '!'`, [column, `%${escaped}%`]];
  return [`unicode_lower(??) LIKE ? ESCAPE '!'`, [column, `%${escaped.toLowerCase()}%`]];
}
