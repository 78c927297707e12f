import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import type { DatabaseConfig } from '../config';

export type Db = Knex | Knex.Transaction;
export type Dialect = 'mysql' | 'sqlite';

export function createDb(config: DatabaseConfig): Knex {
  if (config.client === 'mysql') {
    return knex({
      client: 'mysql2',
      connection: {
        host: config.host,
        port: config.port,
        user: config.user,
        password: config.password,
        database: config.database,
        charset: 'utf8mb4',
        timezone: 'Z', // store and read UTC
        supportBigNumbers: true,
      },
      pool: { min: 0, max: 10 },
    });
  }

  mkdirSync(path.dirname(config.filename), { recursive: true });
  return knex({
    client: 'better-sqlite3',
    connection: { filename: config.filename },
    useNullAsDefault: true,
    pool: {
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: unknown) => void) {
        connection.pragma('journal_mode = WAL');
        connection.pragma('foreign_keys = ON');
        connection.pragma('busy_timeout = 5000');
        // SQLite's own lower() and LIKE fold ASCII only; this folds all of Unicode, as MySQL's collation does.
        connection.function('unicode_lower', { deterministic: true }, (value: unknown) =>
          typeof value === 'string' ? value.toLowerCase() : value,
        );
        done(null, connection);
      },
    },
  });
}

interface SqliteConnection {
  pragma(source: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): void;
}

export function dialectOf(db: Db): Dialect {
  return db.client.config.client === 'mysql2' ? 'mysql' : 'sqlite';
}

/** True for a violated UNIQUE constraint on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** True when a row cannot be deleted because another row references it. */
export function isForeignKeyViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'ER_ROW_IS_REFERENCED_2' ||
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    // SQLite reports ON DELETE RESTRICT through its trigger machinery.
    (code === 'SQLITE_CONSTRAINT_TRIGGER' && String(message).includes('FOREIGN KEY constraint failed'))
  );
}

/** Timestamps come back as Date (mysql2) or epoch milliseconds (better-sqlite3). */
export function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** `count({ n: '*' })` comes back as a number, string or BigInt depending on the dialect. */
export function toCount(row: { n?: unknown } | undefined): number {
  return Number(row?.n ?? 0);
}
