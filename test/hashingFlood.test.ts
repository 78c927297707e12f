// Password hashing cannot be flooded (Hardening II, finding 2): registrations are limited per client
// address ("email taken" answers included), a mutation carries at most QUERY_LIMITS.passwordFields
// password fields, the bcrypt queues are bounded (503 with Retry-After when full) with sign-in
// checks ahead of new hashes, and a burst of correct sign-ins for one email all succeed (finding 12).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as bcryptThreads from '../src/auth/bcryptThreads';
import { IN_FLIGHT_KEY_PREFIX, LOGIN_LIMITS, REDIS_KEY_PREFIX, REGISTRATION_KEY_PREFIX, REGISTRATION_WINDOW_SECONDS } from '../src/auth/loginThrottle';
import { AppError } from '../src/errors';
import { QUERY_LIMITS } from '../src/graphql/queryLimits';
import { dialects } from './support/databases';
import { graphql } from './support/gql';
import { codeOf, graphqlClient, type GraphQLClient } from './support/graphql';
import { startTestApp, type TestApp } from './support/testApp';

const PASSWORD = 'correct horse battery';
const REDIS_URL = 'redis://127.0.0.1:6379';
/** A small limit, so the tests reach it quickly. */
const LIMIT = 5;
const REGISTER = graphql(`
  mutation FloodRegister($email: String!, $password: String!) {
    register(input: { email: $email, password: $password }) { token }
  }
`);
const LOGIN = graphql(`
  mutation FloodLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) { token user { email } }
  }
`);

const unique = () => randomBytes(6).toString('hex');

/** A random address in 198.18.0.0/15 (reserved for tests), so no two runs share a client key. */
function randomClientIp(): string {
  const [a = 0, b = 0, c = 0] = randomBytes(3);
  return `198.${18 + (a % 2)}.${b}.${1 + (c % 254)}`;
}

/**
 * A GraphQL client as the client at `ip` behind the (trusted) loopback proxy. The documents built
 * here for their number of password fields stay plain strings (codegen cannot see them).
 */
function gqlAt(url: string, ip: string): GraphQLClient {
  return graphqlClient(url, { 'x-forwarded-for': ip });
}

function restRegister(app: TestApp, ip: string, email: string, password = PASSWORD) {
  return app.api().post('/api/auth/register').set('x-forwarded-for', ip).send({ email, password });
}

async function usersNamed(app: TestApp, pattern: string): Promise<number> {
  const [row] = await app.db('users').where('email', 'like', pattern).count({ count: '*' });
  return Number(row?.count ?? 0);
}

/** Counts new bcrypt hashes while `work` runs. */
async function countingHashes<T>(work: () => Promise<T>): Promise<{ result: T; hashes: number }> {
  const hash = jest.spyOn(bcryptThreads, 'bcryptHash');
  try {
    const result = await work();
    return { result, hashes: hash.mock.calls.length };
  } finally {
    hash.mockRestore();
  }
}

describe.each(dialects)('registration limit per client address on %s', (dialect) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(dialect, { TRUST_PROXY: 'loopback', REGISTRATION_LIMIT: String(LIMIT) });
  });

  afterAll(async () => {
    await app.close();
  });

  it(`refuses registration ${LIMIT + 1} from one address with 429 and Retry-After, without hashing; input errors do not count`, async () => {
    const ip = randomClientIp();
    const tag = unique();
    for (const bad of ['not-an-email', '', 'a@b']) {
      expect((await restRegister(app, ip, bad)).status).toBe(422);
    }
    for (let i = 1; i <= LIMIT; i += 1) {
      expect((await restRegister(app, ip, `limited-${i}-${tag}@example.com`)).status).toBe(201);
    }

    const { result: refused, hashes } = await countingHashes(() => restRegister(app, ip, `limited-over-${tag}@example.com`));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      detail: expect.stringMatching(/^Too many sign-ups from your address; try again in 15 minutes$/),
      code: 'RATE_LIMITED',
      retry_after_seconds: expect.any(Number),
    });
    expect(Number(refused.headers['retry-after'])).toBe(refused.body.retry_after_seconds);
    expect(refused.body.retry_after_seconds).toBeGreaterThan(0);
    expect(refused.body.retry_after_seconds).toBeLessThanOrEqual(REGISTRATION_WINDOW_SECONDS);
    expect(hashes).toBe(0);

    // The same address over GraphQL shares the count; another address does not.
    const overGraphql = await gqlAt(app.url, ip)(REGISTER, { email: `limited-gql-${tag}@example.com`, password: PASSWORD });
    expect(codeOf(overGraphql)).toBe('RATE_LIMITED');
    expect(overGraphql.errors![0]!.extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(await usersNamed(app, `limited-%-${tag}@example.com`)).toBe(LIMIT);
    expect((await restRegister(app, randomClientIp(), `limited-elsewhere-${tag}@example.com`)).status).toBe(201);
  });

  it('counts "email taken" answers against the same budget, so they cannot be used to probe for accounts', async () => {
    const taken = `taken-${unique()}@example.com`;
    expect((await restRegister(app, randomClientIp(), taken)).status).toBe(201);

    const prober = randomClientIp();
    for (let i = 1; i <= LIMIT; i += 1) {
      const response = await restRegister(app, prober, i % 2 === 0 ? taken.toUpperCase() : taken);
      expect(response.status).toBe(409);
    }
    // Neither another probe nor a real registration gets through: the answer no longer tells.
    const probe = await restRegister(app, prober, taken);
    expect(probe.status).toBe(429);
    expect(probe.body.code).toBe('RATE_LIMITED');
    const fresh = `fresh-${unique()}@example.com`;
    expect((await restRegister(app, prober, fresh)).status).toBe(429);
    expect(await usersNamed(app, fresh)).toBe(0);
  });

  it(`refuses 30 aliased register mutations before any account is created (at most ${QUERY_LIMITS.passwordFields} password fields)`, async () => {
    const tag = unique();
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `r${i}: register(input: { email: "alias-${i}-${tag}@example.com", password: "${PASSWORD}" }) { token }`,
    );
    const { result, hashes } = await countingHashes(() => gqlAt(app.url, randomClientIp())(`mutation {\n${aliases.join('\n')}\n}`));
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0]!.message).toBe(
      `A mutation may register, log in or change a password at most ${QUERY_LIMITS.passwordFields} times; this one asks 30 times. Send them as separate requests.`,
    );
    expect(hashes).toBe(0);
    expect(await usersNamed(app, `alias-%-${tag}@example.com`)).toBe(0);
  });

  it.each([
    ['fragments and inline fragments', (field: (i: number) => string) =>
      `mutation { ...A ... on Mutation { ${field(2)} ${field(3)} } }\nfragment A on Mutation { ${field(0)} ${field(1)} }`],
    ['a mix of register, login and changePassword', (field: (i: number) => string) =>
      `mutation { ${field(0)} ${field(1)} l: login(email: "x@example.com", password: "whatever it is") { token } c: changePassword(currentPassword: "a password", newPassword: "another one") { token } }`],
  ])(`counts password fields through %s (${QUERY_LIMITS.passwordFields + 1} are refused)`, async (_name, document) => {
    const tag = unique();
    const field = (i: number) => `r${i}: register(input: { email: "frag-${i}-${tag}@example.com", password: "${PASSWORD}" }) { token }`;
    const result = await gqlAt(app.url, randomClientIp())(document(field));
    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0]!.message).toMatch(/at most 3 times; this one asks 4 times/);
    expect(await usersNamed(app, `frag-%-${tag}@example.com`)).toBe(0);
  });

  it(`lets ${QUERY_LIMITS.passwordFields} password fields through`, async () => {
    const tag = unique();
    const fields = Array.from(
      { length: QUERY_LIMITS.passwordFields },
      (_, i) => `r${i}: register(input: { email: "three-${i}-${tag}@example.com", password: "${PASSWORD}" }) { token }`,
    );
    const result = await gqlAt(app.url, randomClientIp())(`mutation { ${fields.join(' ')} }`);
    expect(result.errors).toBeUndefined();
    expect(await usersNamed(app, `three-%-${tag}@example.com`)).toBe(QUERY_LIMITS.passwordFields);
  });

  it(`signs in all of 40 simultaneous correct logins for one email from one address (limits: ${LOGIN_LIMITS.perEmail.failures} and ${LOGIN_LIMITS.perClient.failures} failures)`, async () => {
    const email = `popular-${unique()}@example.com`;
    await app.signUp(email, { password: PASSWORD });
    const ip = randomClientIp();
    const responses = await Promise.all(Array.from({ length: 40 }, () => gqlAt(app.url, ip)(LOGIN, { email, password: PASSWORD })));
    expect(responses.map((response) => codeOf(response) ?? 'OK')).toEqual(responses.map(() => 'OK'));

    // Failures are still limited: 10 wrong, then even the right password is refused.
    for (let attempt = 1; attempt <= LOGIN_LIMITS.perEmail.failures; attempt += 1) {
      expect(codeOf(await gqlAt(app.url, ip)(LOGIN, { email, password: 'not the right password' }))).toBe('UNAUTHENTICATED');
    }
    const burst = await Promise.all(Array.from({ length: 5 }, () => gqlAt(app.url, randomClientIp())(LOGIN, { email, password: PASSWORD })));
    expect(burst.map(codeOf)).toEqual(burst.map(() => 'RATE_LIMITED'));
  });
});

describe.each(dialects)('limits shared by two app instances through Redis on %s', (dialect) => {
  let redis: Redis;
  let first: TestApp;
  let second: TestApp;
  const usedKeys: string[] = [];

  beforeAll(async () => {
    // Mandatory: Redis runs on this machine and in CI. Unreachable is a failure, not a skip.
    redis = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new Error(`Redis at ${REDIS_URL} is not reachable; these tests need it: ${String(error)}`, { cause: error });
    }
    // Cost 10 (tens of ms a check): enough for the checks of a burst to overlap.
    const env = { REDIS_URL, TRUST_PROXY: 'loopback', REGISTRATION_LIMIT: String(LIMIT), BCRYPT_ROUNDS: '10' };
    // Two apps, each with its own in-memory fallback: only Redis can make them agree.
    [first, second] = await Promise.all([startTestApp(dialect, env), startTestApp(dialect, env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    if (usedKeys.length > 0) await redis.del(...usedKeys);
    await redis.quit();
  });

  it(`counts registrations from one address on both: 3 on one and 2 on the other use up ${LIMIT}`, async () => {
    const ip = randomClientIp();
    usedKeys.push(`${REGISTRATION_KEY_PREFIX}:ip:${ip}`);
    const tag = unique();
    for (let i = 1; i <= LIMIT; i += 1) {
      const app = i <= 3 ? first : second;
      expect((await restRegister(app, ip, `shared-${i}-${tag}@example.com`)).status).toBe(201);
    }
    expect(await redis.get(`${REGISTRATION_KEY_PREFIX}:ip:${ip}`)).toBe(String(LIMIT));
    const ttl = await redis.ttl(`${REGISTRATION_KEY_PREFIX}:ip:${ip}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(REGISTRATION_WINDOW_SECONDS);

    // Each app alone has seen fewer than the limit; only the shared count refuses these.
    expect((await restRegister(first, ip, `shared-over1-${tag}@example.com`)).status).toBe(429);
    expect(codeOf(await gqlAt(second.url, ip)(REGISTER, { email: `shared-over2-${tag}@example.com`, password: PASSWORD }))).toBe('RATE_LIMITED');
  });

  it('signs in all of 20 simultaneous correct logins for one email spread over both instances', async () => {
    const email = `shared-popular-${unique()}@example.com`;
    const ip = randomClientIp();
    usedKeys.push(`${REGISTRATION_KEY_PREFIX}:ip:${ip}`);
    expect((await restRegister(first, ip, email)).status).toBe(201);
    await second.db('users').insert(await first.db('users').where({ email }).first());
    usedKeys.push(
      ...['email', 'ip'].flatMap((kind) => [REDIS_KEY_PREFIX, IN_FLIGHT_KEY_PREFIX].map((prefix) => `${prefix}:${kind}:${kind === 'ip' ? ip : email}`)),
    );
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gqlAt((i % 2 === 0 ? first : second).url, ip)(LOGIN, { email, password: PASSWORD })),
    );
    expect(responses.map((response) => codeOf(response) ?? 'OK')).toEqual(responses.map(() => 'OK'));
  });
});

describe('bounded bcrypt queues', () => {
  const { total, forHashes } = bcryptThreads.BCRYPT_THREADS;
  /** Jobs that keep threads busy for seconds (cost 15: ~2 s each on an idle core, more on a busy one). */
  const longJobs = (count: number, priority: bcryptThreads.BcryptPriority) =>
    Array.from({ length: count }, () => bcryptThreads.bcryptHash('keeping a thread busy', 15, priority));

  afterEach(() => {
    bcryptThreads.setBcryptQueueMax(32);
  });

  it('refuses a job whose queue is full at once with SERVICE_UNAVAILABLE and a Retry-After; the other queue still takes jobs', async () => {
    bcryptThreads.setBcryptQueueMax(2);
    const busy = longJobs(forHashes, 'hash');
    const queued = [bcryptThreads.bcryptHash('one', 4), bcryptThreads.bcryptHash('two', 4)];
    const refused = bcryptThreads.bcryptHash('three', 4);
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { retryAfterSeconds: expect.any(Number) } });
    expect(bcryptThreads.bcryptLoad()).toMatchObject({ hashesRunning: forHashes, queued: { verify: 0, hash: 2 } });
    // A sign-in check waits in its own queue.
    const check = bcryptThreads.bcryptCompare('one', await queued[0]!);
    await expect(check).resolves.toBe(true);
    await Promise.all([...busy, ...queued]);
  }, 60_000);

  (total >= 2 ? it : it.skip)('keeps a thread for sign-in checks: one starts at once while new hashes fill the others and queue', async () => {
    const hash = await bcryptThreads.bcryptHash('anything', 4);
    let hashesDone = 0;
    const busy = longJobs(total, 'hash').map((job) => job.then(() => (hashesDone += 1)));
    await expect(bcryptThreads.bcryptCompare('anything', hash)).resolves.toBe(true);
    // Milliseconds of work beside seconds of it: no long hash had to end first.
    expect(hashesDone).toBe(0);
    await Promise.all(busy);
  }, 60_000);

  it('hands the next free thread a sign-in check before new hashes queued earlier', async () => {
    const hash = await bcryptThreads.bcryptHash('anything', 4);
    // Every thread busy: the hash threads with new hashes, the one kept for sign-ins with a long check.
    const busy = [...longJobs(forHashes, 'hash'), ...longJobs(total - forHashes, 'verify')];
    const finished: string[] = [];
    const hashes = Array.from({ length: 4 }, (_, i) =>
      bcryptThreads.bcryptHash(`new account ${i}`, 12).then(() => finished.push(`hash ${i}`)),
    );
    const check = bcryptThreads.bcryptCompare('anything', hash).then(() => finished.push('check'));
    await Promise.all([...busy, ...hashes, check]);
    expect(finished[0]).toBe('check');
  }, 60_000);
});

describe.each(dialects)('a full password queue over HTTP on %s', (dialect) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(dialect, { TRUST_PROXY: 'loopback', BCRYPT_QUEUE_MAX: '1', REGISTRATION_LIMIT: '2' });
  });

  afterAll(async () => {
    await app.close();
    bcryptThreads.setBcryptQueueMax(32);
  });

  it('answers registrations 503 with Retry-After (nothing created or counted) while sign-ins still get through', async () => {
    const member = `member-${unique()}@example.com`;
    await app.signUp(member, { password: PASSWORD });
    const ip = randomClientIp();
    const tag = unique();

    // Every thread new hashes may use busy for seconds, and the new-hash queue (1) full.
    const busy = Array.from({ length: bcryptThreads.BCRYPT_THREADS.forHashes }, () => bcryptThreads.bcryptHash('keeping a thread busy', 15));
    const queued = bcryptThreads.bcryptHash('waiting', 4);
    const signIn = gqlAt(app.url, randomClientIp())(LOGIN, { email: member, password: PASSWORD });

    const refused = await restRegister(app, ip, `queued-${tag}@example.com`);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      detail: 'The server is busy checking passwords; try again shortly',
      code: 'SERVICE_UNAVAILABLE',
      retry_after_seconds: expect.any(Number),
    });
    expect(Number(refused.headers['retry-after'])).toBe(refused.body.retry_after_seconds);
    expect(refused.body.retry_after_seconds).toBeGreaterThanOrEqual(1);
    const overGraphql = await gqlAt(app.url, ip)(REGISTER, { email: `queued-gql-${tag}@example.com`, password: PASSWORD });
    expect(codeOf(overGraphql)).toBe('SERVICE_UNAVAILABLE');
    expect(overGraphql.errors![0]!.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    // The sign-in had its own thread (or, on one core, its own queue ahead of the queued hash).
    const signedIn = await signIn;
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data).toMatchObject({ login: { user: { email: member } } });
    await Promise.all([...busy, queued]);

    expect(await usersNamed(app, `queued-%-${tag}@example.com`)).toBe(0);
    // The refusals were not counted against the address's limit of 2.
    expect((await restRegister(app, ip, `queued-later-1-${tag}@example.com`)).status).toBe(201);
    expect((await restRegister(app, ip, `queued-later-2-${tag}@example.com`)).status).toBe(201);
  }, 90_000);
});
