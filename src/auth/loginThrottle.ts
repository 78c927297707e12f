import ipaddr from 'ipaddr.js';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { AppError } from '../errors';

/** Failed password checks allowed per fixed window, which starts at the first failure. */
export const LOGIN_LIMITS = {
  perEmail: { failures: 10, windowSeconds: 15 * 60 },
  perClient: { failures: 30, windowSeconds: 15 * 60 },
  /**
   * An attempt over a limit while checks that hold its points are still running (and may succeed,
   * which gives the points back) waits for them, this long at most, instead of being refused.
   */
  inFlightWaitSeconds: 30,
} as const;

/** The window of REGISTRATION_LIMIT (config.registrationLimit): registrations per client address. */
export const REGISTRATION_WINDOW_SECONDS = 15 * 60;

/** Redis keys are `<prefix>:email:<email>` and `<prefix>:ip:<address>`. */
export const REDIS_KEY_PREFIX = 'shopgraph:login-failures';
/** Password checks running now, per email and address: `<prefix>:email:<email>`, `<prefix>:ip:<address>`. */
export const IN_FLIGHT_KEY_PREFIX = 'shopgraph:login-checking';
/** Registrations per address: `<prefix>:ip:<address>`. */
export const REGISTRATION_KEY_PREFIX = 'shopgraph:registrations';

/** How long startup waits for Redis before answering from memory (Redis may come up later). */
const REDIS_STARTUP_WAIT_MS = 2000;
/** A Redis that stops answering must not stall sign-ins: the in-memory insurance answers instead. */
const REDIS_COMMAND_TIMEOUT_MS = 1000;
/** How often an attempt waiting for running checks looks again. */
const IN_FLIGHT_POLL_MS = 50;
/** A running-checks count outlives a process that died mid-check by this much at most. */
const IN_FLIGHT_TTL_SECONDS = 60;

export interface LoginThrottle {
  /**
   * One password check for `email` (normalized) from `clientIp`, counted against both. When either has used up
   * its failures, RATE_LIMITED is thrown and `checkPassword` does not run (no query, no bcrypt),
   * whatever the password. A null from `checkPassword` is a failure and stays counted; a value
   * forgets the email's failures; an error counts as nothing. Checks still running count as
   * failures until they end, so parallel attempts cannot exceed the limit; an attempt that finds
   * the limit used up by running checks waits for them (LOGIN_LIMITS.inFlightWaitSeconds at most)
   * rather than being refused, so a burst of correct sign-ins all succeed.
   */
  attempt<T>(email: string, clientIp: string, checkPassword: () => Promise<T | null>): Promise<T | null>;
  /**
   * One registration from `clientIp`, counted against the address's REGISTRATION_LIMIT whether it
   * creates an account or ends in CONFLICT (an "email taken" answer tells whether an account exists).
   * Any other error counts as nothing. Over the limit, RATE_LIMITED is thrown and `register` does not run.
   */
  registration<T>(clientIp: string, register: () => Promise<T>): Promise<T>;
  /** Resolves once the shared store is usable, or once waiting longer would delay startup. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** A limit and the count of checks running against it (both per key). */
interface Budget {
  limiter: RateLimiterAbstract;
  inFlight: RateLimiterAbstract;
  points: number;
}

/**
 * One per app. With REDIS_URL the counts live in Redis and every instance shares them (each
 * `consume` is one atomic script); while Redis is down each instance counts in its own memory.
 * Without REDIS_URL each instance counts in memory.
 */
export function createLoginThrottle(config: Readonly<Config>, logger: Logger): LoginThrottle {
  const redis = config.redisUrl === null ? null : connectToRedis(config.redisUrl, logger);
  const limiter = (keyPrefix: string, points: number, duration: number) => {
    const options = { points, duration, keyPrefix };
    if (!redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
  const budget = (kind: 'email' | 'ip', { failures, windowSeconds }: { failures: number; windowSeconds: number }): Budget => ({
    limiter: limiter(`${REDIS_KEY_PREFIX}:${kind}`, failures, windowSeconds),
    inFlight: limiter(`${IN_FLIGHT_KEY_PREFIX}:${kind}`, Number.MAX_SAFE_INTEGER, IN_FLIGHT_TTL_SECONDS),
    points: failures,
  });
  const byEmail = budget('email', LOGIN_LIMITS.perEmail);
  const byClient = budget('ip', LOGIN_LIMITS.perClient);
  const registrations = limiter(`${REGISTRATION_KEY_PREFIX}:ip`, config.registrationLimit, REGISTRATION_WINDOW_SECONDS);

  /** Gives back a point taken for an attempt that checked no password, or whose check succeeded. */
  async function refund(rateLimiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await rateLimiter.reward(key, 1);
    } catch (error) {
      logger.warn({ err: error }, 'could not refund a sign-in attempt');
    }
  }

  /** Adds `change` to the key's running checks; the count after it (0 when it cannot be told). */
  async function countInFlight({ inFlight }: Budget, key: string, change: 1 | -1): Promise<number> {
    try {
      const res = change > 0 ? await inFlight.penalty(key, 1) : await inFlight.reward(key, 1);
      return res.consumedPoints;
    } catch (error) {
      logger.warn({ err: error }, 'could not count a running sign-in check');
      return 0;
    }
  }

  /** Waits until the key's point may be free again (true) or cannot be (false: no check is running, or time is up). */
  async function untilFreed({ limiter, inFlight, points }: Budget, key: string, deadline: number): Promise<boolean> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_POLL_MS));
      if (Date.now() >= deadline) return false;
      try {
        const [used, running] = await Promise.all([limiter.get(key), inFlight.get(key)]);
        if ((used?.consumedPoints ?? 0) < points) return true;
        if ((running?.consumedPoints ?? 0) <= 0) return false;
      } catch (error) {
        logger.warn({ err: error }, 'could not read sign-in counts');
        return false;
      }
    }
  }

  /**
   * Takes a point of `budget` for a check, or returns the refusal. The check is counted as running
   * before its point is taken, so an attempt refused after it sees it and waits for it to end.
   */
  async function admit(budget: Budget, key: string, deadline: number): Promise<RateLimiterRes | null> {
    for (;;) {
      await countInFlight(budget, key, 1);
      // consume() counts and compares in one atomic step (one Lua script on Redis), so concurrent
      // attempts (aliases, parallel requests, other instances) cannot all slip under the limit.
      const refusal = await consume(budget.limiter, key);
      if (!refusal) return null;
      await refund(budget.limiter, key);
      const othersRunning = await countInFlight(budget, key, -1);
      if (othersRunning <= 0 || !(await untilFreed(budget, key, deadline))) return refusal;
    }
  }

  /** After the check: the point stays (a failure), is given back, or the key's count is forgotten. */
  async function release(budget: Budget, key: string, point: 'keep' | 'refund' | 'forget'): Promise<void> {
    if (point === 'refund') await refund(budget.limiter, key);
    if (point === 'forget') {
      await budget.limiter.delete(key).catch((error: unknown) => logger.warn({ err: error }, 'could not reset sign-in failures'));
    }
    await countInFlight(budget, key, -1);
  }

  return {
    async attempt<T>(email: string, clientIp: string, checkPassword: () => Promise<T | null>): Promise<T | null> {
      const client = clientKey(clientIp);
      const deadline = Date.now() + LOGIN_LIMITS.inFlightWaitSeconds * 1000;
      const refusedClient = await admit(byClient, client, deadline);
      if (refusedClient) throw rateLimited(refusedClient, 'Too many failed sign-in attempts');
      const refusedEmail = await admit(byEmail, email, deadline);
      if (refusedEmail) {
        await release(byClient, client, 'refund');
        throw rateLimited(refusedEmail, 'Too many failed sign-in attempts');
      }

      let result: T | null;
      try {
        result = await checkPassword();
      } catch (error) {
        await Promise.all([release(byEmail, email, 'refund'), release(byClient, client, 'refund')]);
        throw error;
      }
      // The right password: the email starts afresh, and a success is no failure of the client.
      const success = result !== null;
      await Promise.all([release(byEmail, email, success ? 'forget' : 'keep'), release(byClient, client, success ? 'refund' : 'keep')]);
      return result;
    },

    async registration<T>(clientIp: string, register: () => Promise<T>): Promise<T> {
      const client = clientKey(clientIp);
      const refused = await consume(registrations, client);
      if (refused) {
        await refund(registrations, client);
        throw rateLimited(refused, 'Too many sign-ups from your address');
      }
      try {
        return await register();
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CONFLICT')) await refund(registrations, client);
        throw error;
      }
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

function rateLimited(refusal: RateLimiterRes, what: string): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    'RATE_LIMITED',
    `${what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    { retryAfterSeconds },
  );
}

/**
 * The key an address is counted under. An IPv6 client usually holds a whole /64, so it is
 * counted per /64 (or it could take a fresh address for every attempt); IPv4-mapped IPv6
 * addresses count as the IPv4 address they are. ipaddr.js parses the address (every IPv6 form,
 * zone ids, a trailing dotted quad); anything it cannot parse is counted as it is.
 */
export function clientKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const network = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(':')}::/64`;
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
    if (reachable === false) logger.info('Redis is reachable again: sign-in and registration limits are shared again');
    reachable = true;
  });
  redis.on('error', (error: Error) => {
    if (reachable !== false) {
      logger.warn({ err: error }, 'Redis is unreachable: sign-in and registration limits are counted per instance until it returns');
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
