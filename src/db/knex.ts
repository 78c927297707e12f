import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import type { DatabaseConfig } from '../config';
import { PositionTracker } from './replicationPosition';
import { beginsWords } from './searchWords';
import { switchOffRetries } from './transactions';

export type Db = Knex | Knex.Transaction;
export type Dialect = 'mysql' | 'sqlite';

// While the database is unreachable, a request must fail within 5 s rather than hang:
// opening a connection gives up after 3 s, waiting for one from the pool after 4 s, and a
// statement that gets no answer (a network partition: the socket stays open, nothing arrives)
// is abandoned after 4.5 s with its connection, which the pool then replaces.
const CONNECT_TIMEOUT_MS = 3000;
const ACQUIRE_TIMEOUT_MS = 4000;
/** The server itself stops any statement after this (MariaDB: any statement; MySQL 8: SELECTs). */
export const STATEMENT_TIMEOUT_MS = 4000;
const ANSWER_DEADLINE_MS = 4500;

/** The replication position each primary pool has seen committed (see replicationPosition.ts). */
const positionsSeen = new WeakMap<Knex, PositionTracker>();

/** The highest position `db`'s connections have seen committed, or null (SQLite, no binlog, no writes yet). */
export function positionSeen(db: Knex): string | null {
  return positionsSeen.get(db)?.position() ?? null;
}

/** A server of the MySQL configuration: the primary's address, or a replica's. */
type MysqlServer = Pick<Extract<DatabaseConfig, { client: 'mysql' }>, 'host' | 'port' | 'user' | 'password' | 'database' | 'poolMax'>;

/** The primary's pool; `config` may be a DatabaseConfig, whose replicas are not its business (readRouting.ts). */
export function createDb(config: ({ client: 'mysql' } & MysqlServer) | Extract<DatabaseConfig, { client: 'sqlite' }>): Knex {
  if (config.client === 'mysql') {
    const positions = new PositionTracker();
    const db = createMysqlDb(config, positions);
    positionsSeen.set(db, positions);
    if ('retryTransactions' in config && !config.retryTransactions) switchOffRetries(db);
    return db;
  }

  mkdirSync(path.dirname(config.filename), { recursive: true });
  return knex({
    client: 'better-sqlite3',
    connection: { filename: config.filename },
    useNullAsDefault: true,
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    pool: {
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: unknown) => void) {
        connection.pragma('journal_mode = WAL');
        connection.pragma('foreign_keys = ON');
        connection.pragma('busy_timeout = 5000');
        // SQLite's own lower() and LIKE fold ASCII only; this folds all of Unicode, as MySQL's collation does.
        connection.function('unicode_lower', { deterministic: true }, (value: unknown) =>
          typeof value === 'string' ? value.toLowerCase() : value,
        );
        // What MariaDB's FULLTEXT index answers for catalog search (productSearch.ts).
        connection.function('begins_words', { deterministic: true }, beginsWords);
        done(null, connection);
      },
    },
  });
}

/** A pool on one read replica: as the primary's, with a connection timeout of `connectTimeoutMs`. */
export function createReplicaDb(server: MysqlServer, { connectTimeoutMs, poolMax }: { connectTimeoutMs: number; poolMax: number }): Knex {
  return createMysqlDb({ ...server, poolMax }, null, connectTimeoutMs);
}

function createMysqlDb(config: MysqlServer, positions: PositionTracker | null, connectTimeout = CONNECT_TIMEOUT_MS): Knex {
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
      connectTimeout,
    },
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    pool: {
      min: 0,
      max: config.poolMax,
      afterCreate(connection: MysqlConnection, done: (error: Error | null, connection: unknown) => void) {
        abandonUnansweredQueries(connection, positions);
        prepareSession(connection).then(
          () => done(null, connection),
          (error: Error) => done(error, connection),
        );
      },
    },
  });
}

type QueryCallback = (error: (Error & { code?: string }) | null, ...results: unknown[]) => void;

interface MysqlConnection {
  query(sql: string, callback: QueryCallback): void;
  destroy(): void;
}

/**
 * The server's statement timeout cannot help when the server never hears the statement: a
 * query that gets no answer within ANSWER_DEADLINE_MS fails as a lost connection (an outage,
 * 503), and the connection is destroyed so the pool does not hand it out again.
 */
function abandonUnansweredQueries(connection: MysqlConnection, positions: PositionTracker | null): void {
  const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
  (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback !== 'function') return query(...args);
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      connection.destroy();
      const error = Object.assign(new Error('The database did not answer in time'), { code: 'PROTOCOL_CONNECTION_LOST' });
      (callback as QueryCallback)(error);
    }, ANSWER_DEADLINE_MS);
    return query(...args.slice(0, -1), (error: Error | null, ...results: unknown[]) => {
      clearTimeout(timer);
      // knex drops the OK packet's session-state changes: a commit's position is read here.
      const gtid = (results[0] as OkPacket | undefined)?.stateChanges?.systemVariables?.last_gtid;
      if (positions && typeof gtid === 'string') positions.observe(gtid);
      if (!answered) (callback as QueryCallback)(error as Error & { code?: string }, ...results);
    });
  };
}

/** What mysql2 reports of session tracking on an OK packet (`session_track_system_variables`). */
interface OkPacket {
  stateChanges?: { systemVariables?: Record<string, unknown> };
}

/**
 * Each connection's statement time limit, and (MariaDB) the position of each commit reported in
 * its OK packet, for read-your-writes on replicas. MariaDB names the time limit
 * max_statement_time (seconds), MySQL 8 max_execution_time (ms).
 */
async function prepareSession(connection: MysqlConnection): Promise<void> {
  const run = (sql: string) =>
    new Promise<void>((resolve, reject) => connection.query(sql, (error) => (error ? reject(error) : resolve())));
  try {
    await run(`SET SESSION max_statement_time = ${STATEMENT_TIMEOUT_MS / 1000}, session_track_system_variables = 'last_gtid'`);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_UNKNOWN_SYSTEM_VARIABLE') throw error;
    await run(`SET SESSION max_execution_time = ${STATEMENT_TIMEOUT_MS}`);
    return;
  }
  // Galera: a read (and a transaction's BEGIN) first waits until this node has applied every
  // write committed anywhere in the cluster before it, so an instance on another node reads what
  // a user just wrote. No effect on a server without wsrep (a primary, a replica).
  await run('SET SESSION wsrep_sync_wait = 1').catch((error: { code?: string }) => {
    if (error.code !== 'ER_UNKNOWN_SYSTEM_VARIABLE') throw error;
  });
}

interface SqliteConnection {
  pragma(source: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (...values: unknown[]) => unknown): void;
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

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_QUERY_TIMEOUT', // MySQL max_execution_time
  'ER_UNKNOWN_COM_ERROR', // 1047, Galera: "WSREP has not yet prepared node for application use" (joining, or no quorum)
  'SQLITE_BUSY',
]);
/** mysql2 has no name for MariaDB's max_statement_time error (1969); MySQL's is 3024. */
const STATEMENT_TIMEOUT_ERRNOS = new Set([1969, 3024]);

/**
 * True when an error means "the database cannot serve us right now" (unreachable, overloaded,
 * too slow) rather than a bug: such requests get 503 / SERVICE_UNAVAILABLE and may be retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, errno, name, fatal } = (error ?? {}) as { code?: unknown; errno?: unknown; name?: unknown; fatal?: unknown };
  return (
    name === 'KnexTimeoutError' ||
    // mysql2's "Can't add new command when connection is in closed state", the only fatal error
    // it gives no code: a statement (a failed transaction's ROLLBACK) sent after the connection died.
    (fatal === true && code === undefined) ||
    (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) ||
    (typeof errno === 'number' && STATEMENT_TIMEOUT_ERRNOS.has(errno))
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
