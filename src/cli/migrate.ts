// npm run migrate: applies pending migrations to the configured database (only the database
// variables are read; see loadCommandConfig).
import { loadCommandConfig } from '../config';
import { createDb } from '../db/knex';
import { migrateToLatest } from '../db/migrations';
import { runCommand } from './command';

runCommand(async () => {
  const db = createDb(loadCommandConfig().database);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length === 0 ? 'Already up to date' : `Applied: ${applied.join(', ')}`);
  } finally {
    await db.destroy();
  }
});
