import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

const MIGRATIONS_DIR = path.resolve(__dirname, '../../migrations');
const MIGRATION_FILE = /^(\d{14}_\w+)\.(ts|js)$/;

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations named without their extension, so the same database can be migrated by the
 * TypeScript sources (tests, `npm run migrate`) and by the compiled JavaScript (`npm start`).
 * knex's own source records `x.ts` or `x.js` and would call the other form corrupt.
 */
const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return readdirSync(MIGRATIONS_DIR)
      .map((file) => MIGRATION_FILE.exec(file)?.[1])
      .filter((name): name is string => name !== undefined)
      .filter((name, index, names) => names.indexOf(name) === index)
      .sort();
  },
  getMigrationName(name) {
    return name;
  },
  async getMigration(name): Promise<MigrationModule> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- migrations are loaded by name at run time
    return require(path.join(MIGRATIONS_DIR, name)) as MigrationModule;
  },
};

const migratorConfig: Knex.MigratorConfig = { migrationSource };

export async function migrateToLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migratorConfig)) as [number, string[]];
  return applied;
}

/** Names of migrations not yet applied to this database. */
export async function pendingMigrations(db: Knex): Promise<string[]> {
  const [, pending] = (await db.migrate.list(migratorConfig)) as [unknown, string[]];
  return pending;
}
