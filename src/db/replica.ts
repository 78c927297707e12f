import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ReplicaConfig } from '../config';
import { REPLICA_CHECK_INTERVAL_MS, type ReplicaReport, type ReplicaState } from '../domain';
import { createReplicaDb, isDatabaseUnavailable } from './knex';

/** How each instance watches its replicas: a check every REPLICA_CHECK_INTERVAL_MS, each given 1 s to answer. */
const CHECK_TIMEOUT_MS = 1000;
/** How long a read waits for a replica to apply the user's last write before going to the primary. */
const POSITION_WAIT_SECONDS = 0.05;


interface ReplicaStatusRow {
  Slave_IO_Running?: string;
  Slave_SQL_Running?: string;
  Seconds_Behind_Master?: number | string | null;
  Last_IO_Error?: string;
  Last_SQL_Error?: string;
}

/**
 * One read replica: a pool for the reads it serves, and a watch that keeps it in the rotation
 * only while it answers, both replication threads run and it is at most `maxLagSeconds` behind.
 */
export class Replica {
  readonly address: string;
  /** The pool reads use; one per replica, so a position wait and the read after it reach the same server. */
  readonly db: Knex;
  /** A connection of its own for the checks, so a stalled replica cannot starve them of one. */
  private readonly monitorDb: Knex;
  private state: ReplicaState = 'starting';
  private lagSeconds: number | null = null;
  /** Emits `lost` when the replica leaves the rotation; each read in flight listens until it ends. */
  private readonly leaving = new EventEmitter().setMaxListeners(0);
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    config: ReplicaConfig & { database: string; poolMax: number },
    private readonly maxLagSeconds: number,
    private readonly logger: Logger,
  ) {
    this.address = `${config.host}:${config.port}`;
    this.db = createReplicaDb(config, { connectTimeoutMs: CHECK_TIMEOUT_MS, poolMax: config.poolMax });
    this.monitorDb = createReplicaDb(config, { connectTimeoutMs: CHECK_TIMEOUT_MS, poolMax: 1 });
  }

  /** Checks now, then every REPLICA_CHECK_INTERVAL_MS; resolves after the first check. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), REPLICA_CHECK_INTERVAL_MS).unref();
  }

  get healthy(): boolean {
    return this.state === 'healthy';
  }

  report(): ReplicaReport {
    return { address: this.address, state: this.state, lagSeconds: this.lagSeconds };
  }

  /**
   * Runs `read` here. Rejects if it fails or if the replica leaves the rotation before it answers
   * (a frozen server would otherwise hold the read until the statement deadline).
   */
  async run<T>(read: (db: Knex) => Promise<T>): Promise<T> {
    try {
      return await new Promise<T>((resolve, reject) => {
        const onLost = () => reject(new Error(`replica ${this.address} left the rotation during the read`));
        this.leaving.once('lost', onLost);
        read(this.db)
          .then(resolve, reject)
          .finally(() => this.leaving.off('lost', onLost));
      });
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.setState('unreachable', null, describe(error));
      throw error;
    }
  }

  /** True once this replica has applied `position`; false if it has not within 50 ms, or cannot say. */
  async hasApplied(position: string): Promise<boolean> {
    try {
      const reached = await this.run((db) => db.raw('SELECT MASTER_GTID_WAIT(?, ?) AS reached', [position, POSITION_WAIT_SECONDS]));
      return Number((reached as [{ reached: unknown }[]])[0][0]?.reached) === 0;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.db.destroy(), this.monitorDb.destroy()]);
  }

  private async check(): Promise<void> {
    if (this.checking) return; // the previous check still has its second to answer
    this.checking = true;
    try {
      const [rows] = (await withTimeout(this.monitorDb.raw('SHOW REPLICA STATUS'), CHECK_TIMEOUT_MS)) as [ReplicaStatusRow[]];
      this.judge(rows[0]);
    } catch (error) {
      this.setState('unreachable', null, describe(error));
    } finally {
      this.checking = false;
    }
  }

  private judge(status: ReplicaStatusRow | undefined): void {
    if (!status) return this.setState('not replicating', null, 'SHOW REPLICA STATUS is empty: this server is not a replica');
    const lag = status.Seconds_Behind_Master == null ? null : Number(status.Seconds_Behind_Master);
    if (status.Slave_IO_Running !== 'Yes' || status.Slave_SQL_Running !== 'Yes' || lag === null) {
      const threads = `IO thread ${status.Slave_IO_Running ?? '?'}, SQL thread ${status.Slave_SQL_Running ?? '?'}`;
      const lastError = status.Last_SQL_Error || status.Last_IO_Error;
      return this.setState('not replicating', lag, lastError ? `${threads}: ${lastError}` : threads);
    }
    if (lag > this.maxLagSeconds) return this.setState('lagging', lag, `${lag} s behind (DB_REPLICA_MAX_LAG is ${this.maxLagSeconds} s)`);
    this.setState('healthy', lag);
  }

  /** Logs changes of state only, never each check or request. */
  private setState(state: ReplicaState, lagSeconds: number | null, reason?: string): void {
    this.lagSeconds = lagSeconds;
    if (state === this.state) return;
    const was = this.state;
    this.state = state;
    if (state === 'healthy') {
      this.logger.info({ replica: this.address, was }, `replica ${this.address} is healthy: it serves reads`);
      return;
    }
    if (was === 'healthy') this.leaving.emit('lost');
    this.logger.warn({ replica: this.address, state, was, reason }, `replica ${this.address} is ${state}: reads go elsewhere (${reason})`);
  }
}

function describe(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ER_SPECIFIC_ACCESS_DENIED_ERROR' || code === 'ER_ACCESS_DENIED_ERROR') {
    return `${String(message)} (the replica's user needs SLAVE MONITOR, or REPLICATION CLIENT on MySQL, to report its status)`;
  }
  return typeof code === 'string' ? `${code}: ${String(message)}` : String(message);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
