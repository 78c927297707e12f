import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    // Raised by every order placement, which thereby locks the user's row (lockUser in
    // src/db/users.ts). A real change, not a no-op UPDATE: on Galera only changed rows take part
    // in certification, so two placements of one user on two nodes conflict and one runs again.
    table.integer('order_placements').unsigned().notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    table.dropColumn('order_placements');
  });
}
