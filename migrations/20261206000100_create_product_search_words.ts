import type { Knex } from 'knex';
import { useUtf8mb4 } from '../src/db/schemaHelpers';
import { backfillSearchWords } from '../src/db/productSearchWords';

// The word-prefix index of catalog search (src/db/productSearchWords.ts writes it, in the same
// transaction as every product write; src/db/productSearch.ts reads it). Search reads it newest
// first (the primary key) or by price (the second index) and stops after a page's rows, so its
// cost follows the page, not the catalog. The FULLTEXT index stays: it costs writes little and
// dropping it is a table rebuild on MariaDB (its hidden FTS_DOC_ID column), for no gain in reads.
//
// Not one transaction: the backfill commits batch by batch, so it never holds the products table
// for long and a restart resumes after the last product it indexed.
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('product_search_words'))) {
    await knex.schema.createTable('product_search_words', (table) => {
      useUtf8mb4(knex, table); // the products' collation: a prefix matches as MATCH did on MySQL
      table.string('prefix', 84).notNullable();
      // false: the prefix begins a word of the name or the description; true: of the name (relevance).
      table.boolean('name_only').notNullable();
      table.datetime('created_at', { precision: 3 }).notNullable();
      table.integer('product_id').unsigned().notNullable();
      table.integer('price').notNullable(); // cents, the product's
      table.primary(['prefix', 'name_only', 'created_at', 'product_id'], 'product_search_words_pkey');
      table.index(['prefix', 'name_only', 'price', 'product_id'], 'product_search_words_price_idx');
      table.foreign('product_id', 'product_search_words_product_fk').references('products.id').onDelete('CASCADE');
    });
  }
  await backfillSearchWords(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('product_search_words');
}
