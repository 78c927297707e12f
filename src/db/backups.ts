// Backups and restores of the configured database (npm run db:backup / db:restore).
// MySQL/MariaDB: mariadb-dump in one consistent-snapshot transaction, with the binary-log position
// of that snapshot written into the file's header, so the binary log can be replayed from exactly
// there (point-in-time recovery). SQLite: the online backup API, into a database file.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../config';
import { createDb } from './knex';
import { pendingMigrations } from './migrations';

type MysqlConfig = Extract<DatabaseConfig, { client: 'mysql' }>;

/** The part of better-sqlite3 used here (it ships no types; knex.ts declares its own part likewise). */
interface SqliteDatabase {
  prepare(sql: string): { get(): unknown };
  backup(file: string, options?: { progress(info: { totalPages: number; remainingPages: number }): number }): Promise<unknown>;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- better-sqlite3 ships no types
const Database = require('better-sqlite3') as new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => SqliteDatabase;

const SQLITE_MAGIC = 'SQLite format 3\0';
const HEADER_TITLE = '-- Shopgraph backup';

/** Where a MySQL backup's snapshot sits in the source server's binary log (null: binary log off). */
export interface BinlogPosition {
  file: string;
  position: number;
  gtid: string;
}

export interface BackupHeader {
  dialect: 'mysql' | 'sqlite';
  /** The database the backup was taken from. */
  database: string;
  taken: string;
  binlog: BinlogPosition | null;
}

export interface BackupReport {
  header: BackupHeader;
  bytes: number;
  seconds: number;
}

/** Writes a consistent backup of `config`'s database to `file` (written beside it, then renamed). */
export async function backupDatabase(config: DatabaseConfig, file: string): Promise<BackupReport> {
  const started = performance.now();
  const partial = `${file}.partial`;
  try {
    const header = config.client === 'mysql' ? await dumpMysql(config, partial) : await backupSqlite(config.filename, partial);
    renameSync(partial, file);
    return { header, bytes: statSync(file).size, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(partial, { force: true });
  }
}

async function backupSqlite(filename: string, target: string): Promise<BackupHeader> {
  if (!existsAsFile(filename)) throw new Error(`No SQLite database at ${filename} (SQLITE_FILE)`);
  const source = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    // The first step copies 100 pages; every later one copies all that is left in one read
    // transaction, so a write between steps (which restarts the backup) cannot starve it, and in
    // WAL mode that read transaction does not block the app's writer.
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  return { dialect: 'sqlite', database: path.basename(filename), taken: new Date().toISOString(), binlog: null };
}

async function dumpMysql(config: MysqlConfig, partial: string): Promise<BackupHeader> {
  await answers(config);
  const db = createDb(config);
  let binlogOn: boolean;
  try {
    binlogOn = Number(await scalar(db, 'SELECT @@log_bin AS value', config)) === 1;
  } finally {
    await db.destroy();
  }
  const taken = new Date().toISOString();
  const body = `${partial}.body`;
  try {
    await withClientOptions(config, async (defaultsFile) => {
      const args = [
        `--defaults-file=${defaultsFile}`,
        // One REPEATABLE READ transaction (START TRANSACTION WITH CONSISTENT SNAPSHOT): InnoDB
        // readers take no locks, so orders keep committing while the dump reads.
        '--single-transaction',
        '--skip-lock-tables',
        '--skip-add-locks', // no LOCK TABLES in the file either (Galera refuses them)
        '--triggers',
        '--hex-blob',
        '--no-tablespaces',
        '--default-character-set=utf8mb4',
        // With --single-transaction MariaDB reads the snapshot's own binlog position
        // (Binlog_snapshot_file/position) instead of taking FLUSH TABLES WITH READ LOCK.
        ...(binlogOn ? ['--master-data=2', '--gtid'] : []),
        `--result-file=${body}`,
        config.database,
      ];
      await run('mariadb-dump', args, null);
    });
    // The position is among the first lines; MariaDB's dump prints the GTID of it among the last.
    const binlog = binlogOn ? binlogPositionOf(readPart(body, 64 * 1024, 'start'), readPart(body, 64 * 1024, 'end')) : null;
    const header: BackupHeader = { dialect: 'mysql', database: config.database, taken, binlog };
    const out = createWriteStream(partial);
    out.write(formatHeader(header));
    await pipeline(createReadStream(body), out);
    return header;
  } finally {
    rmSync(body, { force: true });
  }
}

/**
 * `-- CHANGE MASTER TO MASTER_LOG_FILE='binlog.000001', MASTER_LOG_POS=1234;` from the start of
 * mariadb-dump's output, and its `-- SET GLOBAL gtid_slave_pos='0-1-5';`, which it prints at the end.
 */
function binlogPositionOf(dumpStart: string, dumpEnd: string): BinlogPosition {
  const change = /MASTER_LOG_FILE='([^']+)',\s*MASTER_LOG_POS=(\d+)/.exec(dumpStart);
  const gtidLine = /gtid_slave_pos='([^']*)'/;
  const gtid = gtidLine.exec(dumpEnd) ?? gtidLine.exec(dumpStart);
  if (!change) throw new Error('mariadb-dump wrote no binary log position (is binary logging on?)');
  return { file: change[1]!, position: Number(change[2]), gtid: gtid?.[1] ?? '' };
}

function formatHeader(header: BackupHeader): string {
  const lines = [
    HEADER_TITLE,
    `-- dialect: ${header.dialect}`,
    `-- database: ${header.database}`,
    `-- taken: ${header.taken}`,
    `-- binlog: ${header.binlog ? `${header.binlog.file}:${header.binlog.position}` : 'off'}`,
    `-- gtid: ${header.binlog?.gtid ?? ''}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** What kind of backup `file` is; a clear error for a missing, unreadable or foreign file. */
export function readBackupHeader(file: string): BackupHeader {
  let start: string;
  try {
    start = readPart(file, 4096, 'start');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
    throw new Error(`Cannot read the backup ${file}: ${why}`, { cause: error });
  }
  if (start.startsWith(SQLITE_MAGIC)) return { dialect: 'sqlite', database: path.basename(file), taken: '', binlog: null };
  if (!start.startsWith(`${HEADER_TITLE}\n`)) throw new Error(`${file} is not a Shopgraph backup (no "${HEADER_TITLE}" header, not a SQLite database)`);
  const field = (name: string) => new RegExp(`^-- ${name}: (.*)$`, 'm').exec(start)?.[1] ?? '';
  const binlog = /^(.+):(\d+)$/.exec(field('binlog'));
  return {
    dialect: 'mysql',
    database: field('database'),
    taken: field('taken'),
    binlog: binlog ? { file: binlog[1]!, position: Number(binlog[2]), gtid: field('gtid') } : null,
  };
}

export interface RestoreOptions {
  /** Replace whatever the target database holds. */
  force: boolean;
  /**
   * MySQL point-in-time recovery: after loading the backup, replay the source server's binary log
   * from the backup's position up to (not including) the event at `file:position`.
   */
  replayUntil: { file: string; position: number } | null;
  /** The server whose binary log is replayed; null: the target server. */
  binlogServer: { host: string; port: number } | null;
}

export interface RestoreReport {
  header: BackupHeader;
  replayed: { from: string; until: string } | null;
  pending: string[];
}

/** Loads `file` into `config`'s database, refusing one that has any table unless `force`. */
export async function restoreDatabase(config: DatabaseConfig, file: string, options: RestoreOptions): Promise<RestoreReport> {
  const header = readBackupHeader(file);
  const target = config.client === 'mysql' ? 'MySQL/MariaDB (DB_HOST is set)' : 'SQLite (DB_HOST is not set)';
  if (header.dialect !== (config.client === 'mysql' ? 'mysql' : 'sqlite')) {
    throw new Error(`${file} is a ${header.dialect === 'mysql' ? 'MySQL/MariaDB' : 'SQLite'} backup; the configured database is ${target}`);
  }
  if (options.replayUntil && config.client !== 'mysql') throw new Error('--replay-until needs MySQL/MariaDB: SQLite has no binary log');
  if (options.replayUntil && !header.binlog) throw new Error(`${file} records no binary log position (binary logging was off): it cannot be replayed from`);

  let replayed: RestoreReport['replayed'] = null;
  if (config.client === 'sqlite') {
    await restoreSqlite(config.filename, file, options.force);
  } else {
    await restoreMysql(config, file, options.force);
    if (options.replayUntil) replayed = await replayBinlog(config, header, options.replayUntil, options.binlogServer);
  }
  const db = createDb(config);
  try {
    return { header, replayed, pending: await pendingMigrations(db) };
  } finally {
    await db.destroy();
  }
}

async function restoreSqlite(filename: string, file: string, force: boolean): Promise<void> {
  if (existsAsFile(filename)) {
    const existing = new Database(filename, { readonly: true, fileMustExist: true });
    let tables: number;
    try {
      tables = (existing.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
    } finally {
      existing.close();
    }
    if (tables > 0 && !force) throw refusal(filename, tables);
  }
  // Copied through the backup API into a file beside the target, then renamed over it: a
  // half-written restore never looks like a database. Stale WAL files would be replayed into it.
  mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  const staged = `${filename}.restoring`;
  try {
    await source.backup(staged);
  } finally {
    source.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
  renameSync(staged, filename);
}

async function restoreMysql(config: MysqlConfig, file: string, force: boolean): Promise<void> {
  await answers(config);
  const db = createDb(config);
  try {
    const tables = (await rows<{ name: string }>(db, 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()', config)).map(
      (row) => row.name,
    );
    if (tables.length > 0 && !force) throw refusal(config.database, tables.length);
    if (tables.length > 0) {
      await db.transaction(async (trx) => {
        await trx.raw('SET FOREIGN_KEY_CHECKS = 0');
        for (const table of tables) await trx.raw('DROP TABLE ??', [table]);
        await trx.raw('SET FOREIGN_KEY_CHECKS = 1');
      });
    }
  } finally {
    await db.destroy();
  }
  await withClientOptions(config, (defaultsFile) => run('mariadb', [`--defaults-file=${defaultsFile}`, `--database=${config.database}`, '--batch'], file));
}

/**
 * Replays the source database's events from the backup's position to just before `until`,
 * renamed to the target database when the names differ. Reading the log remotely needs
 * REPLICATION SLAVE; replaying its GTIDs and server ids needs BINLOG REPLAY (or SUPER).
 */
async function replayBinlog(
  config: MysqlConfig,
  header: BackupHeader,
  until: { file: string; position: number },
  binlogServer: RestoreOptions['binlogServer'],
): Promise<NonNullable<RestoreReport['replayed']>> {
  const start = header.binlog!;
  const source = { ...config, ...(binlogServer ?? {}) };
  await answers(source);
  const db = createDb(source);
  let files: string[];
  try {
    files = (await rows<{ Log_name: string }>(db, 'SHOW BINARY LOGS', source)).map((row) => row.Log_name);
  } finally {
    await db.destroy();
  }
  const first = files.indexOf(start.file);
  const last = files.indexOf(until.file);
  if (first < 0) throw new Error(`The binary log ${start.file} (the backup's position) is no longer on ${source.host}:${source.port}`);
  if (last < 0 || last < first) throw new Error(`The binary log ${until.file} is not on ${source.host}:${source.port} at or after ${start.file}`);
  const args = [
    '--read-from-remote-server',
    `--start-position=${start.position}`,
    `--stop-position=${until.position}`,
    `--database=${header.database}`,
    ...(header.database !== config.database ? [`--rewrite-db=${header.database}->${config.database}`] : []),
    ...files.slice(first, last + 1),
  ];
  await withClientOptions(source, (sourceDefaults) =>
    withClientOptions(config, async (targetDefaults) => {
      const reader = spawn('mariadb-binlog', [`--defaults-file=${sourceDefaults}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      const writer = spawn('mariadb', [`--defaults-file=${targetDefaults}`, `--database=${config.database}`, '--batch'], { stdio: ['pipe', 'ignore', 'pipe'] });
      reader.stdout.pipe(writer.stdin);
      const [readerCode, writerCode] = await Promise.all([exitOf(reader, 'mariadb-binlog'), exitOf(writer, 'mariadb')]);
      if (readerCode.code !== 0) throw new Error(`mariadb-binlog failed: ${readerCode.stderr}`);
      if (writerCode.code !== 0) throw new Error(`Replaying the binary log failed: ${writerCode.stderr}`);
    }),
  );
  return { from: `${start.file}:${start.position}`, until: `${until.file}:${until.position}` };
}

function refusal(database: string, tables: number): Error {
  return new Error(`Refusing to restore into ${database}: it already has ${tables} table${tables === 1 ? '' : 's'} (--force replaces them)`);
}

/**
 * Runs `action` with a client option file (mode 0600, removed afterwards) holding the server's
 * address and credentials: the password never appears on a command line. --defaults-file also
 * keeps the machine's my.cnf (its port and socket) out of the way.
 */
async function withClientOptions<T>(config: Pick<MysqlConfig, 'host' | 'port' | 'user' | 'password'>, action: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-client-'));
  const file = path.join(dir, 'client.cnf');
  try {
    const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const options = ['[client]', `host=${config.host}`, `port=${config.port}`, 'protocol=tcp', `user=${quote(config.user)}`, `password=${quote(config.password)}`];
    writeFileSync(file, `${options.join('\n')}\n`, { mode: 0o600 });
    return await action(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a client program, `stdinFile` as its input; its first error line becomes the error. */
async function run(command: string, args: string[], stdinFile: string | null): Promise<void> {
  const child = spawn(command, args, { stdio: [stdinFile === null ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
  if (stdinFile !== null) createReadStream(stdinFile).pipe(child.stdin!);
  const { code, stderr } = await exitOf(child, command);
  if (code !== 0) throw new Error(`${command} failed: ${stderr || `exit code ${code}`}`);
}

async function exitOf(child: ReturnType<typeof spawn>, command: string): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const failed = once(child, 'error').then(([error]) => {
    throw new Error(`Cannot run ${command}: ${(error as Error).message} (is the MariaDB client installed?)`);
  });
  const [code] = (await Promise.race([once(child, 'close'), failed])) as [number | null];
  const firstLine = stderr.split('\n').find((line) => line.trim() !== '' && !/Warning/i.test(line)) ?? '';
  return { code, stderr: firstLine.trim() };
}

async function rows<T>(db: Knex, sql: string, config: Pick<MysqlConfig, 'host' | 'port'>): Promise<T[]> {
  try {
    const [result] = (await db.raw(sql)) as [T[]];
    return result;
  } catch (error) {
    throw unreachable(error, config);
  }
}

async function scalar(db: Knex, sql: string, config: Pick<MysqlConfig, 'host' | 'port'>): Promise<unknown> {
  return (await rows<{ value: unknown }>(db, sql, config))[0]?.value;
}

/** One connection attempt first, so a server that does not answer is one clear line (knex would retry and log). */
async function answers(config: Pick<MysqlConfig, 'host' | 'port' | 'user' | 'password'>): Promise<void> {
  try {
    const connection = await mysql.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password, connectTimeout: 5000 });
    await connection.end();
  } catch (error) {
    throw unreachable(error, config);
  }
}

function unreachable(error: unknown, config: Pick<MysqlConfig, 'host' | 'port'>): Error {
  const code = (error as { code?: string }).code ?? '';
  if (/ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|PROTOCOL_CONNECTION_LOST|Timeout/i.test(`${code} ${(error as Error).message}`)) {
    return new Error(`The database server at ${config.host}:${config.port} does not answer (${code || (error as Error).message})`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The first (or last) `bytes` of a file, as latin1 (mariadb-dump's comments are ASCII). */
function readPart(file: string, bytes: number, from: 'start' | 'end'): string {
  const fd = openSync(file, 'r');
  try {
    const size = statSync(file).size;
    const buffer = Buffer.alloc(Math.min(bytes, size));
    const read = readSync(fd, buffer, 0, buffer.length, from === 'start' ? 0 : size - buffer.length);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function existsAsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
