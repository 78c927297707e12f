import { AppError } from '../errors';

/** How long an expensive read waits for its turn before it is refused. */
export const EXPENSIVE_READ_MAX_WAIT_MS = 1000;

/**
 * Reads that scan (a catalog search the index cannot answer, a count of every match) run at most
 * `permits` at a time across the app, so a flood of them leaves pooled connections for everything
 * else; the rest wait in arrival order, and past `maxWaitMs` are refused as RATE_LIMITED.
 */
export interface ExpensiveReadGate {
  run<T>(read: () => Promise<T>): Promise<T>;
  /** Reads running now, for tests and drills. */
  running(): number;
}

/** Leaves one connection of the pool (`poolMax`) to other reads; a pool of one is shared (SQLite). */
export function expensiveReadPermits(poolMax: number): number {
  return Math.max(1, poolMax - 1);
}

export function createExpensiveReadGate(permits: number, maxWaitMs = EXPENSIVE_READ_MAX_WAIT_MS): ExpensiveReadGate {
  let running = 0;
  const waiting: (() => void)[] = [];

  function release(): void {
    running -= 1;
    const next = waiting.shift();
    if (next) next();
  }

  async function turn(): Promise<void> {
    if (running < permits) {
      running += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const start = () => {
        clearTimeout(timer);
        running += 1;
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(start), 1);
        reject(busy(maxWaitMs));
      }, maxWaitMs);
      waiting.push(start);
    });
  }

  return {
    async run(read) {
      await turn();
      try {
        return await read();
      } finally {
        release();
      }
    },
    running: () => running,
  };
}

function busy(maxWaitMs: number): AppError {
  return new AppError(
    'RATE_LIMITED',
    'Too many searches that scan the whole catalog are running; try again shortly, or search for a word of 3 or more letters',
    { retryAfterSeconds: Math.max(1, Math.ceil(maxWaitMs / 1000)) },
  );
}
