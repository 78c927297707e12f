import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knex from 'knex';

export type DialectName = 'sqlite' | 'mysql';

/** SQLite always; MariaDB/MySQL too when TEST_MYSQL_URL is set (e.g. mysql://root@127.0.0.1:3306). */
export const dialects: DialectName[] = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

export interface TestDatabase {
  /** Environment variables that point loadConfig() at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A knex connected to the server of TEST_MYSQL_URL, without a database selected. */
export function connectToMysqlServer(mysqlUrl: string): knex.Knex {
  const url = new URL(mysqlUrl);
  return knex({
    client: 'mysql2',
    connection: {
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      connectTimeout: 5000,
    },
    pool: { min: 0, max: 1 },
  });
}

/** A throwaway database of its own for one test suite. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-test-'));
    return {
      env: { SQLITE_FILE: path.join(dir, 'test.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }

  const url = new URL(process.env.TEST_MYSQL_URL!);
  const name = `shopgraph_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = connectToMysqlServer(url.href);
  try {
    await server.raw(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
  } finally {
    await server.destroy();
  }
  return {
    env: {
      DB_HOST: url.hostname,
      DB_PORT: url.port || '3306',
      DB_USER: decodeURIComponent(url.username),
      DB_PASSWORD: decodeURIComponent(url.password),
      DB_NAME: name,
    },
    async drop() {
      const admin = connectToMysqlServer(url.href);
      try {
        await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await admin.destroy();
      }
    },
  };
}
