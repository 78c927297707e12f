import type { Knex } from 'knex';

// Every catalog listing and count filters on `archived = false`. With `archived` at the end of
// each sort index, a count and a page's ids are read from the index alone, without a row per
// product (S1's two statements at 10,000 products, measured one after the other: 7.4 ms
// before, 3.2 ms after). At the end, not at the front: with `archived` first, MariaDB 10.11
// reads a keyset page from the top of the index (11.6 ms for a cursor 7,000 products deep,
// against 0.5 ms).
const INDEXES = [
  { columns: ['created_at', 'id'], before: 'products_created_at_id_idx', after: 'products_created_at_id_archived_idx' },
  { columns: ['price', 'id'], before: 'products_price_id_idx', after: 'products_price_id_archived_idx' },
  { columns: ['name', 'id'], before: 'products_name_id_idx', after: 'products_name_id_archived_idx' },
  // The category filter, newest first.
  { columns: ['category', 'created_at', 'id'], before: 'products_category_created_at_id_idx', after: 'products_category_created_at_id_archived_idx' },
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('products', (table) => {
    for (const index of INDEXES) {
      table.index([...index.columns, 'archived'], index.after);
      table.dropIndex(index.columns, index.before);
    }
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('products', (table) => {
    for (const index of INDEXES) {
      table.index(index.columns, index.before);
      table.dropIndex([...index.columns, 'archived'], index.after);
    }
  });
}
