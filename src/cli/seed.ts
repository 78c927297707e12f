// npm run seed: demo accounts and catalog. Production needs ADMIN_PASSWORD and gets no demo customer.
import { seedDemoData } from '../../seeds/demo';
import { ConfigError, loadConfig } from '../config';
import { createDb } from '../db/knex';
import { migrateToLatest } from '../db/migrations';

async function main(): Promise<void> {
  const config = loadConfig();
  const production = config.env === 'production';
  if (production && config.adminPassword === null) {
    throw new ConfigError('ADMIN_PASSWORD', 'is required to seed a production database');
  }
  const db = createDb(config.database);
  try {
    await migrateToLatest(db);
    const report = await seedDemoData(db, {
      adminPassword: config.adminPassword ?? 'admin123',
      withDemoCustomer: !production,
      bcryptRounds: config.bcryptRounds,
    });
    console.log(`Created users: ${report.usersCreated.join(', ') || 'none'}; products: ${report.productsCreated}`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
