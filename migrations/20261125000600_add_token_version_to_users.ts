import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    // Every token carries the version it was signed with (claim `ver`); raising it ends every
    // session of the user at once (logout, password change, role change).
    table.integer('token_version').unsigned().notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    table.dropColumn('token_version');
  });
}
