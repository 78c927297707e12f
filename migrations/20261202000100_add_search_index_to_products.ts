import type { Knex } from 'knex';

// Catalog search reads this index on MySQL/MariaDB instead of scanning every product
// (src/db/productSearch.ts). SQLite, the development database, keeps scanning.
export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'mysql2') return;
  // Index every word, "the" and "with" included: with InnoDB's stopword list a required
  // stopword would match nothing. The setting is read when the index is built; the migration
  // runs on one connection (its transaction), so the SET applies to the ALTER below.
  await knex.raw('SET SESSION innodb_ft_enable_stopword = OFF');
  await knex.raw('ALTER TABLE products ADD FULLTEXT INDEX products_search_idx (name, description)');
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'mysql2') return;
  await knex.raw('ALTER TABLE products DROP INDEX products_search_idx');
}
