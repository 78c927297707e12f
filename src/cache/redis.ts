import { Redis } from 'ioredis';

/** A Redis that stops answering must not stall reads: past this the answer is computed without it. */
const REDIS_COMMAND_TIMEOUT_MS = 250;
/** How long startup waits for Redis before serving without it (it may come up later). */
const REDIS_STARTUP_WAIT_MS = 2000;

/**
 * A connection for the caches (responses, persisted queries): commands fail at once while it is
 * down (no offline queue, no retries) so callers fall back to computing; it reconnects by itself.
 */
export function connectCacheRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/** Resolves once `redis` is ready, or after REDIS_STARTUP_WAIT_MS. */
export async function readyOrTimeout(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, REDIS_STARTUP_WAIT_MS);
    redis.once('ready', done);
    function done() {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
  });
}
