import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { Config } from '../config';

/** Persisted documents outlive this long in Redis without use (Apollo's own default is 5 minutes). */
export const PERSISTED_QUERY_TTL_SECONDS = 24 * 60 * 60;

/** The store of automatic persisted queries, in Apollo's KeyValueCache shape. */
export interface PersistedQueryStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/**
 * With REDIS_URL, the APQ documents live in Redis, so a hash registered through one instance is
 * known to all of them (a CDN in front sends each GET to any instance). Written on ioredis, the
 * client the app already has, instead of adding keyv and a second Redis client. Redis down: a
 * lookup finds nothing (the client then sends the whole document, as APQ specifies) and a write is
 * dropped; nothing fails. Without REDIS_URL: null, and Apollo keeps them in memory.
 */
export function createPersistedQueryStore(config: Readonly<Config>, logger: Logger, redis: Redis | null): PersistedQueryStore | null {
  if (redis === null) return null;
  let failing = false;
  const failed = (error: unknown) => {
    if (!failing) logger.warn({ err: error }, 'persisted queries: Redis unavailable, clients resend whole documents until it is back');
    failing = true;
  };
  redis.on('error', failed);
  const prefix = `${config.cacheKeyPrefix}:apq:`;
  return {
    async get(key) {
      try {
        const value = await redis.get(prefix + key);
        failing = false;
        return value ?? undefined;
      } catch (error) {
        failed(error);
        return undefined;
      }
    },
    async set(key, value) {
      await redis.set(prefix + key, value, 'EX', PERSISTED_QUERY_TTL_SECONDS).catch(failed);
    },
    async delete(key) {
      await redis.del(prefix + key).catch(failed);
    },
  };
}
