import { readdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { isWriteConflict } from './transactions';

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

/** How long an instance waits for another one's migrations before giving up. */
const MIGRATION_LOCK_WAIT_SECONDS = 120;
const MIGRATION_LOCK = 'shopgraph_migrations';

/**
 * Applies pending migrations, once however many instances start together. knex's own lock
 * cannot do it on an empty database: instances racing to create its tables fail, or insert two
 * lock rows, after which no migration can ever take the lock. On MySQL the instances queue on a
 * named lock (`GET_LOCK`), held by a connection of its own; each then finds what is left to do.
 * On Galera a named lock is local to its node: instances on different nodes meet at knex's lock
 * row or its tables' creation instead, and the one that loses waits and tries again.
 */
export async function migrateToLatest(db: Knex): Promise<string[]> {
  const migrate = async () => ((await db.migrate.latest(migratorConfig)) as [number, string[]])[1];
  if (db.client.config.client !== 'mysql2') return migrate();
  const lockHolder = knex({ ...db.client.config, pool: { min: 0, max: 1 } });
  try {
    const [[{ locked }]] = (await lockHolder.raw('SELECT GET_LOCK(?, ?) AS locked', [MIGRATION_LOCK, MIGRATION_LOCK_WAIT_SECONDS])) as [[{ locked: unknown }]];
    if (Number(locked) !== 1) throw new Error(`Another instance held the migration lock for ${MIGRATION_LOCK_WAIT_SECONDS} s`);
    const deadline = Date.now() + MIGRATION_LOCK_WAIT_SECONDS * 1000;
    for (;;) {
      try {
        return await migrate();
      } catch (error) {
        if (!migratingElsewhere(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } finally {
    await lockHolder.destroy(); // closing the connection releases the lock
  }
}

/** Another node's instance holds knex's lock, created its tables first, or won the lock row. */
function migratingElsewhere(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return name === 'MigrationLocked' || code === 'ER_TABLE_EXISTS_ERROR' || isWriteConflict(error);
}

/** Names of migrations not yet applied to this database. */
export async function pendingMigrations(db: Knex): Promise<string[]> {
  const [, pending] = (await db.migrate.list(migratorConfig)) as [unknown, string[]];
  return pending;
}
