import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { DEMO_ADMIN, DEMO_CUSTOMER, seedDemoData } from '../seeds/demo';
import type { Config } from './config';
import { migrateToLatest } from './db/migrations';
import { countUsers } from './db/users';
import { normalizeEmail } from './services/emailAddresses';
import { storefrontDir } from './storefront';

/** Applies pending migrations; a development database with no users also gets the demo data. */
export async function prepareDatabase(db: Knex, config: Readonly<Config>, logger: Logger): Promise<void> {
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations');
  if (config.env === 'development' && (await countUsers(db)) === 0) {
    const report = await seedDemoData(db, {
      admin: { email: normalizeEmail(config.adminEmail ?? DEMO_ADMIN.email), password: config.adminPassword ?? DEMO_ADMIN.password },
      withDemoCustomer: true,
      withCatalog: true,
      bcryptRounds: config.bcryptRounds,
    });
    logger.info({ created: report.created }, 'seeded the development database with demo accounts and products');
  }
}

/**
 * The line that says the server is up: where the storefront, GraphQL and the REST API's docs
 * are, the database, and in development the demo accounts to sign in with.
 */
export function listeningLine(config: Readonly<Config>, storefrontBuilt: boolean): string {
  const origin = `http://localhost:${config.port}`;
  const database = config.database.client === 'mysql' ? `MySQL ${config.database.host}` : config.database.filename;
  const storefront = storefrontBuilt ? `storefront ${origin}/` : 'storefront not built (npm run build:web)';
  const parts = [`Shopgraph listening: ${storefront}`, `GraphQL ${origin}/graphql`, `REST ${origin}/api (docs ${origin}/api/docs)`, `database ${database}`];
  if (config.env === 'development') {
    const admin = `${config.adminEmail ?? DEMO_ADMIN.email} / ${config.adminPassword === null ? DEMO_ADMIN.password : '(ADMIN_PASSWORD)'}`;
    parts.push(`demo accounts ${admin} (admin), ${DEMO_CUSTOMER.email} / ${DEMO_CUSTOMER.password}`);
  }
  return parts.join('; ');
}

/** Whether `npm run build:web` has put the storefront where the server serves it from. */
export function storefrontBuilt(): boolean {
  return existsSync(path.join(storefrontDir(), 'index.html'));
}
