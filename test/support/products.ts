// Products put straight into a test's database, through the data layer's own insert: whatever
// the data layer keeps beside a product is kept for these too. The one product factory of the tests.
import type { Knex } from 'knex';
import { insertProduct, type ProductFields } from '../../src/db/products';
import type { Product } from '../../src/domain';

let serial = 0;

/** One product; every field not given has a plain default (10 in stock at 12.50). */
export async function createProduct(db: Knex, fields: Partial<ProductFields> = {}): Promise<Product> {
  serial += 1;
  return insertProduct(db, {
    name: `Test product ${serial}`,
    description: '',
    priceCents: 1250,
    stock: 10,
    category: 'Tests',
    ...fields,
  });
}

/** `count` products, oldest first, each with `fields`; returns their ids in that order. */
export async function createProducts(db: Knex, count: number, fields: Partial<ProductFields> = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await createProduct(db, fields)).id);
  return ids;
}
