import type { Knex } from 'knex';
import { useUtf8mb4 } from '../src/db/schemaHelpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('products', (table) => {
    useUtf8mb4(knex, table);
    table.increments('id');
    table.string('name', 200).notNullable();
    table.text('description').notNullable();
    table.integer('price').notNullable(); // cents
    table.integer('stock').notNullable();
    table.string('category', 100).notNullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.datetime('updated_at', { precision: 3 }).notNullable();
    table.check('?? >= 0', ['price'], 'products_price_nonnegative');
    // The database refuses negative stock even if a bug in the application tried it.
    table.check('?? >= 0', ['stock'], 'products_stock_nonnegative');
    // One index per sort order (each ending in id, the tie-breaker of the cursors) and the category filter.
    table.index(['created_at', 'id'], 'products_created_at_id_idx');
    table.index(['price', 'id'], 'products_price_id_idx');
    table.index(['name', 'id'], 'products_name_id_idx');
    table.index(['category', 'created_at', 'id'], 'products_category_created_at_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('products');
}
