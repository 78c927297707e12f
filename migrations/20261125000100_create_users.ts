import type { Knex } from 'knex';
import { useUtf8mb4 } from '../src/db/schemaHelpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (table) => {
    useUtf8mb4(knex, table);
    table.increments('id');
    // Stored trimmed and lower-cased, so the unique index is case-insensitive on every dialect.
    // Binary collation: MySQL's *_ci collations would also equate josé@ and jose@ (two people).
    table.string('email', 254).notNullable().collate('utf8mb4_bin').unique({ indexName: 'users_email_unique' });
    table.string('password', 60).notNullable(); // bcrypt hash
    table.string('role', 16).notNullable().defaultTo('user');
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.datetime('updated_at', { precision: 3 }).notNullable();
    table.check("?? in ('user', 'admin')", ['role'], 'users_role_check');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
