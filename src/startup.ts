import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { seedDemoData } from '../seeds/demo';
import type { Config } from './config';
import { migrateToLatest } from './db/migrations';
import { countUsers } from './db/users';

/** Applies pending migrations; a development database with no users also gets the demo data. */
export async function prepareDatabase(db: Knex, config: Readonly<Config>, logger: Logger): Promise<void> {
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations');
  if (config.env === 'development' && (await countUsers(db)) === 0) {
    const report = await seedDemoData(db, {
      adminPassword: config.adminPassword ?? 'admin123',
      withDemoCustomer: true,
      bcryptRounds: config.bcryptRounds,
    });
    logger.info(report, 'seeded the development database with demo accounts and products');
  }
}
