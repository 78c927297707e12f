import type { Knex } from 'knex';
import { backfillSearchWordPrefixes } from '../src/db/productSearchWords';
import { isTwoDigitPrefix } from '../src/searchTerms';

// Catalog search's index gains the first two characters of every word that begins with two
// digits ('77123' → '77'), so a term such as `model 77` is driven by its rare number instead of
// its common word (src/searchTerms.ts, indexedWords). Product writes add these rows from now on;
// this backfills the products indexed before, in batches of 500 (one short transaction each).
//
// Not one transaction: search_index_backfills records the last product each batch did, so a
// restart resumes after it.
export const config = { transaction: false };

const STEP = 'two_digit_prefixes';

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('search_index_backfills'))) {
    await knex.schema.createTable('search_index_backfills', (table) => {
      table.string('step', 100).primary(); // a backfill of the search index (a migration's name for it)
      table.integer('after_product_id').unsigned().notNullable(); // every product up to this id is done
    });
  }
  await backfillSearchWordPrefixes(knex, STEP, isTwoDigitPrefix);
}

export async function down(knex: Knex): Promise<void> {
  // Two-digit prefixes are the index's only rows shorter than 3 characters.
  const length = knex.client.config.client === 'mysql2' ? 'CHAR_LENGTH' : 'LENGTH';
  await knex('product_search_words').whereRaw(`${length}(prefix) < 3`).delete();
  await knex.schema.dropTableIfExists('search_index_backfills');
}
