import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { isPosition } from './replicationPosition';

/** Redis keys are `<prefix>:<user id>`; each holds the position of that user's last write. */
export const POSITION_KEY_PREFIX = 'shopgraph:write-position';
/** A Redis that stops answering must not stall reads: the user then reads from the primary. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** Users with a write in the last window held in memory when REDIS_URL is unset. */
const MEMORY_MAX_USERS = 100_000;

/**
 * Where each user's last write stands in the primary's binary log, for `windowSeconds` after it:
 * shared by every instance through Redis, or kept in this process's memory without REDIS_URL.
 */
export interface PositionStore {
  /** The position of the user's last write in the window; null: none; undefined: unknown (the store is unreachable). */
  get(userId: number): Promise<string | null | undefined>;
  set(userId: number, position: string): Promise<void>;
  /** Resolves once Redis answers, fails to connect, or after 2 s (it may come up later). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** How long startup waits for Redis before counting it as down. */
const REDIS_STARTUP_WAIT_MS = 2000;

export function createPositionStore(redisUrl: string | null, windowSeconds: number, logger: Logger): PositionStore {
  if (redisUrl === null) {
    const positions = new LRUCache<number, string>({ max: MEMORY_MAX_USERS, ttl: windowSeconds * 1000 });
    return {
      get: async (userId) => positions.get(userId) ?? null,
      set: async (userId, position) => void positions.set(userId, position),
      ready: async () => {},
      close: async () => positions.clear(),
    };
  }

  const redis = new Redis(redisUrl, {
    // While disconnected, commands fail at once (the user reads from the primary) instead of queueing.
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    disconnectTimeout: 200,
  });
  let reachable: boolean | undefined;
  // Logged on changes only: ioredis retries every few seconds while Redis is down.
  const changed = (now: boolean, error?: unknown) => {
    if (now && reachable === false) logger.info('Redis is reachable again: signed-in users read from replicas again');
    if (!now && reachable !== false) {
      logger.warn({ err: error }, 'Redis is unreachable: signed-in users read from the primary until it returns');
    }
    reachable = now;
  };
  redis.on('ready', () => changed(true));
  redis.on('error', (error: Error) => changed(false, error));
  const key = (userId: number) => `${POSITION_KEY_PREFIX}:${userId}`;

  return {
    async get(userId) {
      try {
        const position = await redis.get(key(userId));
        return position !== null && isPosition(position) ? position : null;
      } catch (error) {
        changed(false, error);
        return undefined;
      }
    },
    async set(userId, position) {
      try {
        await redis.set(key(userId), position, 'EX', windowSeconds);
      } catch (error) {
        // Readers on other instances cannot reach Redis either, so they read this user's data from the primary.
        changed(false, error);
      }
    },
    ready() {
      if (redis.status === 'ready') return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, REDIS_STARTUP_WAIT_MS).unref();
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        redis.once('ready', done);
        redis.once('error', done);
      });
    },
    async close() {
      redis.disconnect();
    },
  };
}
