import type { Knex } from 'knex';

/** Errors after which the whole transaction may simply be run again. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'ER_LOCK_DEADLOCK' || // 1213: MySQL rolled the transaction back
    code === 'ER_LOCK_WAIT_TIMEOUT' || // 1205: only the statement was rolled back; knex rolls back the rest
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_SNAPSHOT'
  );
}

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
  { attempts = 5, onRetry, retryIf }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (!(isTransient(error) || retryIf?.(error)) || attempt >= attempts) throw error;
      onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
