import { isIPv6 } from 'node:net';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { AppError } from '../errors';

/** Failed password checks allowed per fixed window, which starts at the first failure. */
export const LOGIN_LIMITS = {
  perEmail: { failures: 10, windowSeconds: 15 * 60 },
  perClient: { failures: 30, windowSeconds: 15 * 60 },
} as const;

/** Redis keys are `<prefix>:email:<email>` and `<prefix>:ip:<address>`. */
export const REDIS_KEY_PREFIX = 'shopgraph:login-failures';

/** How long startup waits for Redis before answering from memory (Redis may come up later). */
const REDIS_STARTUP_WAIT_MS = 2000;
/** A Redis that stops answering must not stall sign-ins: the in-memory insurance answers instead. */
const REDIS_COMMAND_TIMEOUT_MS = 1000;

export interface LoginThrottle {
  /**
   * One password check for `email` (normalized) from `clientIp`, counted against both. When either has used up
   * its failures, RATE_LIMITED is thrown and `checkPassword` does not run (no query, no bcrypt),
   * whatever the password. A null from `checkPassword` is a failure and stays counted; a value
   * forgets the email's failures; an error counts as nothing.
   */
  attempt<T>(email: string, clientIp: string, checkPassword: () => Promise<T | null>): Promise<T | null>;
  /** Resolves once the shared store is usable, or once waiting longer would delay startup. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One per app. With REDIS_URL the counts live in Redis and every instance shares them (each
 * `consume` is one atomic script); while Redis is down each instance counts in its own memory.
 * Without REDIS_URL each instance counts in memory.
 */
export function createLoginThrottle(config: Readonly<Config>, logger: Logger): LoginThrottle {
  const redis = config.redisUrl === null ? null : connectToRedis(config.redisUrl, logger);
  const limiter = (kind: 'email' | 'ip', { failures, windowSeconds }: { failures: number; windowSeconds: number }) => {
    const options = { points: failures, duration: windowSeconds, keyPrefix: `${REDIS_KEY_PREFIX}:${kind}` };
    if (!redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
  const byEmail = limiter('email', LOGIN_LIMITS.perEmail);
  const byClient = limiter('ip', LOGIN_LIMITS.perClient);

  /** Gives back a point taken for an attempt that checked no password, or whose check succeeded. */
  async function refund(rateLimiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await rateLimiter.reward(key, 1);
    } catch (error) {
      logger.warn({ err: error }, 'could not refund a sign-in attempt');
    }
  }

  return {
    async attempt<T>(email: string, clientIp: string, checkPassword: () => Promise<T | null>): Promise<T | null> {
      const client = clientKey(clientIp);
      // consume() counts and compares in one atomic step (one Lua script on Redis), so concurrent
      // attempts (aliases, parallel requests, other instances) cannot all slip under the limit.
      const refusedClient = await consume(byClient, client);
      if (refusedClient) {
        await refund(byClient, client);
        throw rateLimited(refusedClient);
      }
      const refusedEmail = await consume(byEmail, email);
      if (refusedEmail) {
        await Promise.all([refund(byEmail, email), refund(byClient, client)]);
        throw rateLimited(refusedEmail);
      }

      let result: T | null;
      try {
        result = await checkPassword();
      } catch (error) {
        await Promise.all([refund(byEmail, email), refund(byClient, client)]);
        throw error;
      }
      if (result !== null) {
        // The right password: the email starts afresh, and a success is no failure of the client.
        await Promise.all([
          byEmail.delete(email).catch((error: unknown) => logger.warn({ err: error }, 'could not reset sign-in failures')),
          refund(byClient, client),
        ]);
      }
      return result;
    },

    async ready() {
      if (redis) await untilReady(redis, REDIS_STARTUP_WAIT_MS);
    },

    async close() {
      if (!redis) return;
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}

/** null when the point was taken within the limit, else the refusal (with the time to wait). */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key, 1);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  }
}

function rateLimited(refusal: RateLimiterRes): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    'RATE_LIMITED',
    `Too many failed sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    { retryAfterSeconds },
  );
}

/**
 * The key an address is counted under. An IPv6 client usually holds a whole /64, so it is
 * counted per /64 (or it could take a fresh address for every attempt); IPv4-mapped IPv6
 * addresses count as the IPv4 address they are.
 */
export function clientKey(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // A trailing dotted quad fills two groups.
  const groupsIn = (parts: string[]) => parts.reduce((count, part) => count + (part.includes('.') ? 2 : 1), 0);
  const zeros = tail === undefined ? [] : Array<string>(8 - groupsIn(left) - groupsIn(right)).fill('0');
  const groups = [...left, ...zeros, ...right].slice(0, 4).map((group) => parseInt(group, 16).toString(16));
  return `${groups.join(':')}::/64`;
}

function connectToRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    // As rate-limiter-flexible advises: while disconnected, commands fail at once (and the
    // in-memory insurance limiter answers) instead of queueing until Redis returns.
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // On close, a socket that never connected is destroyed after this rather than 2 s, which
    // would hold the process (and a shutdown) up while Redis is down.
    disconnectTimeout: 200,
  });
  let reachable: boolean | undefined;
  // Logged on changes only: ioredis retries every few seconds while Redis is down.
  redis.on('ready', () => {
    if (reachable === false) logger.info('Redis is reachable again: sign-in limits are shared again');
    reachable = true;
  });
  redis.on('error', (error: Error) => {
    if (reachable !== false) {
      logger.warn({ err: error }, 'Redis is unreachable: sign-in limits are counted per instance until it returns');
    }
    reachable = false;
  });
  return redis;
}

/** Resolves when Redis is ready, fails to connect, or after `timeoutMs`; never rejects. */
function untilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
    redis.once('error', done);
  });
}
