import type { Knex } from 'knex';

/** MySQL tables store full UTF-8 (emoji included) and compare text case-insensitively. */
export function useUtf8mb4(knex: Knex, table: Knex.CreateTableBuilder): void {
  if (knex.client.config.client !== 'mysql2') return;
  table.charset('utf8mb4');
  table.collate('utf8mb4_unicode_520_ci');
}
