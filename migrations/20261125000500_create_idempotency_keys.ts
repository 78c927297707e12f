import type { Knex } from 'knex';
import { useUtf8mb4 } from '../src/db/schemaHelpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (table) => {
    useUtf8mb4(knex, table);
    table.increments('id');
    table.integer('user_id').unsigned().notNullable();
    table.foreign('user_id', 'idempotency_keys_user_id_fk').references('users.id').onDelete('CASCADE');
    table.string('idempotency_key', 255).notNullable().collate('utf8mb4_bin'); // keys compare exactly
    table.string('request_hash', 64).notNullable(); // sha256 of the order's lines
    // Set in the same transaction that claims the key, so a committed key always has its order.
    table.integer('order_id').unsigned().nullable();
    table.foreign('order_id', 'idempotency_keys_order_id_fk').references('orders.id').onDelete('CASCADE');
    table.datetime('created_at', { precision: 3 }).notNullable();
    // Concurrent retries with one key race on this index: exactly one insert wins.
    table.unique(['user_id', 'idempotency_key'], { indexName: 'idempotency_keys_user_key_unique' });
    table.index(['created_at'], 'idempotency_keys_created_at_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotency_keys');
}
