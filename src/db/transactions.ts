import type { Knex } from 'knex';

/**
 * Errors after which the whole transaction may simply be run again. On Galera a write that loses
 * the cluster's certification to a write committed first on another node fails with 1213 at
 * COMMIT (or at its next statement): the same retry covers it.
 */
export function isWriteConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'ER_LOCK_DEADLOCK' || // 1213: MySQL rolled the transaction back (Galera: a certification conflict)
    code === 'ER_LOCK_WAIT_TIMEOUT' || // 1205: only the statement was rolled back; knex rolls back the rest
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_SNAPSHOT'
  );
}

/** Pools whose transactions run once (DB_TRANSACTION_RETRY=off, drills only). */
const runOnce = new WeakSet<Knex>();

export function switchOffRetries(db: Knex): void {
  runOnce.add(db);
}

/**
 * How many times a transaction runs at most, by default: on Galera, 40 buyers spread over three
 * nodes crossing on two rows still lost the fifth attempt now and then (the cluster drill).
 */
const DEFAULT_ATTEMPTS = 8;

export interface RetryOptions {
  attempts?: number;
  /** Errors of the caller's own that also mean "run it again" (e.g. a row changed meanwhile). */
  retryIf?: (error: unknown) => boolean;
  /** Told of each retry, e.g. to log how often deadlocks happen. */
  onRetry?: (error: unknown, attempt: number) => void;
}

/**
 * Runs `work` in a transaction, running it again from the start after a deadlock or lock-wait
 * timeout, a bounded number of times with a short randomized back-off.
 */
export async function transactionWithRetry<T>(
  db: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
  { attempts = runOnce.has(db) ? 1 : DEFAULT_ATTEMPTS, onRetry, retryIf }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (!(isWriteConflict(error) || retryIf?.(error)) || attempt >= attempts) throw error;
      onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
