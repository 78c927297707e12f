// Failed sign-ins are limited per email (10) and per client address (30) in 15 minutes. Every
// test signs in from addresses of its own (X-Forwarded-For, trusted from the loopback proxy) and
// with emails of its own, because the limits are the app's, not the database's: reset() keeps them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as bcryptThreads from '../src/auth/bcryptThreads';
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { clientKey, LOGIN_LIMITS, REDIS_KEY_PREFIX } from '../src/auth/loginThrottle';
import { dialects } from './support/databases';
import { graphql } from './support/gql';
import type { ThrottleLoginMutation } from './support/gql/graphql';
import { codeOf, graphqlClient, type GraphQLClient } from './support/graphql';
import { databaseEnvironment, freePort, runServer, waitUntilListening, type ServerProcess } from './support/serverProcess';
import { startTestApp, TEST_JWT_SECRET, type GraphQLResponse, type TestApp } from './support/testApp';

const PASSWORD = 'correct horse battery';
const WRONG = 'not the right password';
const REDIS_URL = 'redis://127.0.0.1:6379';
const LOGIN = graphql(`
  mutation ThrottleLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) { token user { email } }
  }
`);
const CHANGE_PASSWORD = graphql(`
  mutation ThrottleChangePassword($current: String!, $next: String!) {
    changePassword(currentPassword: $current, newPassword: $next) { token }
  }
`);

type LoginResponse = GraphQLResponse<ThrottleLoginMutation>;

/** A GraphQL client for any server, as the client at `ip` behind the (trusted) loopback proxy. */
function gqlAt(url: string, ip: string): GraphQLClient {
  return graphqlClient(url, { 'x-forwarded-for': ip });
}

function loginAt(url: string, ip: string, email: string, password: string): Promise<LoginResponse> {
  return gqlAt(url, ip)(LOGIN, { email, password });
}

/** 'OK' or the error codes, for tallies. */
function outcomeOf(response: LoginResponse): string {
  return response.errors?.length ? response.errors.map((error) => error.extensions.code).join('+') : 'OK';
}

function tally(responses: LoginResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) counts[outcomeOf(response)] = (counts[outcomeOf(response)] ?? 0) + 1;
  return counts;
}

const unique = () => randomBytes(6).toString('hex');

/** A random address in 198.18.0.0/15 (reserved for tests), so no two runs share a client key. */
function randomClientIp(): string {
  const [a = 0, b = 0, c = 0] = randomBytes(3);
  return `198.${18 + (a % 2)}.${b}.${1 + (c % 254)}`;
}

/** Counts bcrypt comparisons and SQL statements on the users table while `work` runs. */
async function measure<T>(db: Knex, work: () => Promise<T>): Promise<{ result: T; compares: number; userQueries: number }> {
  const compare = jest.spyOn(bcryptThreads, 'bcryptCompare');
  let userQueries = 0;
  const onQuery = (query: { sql: string }) => {
    if (/\busers\b/.test(query.sql)) userQueries += 1;
  };
  db.on('query', onQuery);
  try {
    const result = await work();
    return { result, compares: compare.mock.calls.length, userQueries };
  } finally {
    db.removeListener('query', onQuery);
    compare.mockRestore();
  }
}

describe('clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002:ffff::', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1:2:3:4:5:1.2.3.4', '0:1:2:3::/64'],
    ['unknown', 'unknown'],
  ])('counts %s as %s (IPv6 per /64)', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});

describe.each(dialects)('login limits on %s', (dialect) => {
  let app: TestApp;
  let ipSerial = 0;
  /** An address no other test uses. */
  const nextIp = () => `198.51.100.${(ipSerial += 1)}`;

  beforeAll(async () => {
    app = await startTestApp(dialect, { TRUST_PROXY: 'loopback' });
  });

  afterAll(async () => {
    await app.close();
  });

  const login = (ip: string, email: string, password: string) => loginAt(app.url, ip, email, password);

  it('refuses the 11th attempt after 10 wrong passwords, even with the right password, from any address', async () => {
    const email = `victim-${unique()}@example.com`;
    await app.signUp(email, { password: PASSWORD });
    const ip = nextIp();

    for (let attempt = 1; attempt <= LOGIN_LIMITS.perEmail.failures; attempt += 1) {
      expect(codeOf(await login(ip, email, WRONG))).toBe('UNAUTHENTICATED');
    }

    const refused = await login(ip, email, PASSWORD);
    expect(refused.data).toBeNull();
    expect(refused.errors).toHaveLength(1);
    const error = refused.errors![0]!;
    expect(error.extensions.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/^Too many failed sign-in attempts; try again in 15 minutes$/);
    const retryAfter = error.extensions.retryAfterSeconds as number;
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.perEmail.windowSeconds);

    // The limit is the email's: another address does not help...
    expect(codeOf(await login(nextIp(), email, PASSWORD))).toBe('RATE_LIMITED');
    // ...and another account from the first address is unaffected (10 failures are under its 30).
    const other = `bystander-${unique()}@example.com`;
    await app.signUp(other, { password: PASSWORD });
    const bystander = await login(ip, other, PASSWORD);
    expect(bystander.errors).toBeUndefined();
    expect(bystander.data!.login!.user.email).toBe(other);
  });

  it('over REST, answers 429 with Retry-After and retry_after_seconds once an email is blocked', async () => {
    const email = `rest-${unique()}@example.com`;
    await app.signUp(email, { password: PASSWORD });
    const ip = nextIp();
    const restLogin = (password: string) =>
      app.api().post('/api/auth/login').set('x-forwarded-for', ip).send({ email, password });

    for (let attempt = 1; attempt <= LOGIN_LIMITS.perEmail.failures; attempt += 1) {
      const response = await restLogin(WRONG);
      expect(response.status).toBe(401);
      expect(response.headers['retry-after']).toBeUndefined();
    }
    const refused = await restLogin(PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      detail: expect.stringMatching(/^Too many failed sign-in attempts/),
      code: 'RATE_LIMITED',
      retry_after_seconds: expect.any(Number),
    });
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(Number(refused.headers['retry-after'])).toBe(refused.body.retry_after_seconds);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(LOGIN_LIMITS.perEmail.windowSeconds);
    expect(refused.body.token).toBeUndefined();
  });

  it('limits one address to 30 failures across many emails; other addresses are unaffected', async () => {
    const ip = nextIp();
    const email = `ip-owner-${unique()}@example.com`;
    await app.signUp(email, { password: PASSWORD });

    // Unknown emails count like known ones (the response must not tell them apart).
    for (let attempt = 1; attempt <= LOGIN_LIMITS.perClient.failures; attempt += 1) {
      expect(codeOf(await login(ip, `guess-${attempt}-${unique()}@example.com`, WRONG))).toBe('UNAUTHENTICATED');
    }

    const { result: refused, compares } = await measure(app.db, () => login(ip, email, PASSWORD));
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.errors![0]!.extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(compares).toBe(0);

    const elsewhere = await login(nextIp(), email, PASSWORD);
    expect(elsewhere.errors).toBeUndefined();
  });

  it('does not count successful logins against the address', async () => {
    const ip = nextIp();
    const email = `frequent-${unique()}@example.com`;
    await app.signUp(email, { password: PASSWORD });
    const outcomes = [];
    for (let attempt = 1; attempt <= LOGIN_LIMITS.perClient.failures + 5; attempt += 1) {
      outcomes.push(outcomeOf(await login(ip, email, PASSWORD)));
    }
    expect(new Set(outcomes)).toEqual(new Set(['OK']));
  });

  it('forgets an email’s failures after a successful login', async () => {
    const email = `forgetful-${unique()}@example.com`;
    await app.signUp(email, { password: PASSWORD });
    const ip = nextIp();

    for (let attempt = 1; attempt <= LOGIN_LIMITS.perEmail.failures - 1; attempt += 1) {
      expect(codeOf(await login(ip, email, WRONG))).toBe('UNAUTHENTICATED');
    }
    expect((await login(ip, email, PASSWORD)).errors).toBeUndefined();

    // A fresh count of 10: were the 9 failures still counted, the 2nd of these would be refused.
    for (let attempt = 1; attempt <= LOGIN_LIMITS.perEmail.failures; attempt += 1) {
      expect(codeOf(await login(ip, email, WRONG))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await login(ip, email, PASSWORD))).toBe('RATE_LIMITED');
  });

  it.each([100, 10])('%i aliased logins in one request check at most one password', async (count) => {
    const email = `aliased-${unique()}@example.com`;
    await app.signUp(email, { password: PASSWORD });
    const aliases = Array.from({ length: count }, (_, i) => `a${i}: login(email: $email, password: $password) { token }`);
    // Built for size, so a plain string (codegen cannot see it).
    const query = `mutation Aliased($email: String!, $password: String!) {\n${aliases.join('\n')}\n}`;

    const { result, compares, userQueries } = await measure(app.db, () =>
      gqlAt(app.url, nextIp())(query, { email, password: WRONG }),
    );

    // Either the query limits refuse so many aliases before anything runs, or graphql-js runs the
    // mutations one after another and stops the operation at the first failed one (login is
    // non-null). Every call that does run is an attempt of its own in the service.
    expect(result.data ?? null).toBeNull();
    if (result.status === 400) {
      expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect({ compares, userQueries }).toEqual({ compares: 0, userQueries: 0 });
    } else {
      expect(result.errors!.map((error) => [error.path, error.extensions.code])).toEqual([[['a0'], 'UNAUTHENTICATED']]);
      expect({ compares, userQueries }).toEqual({ compares: 1, userQueries: 1 });
    }
  });

  it('lets exactly 10 of 100 simultaneous wrong logins for one email check a password; 90 are refused unchecked', async () => {
    const email = `stormed-${unique()}@example.com`;
    await app.signUp(email, { password: PASSWORD });

    // From 100 addresses, so only the email's limit is in play.
    const { result: responses, compares, userQueries } = await measure(app.db, () =>
      Promise.all(Array.from({ length: 100 }, () => login(randomClientIp(), email, WRONG))),
    );

    expect(tally(responses)).toEqual({ UNAUTHENTICATED: 10, RATE_LIMITED: 90 });
    expect(compares).toBe(10);
    expect(userQueries).toBe(10);
    expect(codeOf(await login(randomClientIp(), email, PASSWORD))).toBe('RATE_LIMITED');
  });

  it('counts wrong current passwords in changePassword as failed logins of the account', async () => {
    const email = `changer-${unique()}@example.com`;
    const { token } = await app.signUp(email, { password: PASSWORD });
    const ip = nextIp();
    const change = (current: string) =>
      gqlAt(app.url, ip)(CHANGE_PASSWORD, { current, next: 'a brand new password' }, token);

    for (let attempt = 1; attempt <= LOGIN_LIMITS.perEmail.failures; attempt += 1) {
      const response = await change(WRONG);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions.field).toBe('currentPassword');
    }
    const { result: refused, compares } = await measure(app.db, () => change(PASSWORD));
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(compares).toBe(0);
    expect(codeOf(await login(nextIp(), email, PASSWORD))).toBe('RATE_LIMITED');
  });
});

describe.each(dialects)('login limits shared through Redis on %s', (dialect) => {
  let redis: Redis;
  let app: TestApp;
  let second: ServerProcess | undefined;
  let secondCwd: string;
  const usedKeys: string[] = [];

  /** Remembers the Redis keys a test's email and address are counted under, for cleanup. */
  function track(email: string, ip: string): void {
    usedKeys.push(`${REDIS_KEY_PREFIX}:email:${email}`, `${REDIS_KEY_PREFIX}:ip:${ip}`);
  }

  beforeAll(async () => {
    // Mandatory: Redis runs on this machine and in CI. Unreachable is a failure, not a skip.
    redis = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    try {
      await redis.connect();
      expect(await redis.ping()).toBe('PONG');
    } catch (error) {
      redis.disconnect();
      throw new Error(`Redis at ${REDIS_URL} is not reachable; these tests need it: ${String(error)}`, { cause: error });
    }

    app = await startTestApp(dialect, { REDIS_URL, TRUST_PROXY: 'loopback' });
    secondCwd = mkdtempSync(path.join(tmpdir(), 'shopgraph-second-'));
    second = runServer(
      {
        NODE_ENV: 'test',
        JWT_SECRET: TEST_JWT_SECRET,
        BCRYPT_ROUNDS: '4',
        LOG_LEVEL: 'warn',
        PORT: String(await freePort()),
        REDIS_URL,
        TRUST_PROXY: 'loopback',
        ...databaseEnvironment(app.config.database),
      },
      secondCwd,
    );
    await waitUntilListening(second, 60_000);
  }, 120_000);

  afterAll(async () => {
    if (second) {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    rmSync(secondCwd, { recursive: true, force: true });
    await app?.close();
    if (usedKeys.length > 0) await redis.del(...usedKeys);
    await redis.quit();
  }, 60_000);

  it('shares the count between two server processes: 6 failures on one and 4 on the other block the 11th on either', async () => {
    const email = `shared-${unique()}@example.com`;
    const ip = randomClientIp();
    track(email, ip);
    await app.signUp(email, { password: PASSWORD });
    const secondUrl = second!.url;

    for (let attempt = 1; attempt <= 6; attempt += 1) {
      expect(codeOf(await loginAt(app.url, ip, email, WRONG))).toBe('UNAUTHENTICATED');
    }
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(codeOf(await loginAt(secondUrl, ip, email, WRONG))).toBe('UNAUTHENTICATED');
    }
    expect(await redis.get(`${REDIS_KEY_PREFIX}:email:${email}`)).toBe('10');
    expect(await redis.get(`${REDIS_KEY_PREFIX}:ip:${ip}`)).toBe('10');
    const ttl = await redis.ttl(`${REDIS_KEY_PREFIX}:email:${email}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(LOGIN_LIMITS.perEmail.windowSeconds);

    // Each process alone has seen fewer than 10 failures; only the shared count refuses these.
    const onSecond = await loginAt(secondUrl, ip, email, PASSWORD);
    expect(codeOf(onSecond)).toBe('RATE_LIMITED');
    expect(onSecond.errors![0]!.extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(codeOf(await loginAt(app.url, ip, email, PASSWORD))).toBe('RATE_LIMITED');
    const rest = await app.api().post('/api/auth/login').set('x-forwarded-for', ip).send({ email, password: PASSWORD });
    expect(rest.status).toBe(429);
    expect(Number(rest.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a successful login on one process clears the email’s failures for both', async () => {
    const email = `cleared-${unique()}@example.com`;
    const ip = randomClientIp();
    track(email, ip);
    await app.signUp(email, { password: PASSWORD });

    for (let attempt = 1; attempt <= 9; attempt += 1) {
      expect(codeOf(await loginAt(app.url, ip, email, WRONG))).toBe('UNAUTHENTICATED');
    }
    expect((await loginAt(second!.url, ip, email, PASSWORD)).errors).toBeUndefined();
    expect(await redis.exists(`${REDIS_KEY_PREFIX}:email:${email}`)).toBe(0);
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect(codeOf(await loginAt(app.url, ip, email, WRONG))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await loginAt(second!.url, ip, email, PASSWORD))).toBe('RATE_LIMITED');
  });
});

describe('login limits while Redis is unreachable', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Nothing listens on a port just found free: every Redis command fails at once.
    app = await startTestApp('sqlite', { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, TRUST_PROXY: 'loopback' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('still signs people in, and still limits failures, counting in memory', async () => {
    const email = `offline-${unique()}@example.com`;
    await app.signUp(email, { password: PASSWORD });
    const ip = randomClientIp();
    expect((await loginAt(app.url, ip, email, PASSWORD)).errors).toBeUndefined();
    for (let attempt = 1; attempt <= LOGIN_LIMITS.perEmail.failures; attempt += 1) {
      expect(codeOf(await loginAt(app.url, ip, email, WRONG))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await loginAt(app.url, ip, email, PASSWORD))).toBe('RATE_LIMITED');
  });
});
