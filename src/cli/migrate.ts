// npm run migrate: applies pending migrations to the configured database.
import { loadConfig } from '../config';
import { createDb } from '../db/knex';
import { migrateToLatest } from '../db/migrations';

async function main(): Promise<void> {
  const db = createDb(loadConfig().database);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length === 0 ? 'Already up to date' : `Applied: ${applied.join(', ')}`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
