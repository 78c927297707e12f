import type { Knex } from 'knex';
import { hashPassword } from '../src/auth/passwords';
import { countProducts, insertProduct } from '../src/db/products';
import { findUserByEmail, insertUser } from '../src/db/users';
import type { Role } from '../src/domain';
import { parseMoney } from '../src/money';
import { catalog } from './catalog';

export interface SeedOptions {
  /** The admin's password; the development default is admin123. */
  adminPassword: string;
  /** Also create the demo customer user@example.com / user123 (never in production). */
  withDemoCustomer: boolean;
  bcryptRounds: number;
}

export interface SeedReport {
  usersCreated: string[];
  productsCreated: number;
}

/**
 * Idempotent: accounts are created only if their email is free, the catalog only into an
 * empty products table. The demo passwords predate the 8-byte rule and are set directly.
 */
export async function seedDemoData(db: Knex, options: SeedOptions): Promise<SeedReport> {
  const accounts: { email: string; password: string; role: Role }[] = [
    { email: 'admin@example.com', password: options.adminPassword, role: 'admin' },
  ];
  if (options.withDemoCustomer) accounts.push({ email: 'user@example.com', password: 'user123', role: 'user' });
  const hashes = await Promise.all(accounts.map((account) => hashPassword(account.password, options.bcryptRounds)));

  return db.transaction(async (trx) => {
    const usersCreated: string[] = [];
    for (const [index, account] of accounts.entries()) {
      if (await findUserByEmail(trx, account.email)) continue;
      await insertUser(trx, { email: account.email, passwordHash: hashes[index]!, role: account.role });
      usersCreated.push(account.email);
    }
    let productsCreated = 0;
    if ((await countProducts(trx, {})) === 0) {
      for (const { price, ...fields } of catalog) {
        await insertProduct(trx, { ...fields, priceCents: parseMoney(price, 'price') });
        productsCreated += 1;
      }
    }
    return { usersCreated, productsCreated };
  });
}
