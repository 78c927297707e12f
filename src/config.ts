// The only module that reads process.env. Everything is validated once, at startup;
// an invalid value stops the process with one line naming the variable.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';

/** `jit`: operations compiled by graphql-jit (src/graphql/compiledExecution.ts); `graphql-js`: its `execute`. */
export const GRAPHQL_EXECUTORS = ['jit', 'graphql-js'] as const;
export type GraphqlExecutor = (typeof GRAPHQL_EXECUTORS)[number];

/** A read replica of the MySQL/MariaDB primary (DB_REPLICAS). */
export interface ReplicaConfig {
  host: string;
  port: number;
  user: string;
  password: string;
}

export type DatabaseConfig =
  | {
      client: 'mysql';
      host: string;
      port: number;
      user: string;
      password: string;
      database: string;
      poolMax: number;
      /** Empty: every statement goes to the primary. */
      replicas: ReplicaConfig[];
      /** A replica further behind than this leaves the rotation (DB_REPLICA_MAX_LAG). */
      replicaMaxLagSeconds: number;
      /**
       * false only to show what read-your-writes guards against (DB_REPLICA_POSITION_WAIT=off,
       * refused in production): replicas are read without waiting for the user's own writes.
       */
      waitForPositions: boolean;
      /**
       * false only to show what retrying buys (DB_TRANSACTION_RETRY=off, refused in production):
       * a write transaction rolled back by a deadlock or a Galera certification conflict fails.
       */
      retryTransactions: boolean;
    }
  | { client: 'sqlite'; filename: string };

export interface Config {
  env: NodeEnv;
  port: number;
  database: DatabaseConfig;
  jwt: { secret: string; expiresInSeconds: number };
  bcryptRounds: number;
  corsOrigins: string[];
  redisUrl: string | null;
  /** Express's `trust proxy`: false (default), true, a hop count, or addresses/subnets. */
  trustProxy: boolean | number | string[];
  logLevel: string;
  /** DataLoader batching and per-request caching (DATALOADER_BATCHING=off only to measure what they save). */
  loaderBatching: boolean;
  /** How GraphQL operations are executed (GRAPHQL_EXECUTOR); graphql-js only to measure or to rule out the compiler. */
  graphqlExecutor: GraphqlExecutor;
  /** Who served a request, in every log line and the X-Instance-Id header (INSTANCE_ID). */
  instanceId: string;
  /** The seeded admin's email (ADMIN_EMAIL); null: admin@example.com in development, required to seed production. */
  adminEmail: string | null;
  /** The seeded admin's password (ADMIN_PASSWORD); null: the demo admin's (seeds/demo.ts) in development, required to seed production. */
  adminPassword: string | null;
  /** Units one user's PENDING (unpaid) orders may hold together (MAX_UNPAID_UNITS_PER_USER). */
  maxUnpaidUnitsPerUser: number;
  /** Jobs each bcrypt queue (sign-in checks, new hashes) holds before refusing with 503 (BCRYPT_QUEUE_MAX). */
  bcryptQueueMax: number;
  /** Registrations (including refused "email taken" ones) one client address may attempt per window (REGISTRATION_LIMIT). */
  registrationLimit: number;
  /** PENDING_ORDER_TTL in seconds: unpaid orders older than this are cancelled and restocked; null: never. */
  pendingOrderTtlSeconds: number | null;
  /** The shared Redis response cache of anonymous catalog reads (RESPONSE_CACHE=on; needs REDIS_URL). */
  responseCache: boolean;
  /** Cache hits answered in the http server's listener, before Express (RESPONSE_CACHE_FAST_PATH=on); off: through Express. */
  responseCacheFastPath: boolean;
  /** Where the response cache's entries and catalog version live in Redis (CACHE_KEY_PREFIX). */
  cacheKeyPrefix: string;
  /** Problems that do not stop startup but that an operator should see. */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** process.env, after loading `.env` from the working directory if there is one. */
export function readProcessEnv(): Env {
  if (existsSync('.env')) process.loadEnvFile('.env'); // never overrides variables already set
  return process.env;
}

/**
 * What `npm run migrate` and `npm run seed` read: the database and the seeded admin, nothing
 * that only the server needs (no JWT_SECRET: they sign nothing).
 */
export type CommandConfig = Pick<Config, 'env' | 'database' | 'bcryptRounds' | 'adminEmail' | 'adminPassword' | 'warnings'>;

export function loadCommandConfig(env: Env = readProcessEnv()): Readonly<CommandConfig> {
  const warnings: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  return Object.freeze({
    env: nodeEnv,
    database: databaseConfig(env, nodeEnv === 'production', warnings),
    bcryptRounds: integer(env, 'BCRYPT_ROUNDS', 12, 4, 20),
    adminEmail: optional(env, 'ADMIN_EMAIL'),
    adminPassword: optional(env, 'ADMIN_PASSWORD'),
    warnings,
  });
}

export function loadConfig(env: Env = readProcessEnv()): Readonly<Config> {
  const command = loadCommandConfig(env);
  const warnings = [...command.warnings];
  const production = command.env === 'production';

  const config: Config = {
    ...command,
    port: integer(env, 'PORT', 4000, 0, 65535),
    jwt: {
      secret: jwtSecret(env, production, warnings),
      expiresInSeconds: duration(env, 'JWT_EXPIRES_IN', '1h'),
    },
    corsOrigins: list(env, 'FRONTEND_URL').map((origin) => url(origin, 'FRONTEND_URL').replace(/\/$/, '')),
    redisUrl: optional(env, 'REDIS_URL'),
    trustProxy: trustProxy(env),
    instanceId: instanceId(env),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    bcryptQueueMax: integer(env, 'BCRYPT_QUEUE_MAX', DEFAULT_BCRYPT_QUEUE_MAX, 0, 100_000),
    registrationLimit: integer(env, 'REGISTRATION_LIMIT', DEFAULT_REGISTRATION_LIMIT, 1, 1_000_000),
    maxUnpaidUnitsPerUser: integer(env, 'MAX_UNPAID_UNITS_PER_USER', DEFAULT_MAX_UNPAID_UNITS, 1, 10_000_000),
    pendingOrderTtlSeconds: optional(env, 'PENDING_ORDER_TTL') === null ? null : duration(env, 'PENDING_ORDER_TTL', ''),
    loaderBatching: oneOf(env, 'DATALOADER_BATCHING', ['on', 'off'] as const, 'on') === 'on',
    graphqlExecutor: oneOf(env, 'GRAPHQL_EXECUTOR', GRAPHQL_EXECUTORS, 'jit'),
    responseCache: oneOf(env, 'RESPONSE_CACHE', ['on', 'off'] as const, 'on') === 'on',
    responseCacheFastPath: oneOf(env, 'RESPONSE_CACHE_FAST_PATH', ['on', 'off'] as const, 'on') === 'on',
    cacheKeyPrefix: cacheKeyPrefix(env),
    warnings,
  };
  if (!config.loaderBatching) warnings.push('DATALOADER_BATCHING=off: every nested field is loaded by a query of its own (for measurements only)');
  if (config.redisUrl !== null) url(config.redisUrl, 'REDIS_URL');
  return Object.freeze(config);
}

/**
 * Database connections per server process: few, because more connections only queue inside the
 * database; BENCHMARKS.md's pool sweep (2/4/8/16) has the figures behind this default.
 */
export const DEFAULT_POOL_MAX = 4;

/**
 * Units a user's unpaid orders may hold together: one order of the largest line (1,000), so a
 * single account cannot take a whole catalog's stock out of sale by ordering and never paying.
 */
export const DEFAULT_MAX_UNPAID_UNITS = 1000;

/**
 * Password jobs each bcrypt queue holds beyond the running ones: at cost 12 on 2 cores (new hashes
 * get one thread, ~4 a second) a full queue of them is about 8 s of work, not the minute an
 * unbounded queue reached.
 */
export const DEFAULT_BCRYPT_QUEUE_MAX = 32;

/**
 * Registrations per client address per window (REGISTRATION_LIMITS in loginThrottle.ts), "email
 * taken" answers included: a household or an office does not sign up 10 accounts in 15 minutes.
 */
export const DEFAULT_REGISTRATION_LIMIT = 10;

function databaseConfig(env: Env, production: boolean, warnings: string[]): DatabaseConfig {
  const host = optional(env, 'DB_HOST');
  if (host === null) {
    if (production) throw new ConfigError('DB_HOST', 'is required when NODE_ENV=production');
    if (optional(env, 'DB_REPLICAS') !== null) throw new ConfigError('DB_REPLICAS', 'needs DB_HOST (SQLite has no replicas)');
    return { client: 'sqlite', filename: path.resolve(optional(env, 'SQLITE_FILE') ?? 'data/shopgraph.sqlite') };
  }
  const user = optional(env, 'DB_USER') ?? 'root';
  const password = env.DB_PASSWORD ?? '';
  const replicaUser = optional(env, 'DB_REPLICA_USER') ?? user;
  const replicaPassword = env.DB_REPLICA_PASSWORD ?? password;
  const waitForPositions = oneOf(env, 'DB_REPLICA_POSITION_WAIT', ['on', 'off'] as const, 'on') === 'on';
  if (!waitForPositions) {
    if (production) throw new ConfigError('DB_REPLICA_POSITION_WAIT', 'cannot be off when NODE_ENV=production');
    warnings.push('DB_REPLICA_POSITION_WAIT=off: users may not see their own writes (for drills only)');
  }
  const retryTransactions = oneOf(env, 'DB_TRANSACTION_RETRY', ['on', 'off'] as const, 'on') === 'on';
  if (!retryTransactions) {
    if (production) throw new ConfigError('DB_TRANSACTION_RETRY', 'cannot be off when NODE_ENV=production');
    warnings.push('DB_TRANSACTION_RETRY=off: a write that loses a deadlock or a Galera conflict fails (for drills only)');
  }
  return {
    client: 'mysql',
    host,
    port: integer(env, 'DB_PORT', 3306, 1, 65535),
    user,
    password,
    database: optional(env, 'DB_NAME') ?? 'shopgraph',
    poolMax: integer(env, 'DB_POOL_MAX', DEFAULT_POOL_MAX, 1, 200),
    replicas: list(env, 'DB_REPLICAS').map((address) => ({ ...hostAndPort(address), user: replicaUser, password: replicaPassword })),
    replicaMaxLagSeconds: duration(env, 'DB_REPLICA_MAX_LAG', '5s'),
    waitForPositions,
    retryTransactions,
  };
}

/** `host`, `host:port`, `[v6]` or `[v6]:port` (DB_REPLICAS); the port defaults to 3306. */
function hostAndPort(address: string): { host: string; port: number } {
  const match = /^(?:\[([\da-fA-F:]+)\]|([\w.-]+))(?::(\d{1,5}))?$/.exec(address);
  const port = Number(match?.[3] ?? 3306);
  if (!match || port < 1 || port > 65535) {
    throw new ConfigError('DB_REPLICAS', `must be a comma-separated list of host[:port] (got "${address}")`);
  }
  return { host: match[1] ?? match[2]!, port };
}

function instanceId(env: Env): string {
  const id = optional(env, 'INSTANCE_ID') ?? `${hostname()}-${process.pid}`;
  if (!/^[\w.:-]{1,100}$/.test(id)) {
    throw new ConfigError('INSTANCE_ID', `must be 1 to 100 letters, digits or ._:- (got "${id}")`);
  }
  return id;
}

function jwtSecret(env: Env, production: boolean, warnings: string[]): string {
  const secret = optional(env, 'JWT_SECRET');
  if (secret === null) {
    if (production) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
    warnings.push('JWT_SECRET is not set: using a random secret, so tokens stop working when the server restarts');
    return randomBytes(32).toString('hex');
  }
  if (secret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  return secret;
}

function trustProxy(env: Env): boolean | number | string[] {
  const raw = optional(env, 'TRUST_PROXY');
  if (raw === null || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const addresses = list(env, 'TRUST_PROXY');
  if (addresses.some((address) => !/^[\da-fA-F.:/]+$/.test(address) && !['loopback', 'linklocal', 'uniquelocal'].includes(address))) {
    throw new ConfigError('TRUST_PROXY', `must be true, false, a hop count or a list of addresses/subnets (got "${raw}")`);
  }
  return addresses;
}

function optional(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function list(env: Env, name: string): string[] {
  const raw = optional(env, name);
  return raw === null ? [] : raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function url(value: string, name: string): string {
  try {
    new URL(value);
    return value;
  } catch {
    throw new ConfigError(name, `must be a URL (got "${value}")`);
  }
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "3600", "90s", "15m", "1h" or "7d" → seconds. */
function duration(env: Env, name: string, fallback: string): number {
  const raw = optional(env, name) ?? fallback;
  const match = /^(\d+)([smhd]?)$/.exec(raw);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : 0;
  if (seconds < 1) throw new ConfigError(name, `must be a duration such as 3600, 15m, 1h or 7d (got "${raw}")`);
  return seconds;
}

/** Redis keys of the response cache start with it; letters, digits and `:_.-` only. */
function cacheKeyPrefix(env: Env): string {
  const prefix = optional(env, 'CACHE_KEY_PREFIX') ?? 'shopgraph:cache';
  if (!/^[A-Za-z0-9:_.-]{1,100}$/.test(prefix)) throw new ConfigError('CACHE_KEY_PREFIX', 'must be 1 to 100 letters, digits or ":_.-"');
  return prefix;
}
