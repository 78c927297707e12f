// MariaDB servers of the drill's own: a primary and a replica with GTID replication, each with
// its own datadir, port and socket under one temporary folder, started with --no-defaults so
// the machine's my.cnf (port 3306, the system datadir) never applies.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';

export const APP_USER = { user: 'shopgraph', password: 'drill-app-password' };
const REPLICATION_USER = { user: 'replicator', password: 'drill-replication-password' };
export const DATABASE = 'shopgraph';

export class MariaServer {
  private child: ChildProcess | null = null;
  private admin: Connection | null = null;

  /** `args` beyond the common ones (replicationArgs, galeraArgs); `runAs` the system user it runs as. */
  constructor(
    readonly name: string,
    readonly datadir: string,
    readonly port: number,
    private readonly args: string[],
    private readonly runAs: 'root' | 'mysql' = 'root',
  ) {}

  get socket(): string {
    return `${this.datadir}.sock`;
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  /** Starts the server and connects as root over its socket; `once` are arguments of this start only. */
  async start({ once = [] as string[], timeoutMs = 30_000 } = {}): Promise<void> {
    this.child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--user=${this.runAs}`,
        `--datadir=${this.datadir}`,
        `--port=${this.port}`,
        `--socket=${this.socket}`,
        `--pid-file=${this.datadir}.pid`,
        `--log-error=${this.datadir}.err`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=64M',
        '--innodb-flush-log-at-trx-commit=2',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_520_ci',
        ...this.args,
        ...once,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        this.admin = await mysql.createConnection({ socketPath: this.socket, user: 'root', multipleStatements: true });
        return;
      } catch (error) {
        if (Date.now() > deadline || this.child.exitCode !== null) {
          throw new Error(`${this.name} did not start: ${String(error)}; its log ends:\n${this.logTail()}`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** The last lines of the server's error log. */
  logTail(lines = 8): string {
    try {
      return readFileSync(`${this.datadir}.err`, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no error log)';
    }
  }

  /** Runs statements as root over the socket; rows of the last one. */
  async sql<T = RowDataPacket>(statement: string, values: unknown[] = []): Promise<T[]> {
    if (!this.admin) throw new Error(`${this.name} is not running`);
    const [rows] = await this.admin.query(statement, values);
    return rows as T[];
  }

  async one<T = RowDataPacket>(statement: string, values: unknown[] = []): Promise<T> {
    return (await this.sql<T>(statement, values))[0]!;
  }

  freeze(): void {
    process.kill(this.pid, 'SIGSTOP');
  }

  /** SIGKILL (of a frozen server too): no shutdown, crash recovery at the next start. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.admin?.destroy();
    this.admin = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid!, 'SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(child.pid!, 'SIGCONT');
    } catch {
      // already gone
    }
    await this.admin?.end().catch(() => {});
    this.admin = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

/** What a server of a primary/replica pair (or one with a binary log of its own) runs with. */
export function replicationArgs(serverId: number): string[] {
  return [
    `--server-id=${serverId}`,
    '--log-bin=binlog',
    '--binlog-format=ROW',
    '--gtid-strict-mode=1',
    '--log-slave-updates=1',
    '--performance-schema=ON',
  ];
}

/** A datadir made by `mariadb-install-db` (as `runAs`), once per folder: copies start faster and never collide. */
export function templateDatadir(dir: string, runAs: 'root' | 'mysql' = 'root'): string {
  const template = path.join(dir, 'template');
  if (!existsSync(template)) {
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${template}`, '--auth-root-authentication-method=normal', '--skip-test-db', `--user=${runAs}`], {
      stdio: 'ignore',
      timeout: 60_000,
    });
  }
  return template;
}

/**
 * A fresh primary and replica, replicating: `mariadb-install-db` runs once and its datadir is
 * copied (two parallel runs collide). The app's user has no SUPER (SUPER writes straight through
 * read_only) but SLAVE MONITOR, to see the replica's status.
 */
/** Each server started is added to `stops` before it starts, so the caller stops it whatever fails later. */
export async function startReplicatedPair(
  dir: string,
  ports: { primary: number; replica: number },
  stops: (() => Promise<unknown>)[],
  options: { primaryArgs?: string[]; replicaArgs?: string[] } = {},
) {
  mkdirSync(dir, { recursive: true });
  const template = templateDatadir(dir);
  cpSync(template, path.join(dir, 'primary'), { recursive: true });
  cpSync(template, path.join(dir, 'replica'), { recursive: true });
  const primary = new MariaServer('primary', path.join(dir, 'primary'), ports.primary, [...replicationArgs(1), ...(options.primaryArgs ?? [])]);
  const replica = new MariaServer('replica', path.join(dir, 'replica'), ports.replica, [
    ...replicationArgs(2),
    '--read-only=1',
    '--slave-net-timeout=5',
    ...(options.replicaArgs ?? []),
  ]);
  stops.push(() => Promise.all([primary.stop(), replica.stop()]));
  await Promise.all([primary.start(), replica.start()]);

  await primary.sql(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?`, [REPLICATION_USER.user, REPLICATION_USER.password]);
  await primary.sql(`GRANT REPLICATION SLAVE ON *.* TO ?@'127.0.0.1'`, [REPLICATION_USER.user]);
  await primary.sql(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?`, [APP_USER.user, APP_USER.password]);
  await primary.sql(`GRANT ALL ON ${DATABASE}.* TO ?@'127.0.0.1'`, [APP_USER.user]);
  await primary.sql(`GRANT SLAVE MONITOR ON *.* TO ?@'127.0.0.1'`, [APP_USER.user]);
  await primary.sql(`CREATE DATABASE ${DATABASE}`);
  await replica.sql(
    `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=?, MASTER_USER=?, MASTER_PASSWORD=?, MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1`,
    [ports.primary, REPLICATION_USER.user, REPLICATION_USER.password],
  );
  await replica.sql('START SLAVE');
  return { primary, replica };
}

/** Replica threads and lag, as SHOW REPLICA STATUS gives them. */
export async function replicaStatus(replica: MariaServer) {
  const status = await replica.one<{ Slave_IO_Running: string; Slave_SQL_Running: string; Seconds_Behind_Master: number | null }>('SHOW REPLICA STATUS');
  return { io: status.Slave_IO_Running, sql: status.Slave_SQL_Running, lag: status.Seconds_Behind_Master };
}

/** Resolves once the replica has applied everything the primary has committed. */
export async function caughtUp(primary: MariaServer, replica: MariaServer, timeoutSeconds = 30): Promise<void> {
  const { position } = await primary.one<{ position: string }>('SELECT @@gtid_binlog_pos AS position');
  const { reached } = await replica.one<{ reached: number }>('SELECT MASTER_GTID_WAIT(?, ?) AS reached', [position, timeoutSeconds]);
  if (Number(reached) !== 0) throw new Error(`the replica did not reach ${position} within ${timeoutSeconds} s`);
}

/** Statements of the app's database that `server` has run since the last reset, by kind. */
export async function statementCounts(server: MariaServer): Promise<{ catalogSelects: number; orderSelects: number; writes: number }> {
  const [row] = await server.sql<{ catalogSelects: string | null; orderSelects: string | null; writes: string | null }>(
    `SELECT SUM(IF(DIGEST_TEXT LIKE 'SELECT%' AND DIGEST_TEXT LIKE '%products%', COUNT_STAR, 0)) AS catalogSelects,
            SUM(IF(DIGEST_TEXT LIKE 'SELECT%' AND DIGEST_TEXT LIKE '%orders%', COUNT_STAR, 0)) AS orderSelects,
            SUM(IF(DIGEST_TEXT REGEXP '^(INSERT|UPDATE|DELETE|REPLACE)', COUNT_STAR, 0)) AS writes
       FROM performance_schema.events_statements_summary_by_digest WHERE SCHEMA_NAME = ?`,
    [DATABASE],
  );
  return { catalogSelects: Number(row?.catalogSelects ?? 0), orderSelects: Number(row?.orderSelects ?? 0), writes: Number(row?.writes ?? 0) };
}

export async function resetStatementCounts(...servers: MariaServer[]): Promise<void> {
  await Promise.all(servers.map((server) => server.sql('TRUNCATE performance_schema.events_statements_summary_by_digest')));
}

/** Where the accident's transaction starts: the GTID event before the first DROP TABLE after `from`. */
export async function accidentPosition(server: MariaServer, from: { file: string; position: number }): Promise<{ file: string; position: number }> {
  const logs = (await server.sql<{ Log_name: string }>('SHOW BINARY LOGS')).map((row) => row.Log_name);
  for (const file of logs.slice(logs.indexOf(from.file))) {
    const events = await server.sql<{ Pos: number; Event_type: string; Info: string }>(`SHOW BINLOG EVENTS IN '${file}'`);
    const drop = events.findIndex((event) => event.Event_type === 'Query' && /DROP TABLE/i.test(event.Info));
    if (drop > 0 && events[drop - 1]!.Event_type === 'Gtid') return { file, position: Number(events[drop - 1]!.Pos) };
  }
  throw new Error('no DROP TABLE in the binary log');
}
