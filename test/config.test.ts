import { ConfigError, loadConfig } from '../src/config';

const SECRET = 'x'.repeat(32);

function problemWith(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs on an empty environment with the embedded SQLite database and documented defaults', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ client: 'sqlite', filename: expect.stringMatching(/data\/shopgraph\.sqlite$/) });
    expect(config.jwt.expiresInSeconds).toBe(3600);
    expect(config.bcryptRounds).toBe(12);
    expect(config.corsOrigins).toEqual([]);
    expect(config.redisUrl).toBeNull();
  });

  it('generates an ephemeral JWT secret in development, with a warning', () => {
    const first = loadConfig({});
    const second = loadConfig({});
    expect(first.jwt.secret).toHaveLength(64);
    expect(first.jwt.secret).not.toBe(second.jwt.secret);
    expect(first.warnings.join()).toMatch(/JWT_SECRET/);
  });

  it('uses MySQL when DB_HOST is set', () => {
    const config = loadConfig({ DB_HOST: 'db.internal', DB_PORT: '3307', DB_USER: 'shop', DB_PASSWORD: 'pw', DB_NAME: 'ecommerce_db' });
    expect(config.database).toEqual({
      client: 'mysql',
      host: 'db.internal',
      port: 3307,
      user: 'shop',
      password: 'pw',
      database: 'ecommerce_db',
      poolMax: 4,
      replicas: [],
      replicaMaxLagSeconds: 5,
      waitForPositions: true,
      retryTransactions: true,
    });
    expect(loadConfig({ DB_HOST: 'db', DB_POOL_MAX: '12' }).database).toMatchObject({ poolMax: 12 });
  });

  it('reads DB_REPLICAS as host[:port] with the primary credentials unless DB_REPLICA_USER/PASSWORD are set', () => {
    const primaryCredentials = loadConfig({ DB_HOST: 'db', DB_USER: 'shop', DB_PASSWORD: 'pw', DB_REPLICAS: 'r1, r2:3307,[::1]:3308', DB_REPLICA_MAX_LAG: '2s' });
    expect(primaryCredentials.database).toMatchObject({
      replicas: [
        { host: 'r1', port: 3306, user: 'shop', password: 'pw' },
        { host: 'r2', port: 3307, user: 'shop', password: 'pw' },
        { host: '::1', port: 3308, user: 'shop', password: 'pw' },
      ],
      replicaMaxLagSeconds: 2,
    });
    const own = loadConfig({ DB_HOST: 'db', DB_REPLICAS: 'r1', DB_REPLICA_USER: 'reader', DB_REPLICA_PASSWORD: 'rpw' });
    expect(own.database).toMatchObject({ replicas: [{ host: 'r1', port: 3306, user: 'reader', password: 'rpw' }] });
  });

  it('names each instance by INSTANCE_ID, or by host name and pid', () => {
    expect(loadConfig({ INSTANCE_ID: 'api-2' }).instanceId).toBe('api-2');
    expect(loadConfig({}).instanceId).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('allows switching the replica position wait off only outside production, with a warning', () => {
    const off = loadConfig({ DB_HOST: 'db', DB_REPLICA_POSITION_WAIT: 'off' });
    expect(off.database).toMatchObject({ waitForPositions: false });
    expect(off.warnings.join()).toMatch(/DB_REPLICA_POSITION_WAIT=off/);
    expect(problemWith({ NODE_ENV: 'production', JWT_SECRET: SECRET, DB_HOST: 'db', DB_REPLICA_POSITION_WAIT: 'off' })).toBe(
      'DB_REPLICA_POSITION_WAIT',
    );
  });

  it('allows switching transaction retries off only outside production, with a warning', () => {
    const off = loadConfig({ DB_HOST: 'db', DB_TRANSACTION_RETRY: 'off' });
    expect(off.database).toMatchObject({ retryTransactions: false });
    expect(off.warnings.join()).toMatch(/DB_TRANSACTION_RETRY=off/);
    expect(problemWith({ NODE_ENV: 'production', JWT_SECRET: SECRET, DB_HOST: 'db', DB_TRANSACTION_RETRY: 'off' })).toBe('DB_TRANSACTION_RETRY');
  });

  it('requires DB_HOST and a JWT_SECRET of at least 32 characters in production', () => {
    expect(problemWith({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toBe('DB_HOST');
    expect(problemWith({ NODE_ENV: 'production', DB_HOST: 'db' })).toBe('JWT_SECRET');
    expect(problemWith({ NODE_ENV: 'production', DB_HOST: 'db', JWT_SECRET: 'x'.repeat(31) })).toBe('JWT_SECRET');
    expect(loadConfig({ NODE_ENV: 'production', DB_HOST: 'db', JWT_SECRET: SECRET }).env).toBe('production');
  });

  it.each([
    ['NODE_ENV', 'staging'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DB_PORT', 'x'],
    ['DB_POOL_MAX', '0'],
    ['DB_POOL_MAX', 'many'],
    ['JWT_SECRET', 'short'],
    ['JWT_EXPIRES_IN', '1 hour'],
    ['JWT_EXPIRES_IN', '0'],
    ['BCRYPT_ROUNDS', '3'],
    ['BCRYPT_ROUNDS', 'twelve'],
    ['FRONTEND_URL', 'not a url'],
    ['REDIS_URL', 'localhost'],
    ['LOG_LEVEL', 'loud'],
    ['DATALOADER_BATCHING', 'maybe'],
    ['GRAPHQL_EXECUTOR', 'fast'],
    ['MAX_UNPAID_UNITS_PER_USER', '0'],
    ['MAX_UNPAID_UNITS_PER_USER', 'lots'],
    ['PENDING_ORDER_TTL', '30 minutes'],
    ['PENDING_ORDER_TTL', '0'],
    ['DB_REPLICAS', 'replica:port'],
    ['DB_REPLICAS', 'r1:70000'],
    ['DB_REPLICAS', 'r1;r2'],
    ['DB_REPLICA_MAX_LAG', 'soon'],
    ['DB_REPLICA_POSITION_WAIT', 'maybe'],
    ['INSTANCE_ID', 'api 1'],
  ])('refuses %s=%p, naming the variable', (variable, value) => {
    const env = variable.startsWith('DB_') ? { DB_HOST: 'db', [variable]: value } : { [variable]: value };
    expect(problemWith(env)).toBe(variable);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it.each([
    ['3600', 3600],
    ['90s', 90],
    ['15m', 900],
    ['2h', 7200],
    ['7d', 604800],
  ])('reads JWT_EXPIRES_IN=%p as %p seconds', (value, seconds) => {
    expect(loadConfig({ JWT_EXPIRES_IN: value }).jwt.expiresInSeconds).toBe(seconds);
  });

  it('bounds unpaid units per user at 1,000 and never expires unpaid orders unless told', () => {
    expect(loadConfig({})).toMatchObject({ maxUnpaidUnitsPerUser: 1000, pendingOrderTtlSeconds: null });
    expect(loadConfig({ MAX_UNPAID_UNITS_PER_USER: '25', PENDING_ORDER_TTL: '30m' })).toMatchObject({
      maxUnpaidUnitsPerUser: 25,
      pendingOrderTtlSeconds: 1800,
    });
  });

  it('reads FRONTEND_URL as a comma-separated allow-list', () => {
    expect(loadConfig({ FRONTEND_URL: 'https://shop.example.com/, http://localhost:5173' }).corsOrigins).toEqual([
      'https://shop.example.com',
      'http://localhost:5173',
    ]);
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
  ])('reads TRUST_PROXY=%p as %p (off unless set)', (value, trustProxy) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(trustProxy);
  });

  it('refuses a TRUST_PROXY that is not a flag, count or address list', () => {
    expect(problemWith({ TRUST_PROXY: 'yes please' })).toBe('TRUST_PROXY');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
