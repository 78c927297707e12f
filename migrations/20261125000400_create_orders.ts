import type { Knex } from 'knex';
import { useUtf8mb4 } from '../src/db/schemaHelpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('orders', (table) => {
    useUtf8mb4(knex, table);
    table.increments('id');
    table.integer('user_id').unsigned().notNullable();
    table.foreign('user_id', 'orders_user_id_fk').references('users.id').onDelete('RESTRICT');
    table.bigInteger('total_amount').notNullable(); // cents
    table.string('status', 16).notNullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.datetime('updated_at', { precision: 3 }).notNullable();
    table.check("?? in ('pending', 'paid', 'shipped', 'delivered', 'cancelled')", ['status'], 'orders_status_check');
    table.check('?? >= 0', ['total_amount'], 'orders_total_amount_nonnegative');
    // Lists are newest first (by id), per user for customers, by status for admins.
    table.index(['user_id', 'id'], 'orders_user_id_id_idx');
    table.index(['status', 'id'], 'orders_status_id_idx');
  });

  await knex.schema.createTable('order_items', (table) => {
    useUtf8mb4(knex, table);
    table.increments('id');
    table.integer('order_id').unsigned().notNullable();
    table.foreign('order_id', 'order_items_order_id_fk').references('orders.id').onDelete('CASCADE');
    // RESTRICT: a product that orders reference can only be archived, never deleted.
    table.integer('product_id').unsigned().notNullable();
    table.foreign('product_id', 'order_items_product_id_fk').references('products.id').onDelete('RESTRICT');
    table.string('product_name', 200).notNullable(); // as it was when ordered
    table.integer('quantity').notNullable();
    table.integer('price').notNullable(); // unit price in cents when ordered
    table.check('?? > 0', ['quantity'], 'order_items_quantity_positive');
    table.index(['order_id'], 'order_items_order_id_idx');
    table.index(['product_id'], 'order_items_product_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('order_items');
  await knex.schema.dropTable('orders');
}
