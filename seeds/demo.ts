import type { Knex } from 'knex';
import { hashPassword } from '../src/auth/passwords';
import { countProducts, insertProduct } from '../src/db/products';
import { findUserByEmail, insertUser, updatePasswordOfUser } from '../src/db/users';
import type { Role } from '../src/domain';
import { parseMoney } from '../src/money';
import { catalog } from './catalog';

/** The development admin (ADMIN_EMAIL and ADMIN_PASSWORD unset, outside production). */
export const DEMO_ADMIN = { email: 'admin@example.com', password: 'admin123' } as const;
/** The development customer; never created in production. Its password predates the 8-byte rule. */
export const DEMO_CUSTOMER = { email: 'user@example.com', password: 'user123' } as const;

export interface SeedOptions {
  /** `email` already normalized; `password` already held to the rules it must meet. */
  admin: { email: string; password: string };
  /** An existing admin's password is replaced by `admin.password` only when this is true. */
  resetAdminPassword?: boolean;
  /** Also create the demo customer (never in production). */
  withDemoCustomer: boolean;
  /** Also fill an empty products table with the demo catalog. */
  withCatalog: boolean;
  bcryptRounds: number;
}

/** What a seed run did, each entry a phrase a person reads. */
export interface SeedReport {
  created: string[];
  changed: string[];
  leftAlone: string[];
}

export class SeedConflict extends Error {}

/**
 * Idempotent: accounts are created only if their email is free, the catalog only into an empty
 * products table; an existing admin keeps their password unless `resetAdminPassword`. An email
 * that belongs to a customer account is refused: seeding never changes an account's role.
 */
export async function seedDemoData(db: Knex, options: SeedOptions): Promise<SeedReport> {
  const accounts: { email: string; password: string; role: Role }[] = [{ ...options.admin, role: 'admin' }];
  if (options.withDemoCustomer) accounts.push({ ...DEMO_CUSTOMER, role: 'user' });
  const hashes = await Promise.all(accounts.map((account) => hashPassword(account.password, options.bcryptRounds)));

  return db.transaction(async (trx) => {
    const report: SeedReport = { created: [], changed: [], leftAlone: [] };
    for (const [index, account] of accounts.entries()) {
      const existing = await findUserByEmail(trx, account.email);
      if (!existing) {
        await insertUser(trx, { email: account.email, passwordHash: hashes[index]!, role: account.role });
        report.created.push(`${account.role} ${account.email}`);
      } else if (account.role === 'admin' && existing.role !== 'admin') {
        throw new SeedConflict(`${account.email} is a customer account, and seeding never changes a role: choose another ADMIN_EMAIL`);
      } else if (account.role === 'admin' && options.resetAdminPassword) {
        await updatePasswordOfUser(trx, existing.id, hashes[index]!);
        report.changed.push(`password of admin ${account.email} (its sessions ended)`);
      } else if (account.role === 'admin') {
        report.leftAlone.push(`admin ${account.email} (exists; password unchanged, --reset-password sets ADMIN_PASSWORD)`);
      } else {
        report.leftAlone.push(`${account.role} ${account.email} (exists)`);
      }
    }
    if (options.withCatalog) {
      const products = await countProducts(trx, {});
      if (products === 0) {
        for (const { price, ...fields } of catalog) await insertProduct(trx, { ...fields, priceCents: parseMoney(price, 'price') });
        report.created.push(`${catalog.length} demo products`);
      } else {
        report.leftAlone.push(`the catalog (${products} products already; demo products go only into an empty one)`);
      }
    }
    return report;
  });
}
