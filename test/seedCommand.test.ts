import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import type { Knex } from 'knex';
import { loadCommandConfig } from '../src/config';
import { createDb } from '../src/db/knex';
import { runSourceCommand, type CommandResult } from './support/commandProcess';
import { createTestDatabase, dialects, type DialectName, type TestDatabase } from './support/databases';

const PRODUCTION = { NODE_ENV: 'production' };
const ADMIN = { ADMIN_EMAIL: ' Ops@Shop.Example ', ADMIN_PASSWORD: 'correct horse battery' };
const LEFT_ALONE_ADMIN = 'Left alone: admin ops@shop.example (exists; password unchanged, --reset-password sets ADMIN_PASSWORD)';
const NO_DEMO = 'Not seeded: demo products (production; --demo adds them)';

describe.each(dialects)('npm run seed on %s', (dialect: DialectName) => {
  let database: TestDatabase;
  let dir: string;
  let db: Knex | undefined;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-seed-')); // no .env there
  });
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  /** Only the database variables, ADMIN_* and NODE_ENV: no JWT_SECRET. */
  function seed(env: Record<string, string>, ...args: string[]): Promise<CommandResult> {
    return runSourceCommand('src/cli/seed.ts', args, { BCRYPT_ROUNDS: '4', ...database.env, ...env }, dir);
  }

  function connect(): Knex {
    db ??= createDb(loadCommandConfig(database.env).database);
    return db;
  }

  async function adminMatches(password: string): Promise<boolean> {
    const row = (await connect()('users').where({ email: 'ops@shop.example' }).first('password')) as { password: string };
    return bcrypt.compare(password, row.password);
  }

  it('development: the demo admin, customer and catalog; run again, it says what it left alone', async () => {
    const first = await seed({});
    expect(first).toEqual({
      code: 0,
      stdout: ['Created: admin admin@example.com', 'Created: user user@example.com', 'Created: 48 demo products'],
      stderr: [],
    });
    const second = await seed({});
    expect(second).toEqual({
      code: 0,
      stdout: [
        'Left alone: admin admin@example.com (exists; password unchanged, --reset-password sets ADMIN_PASSWORD)',
        'Left alone: user user@example.com (exists)',
        'Left alone: the catalog (48 products already; demo products go only into an empty one)',
      ],
      stderr: [],
    });
  });

  it('holds a given ADMIN_PASSWORD and ADMIN_EMAIL to the registration rules, and writes nothing then', async () => {
    for (const [env, variable] of [
      [{ ADMIN_PASSWORD: 'admin' }, 'ADMIN_PASSWORD'],
      [{ ADMIN_PASSWORD: 'x'.repeat(73) }, 'ADMIN_PASSWORD'],
      [{ ADMIN_EMAIL: 'not an address' }, 'ADMIN_EMAIL'],
    ] as const) {
      const result = await seed(env);
      expect(result.code).toBe(1);
      expect(result.stdout).toEqual([]);
      expect(result.stderr).toHaveLength(1);
      expect(result.stderr[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} is refused by the registration rules: \\w`));
    }
    expect(await connect().schema.hasTable('users')).toBe(false);
  });

  it('refuses an unknown argument in one line', async () => {
    expect(await seed({}, '--demos')).toEqual({
      code: 1,
      stdout: [],
      stderr: ['Unknown argument in "--demos". Usage: npm run seed [-- --demo] [--reset-password]'],
    });
  });

  if (dialect === 'sqlite') {
    it('production: refuses the embedded SQLite in one line, as the server does', async () => {
      expect(await seed({ ...PRODUCTION, ...ADMIN })).toEqual({
        code: 1,
        stdout: [],
        stderr: ['Invalid configuration: DB_HOST is required when NODE_ENV=production'],
      });
    });
    return;
  }

  describe('production (the database variables and ADMIN_* only, no JWT_SECRET)', () => {
    it('needs ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
      expect(await seed({ ...PRODUCTION, ADMIN_PASSWORD: ADMIN.ADMIN_PASSWORD })).toEqual({
        code: 1,
        stdout: [],
        stderr: ['Invalid configuration: ADMIN_EMAIL is required to seed a production database'],
      });
      expect(await seed({ ...PRODUCTION, ADMIN_EMAIL: ADMIN.ADMIN_EMAIL })).toEqual({
        code: 1,
        stdout: [],
        stderr: ['Invalid configuration: ADMIN_PASSWORD is required to seed a production database'],
      });
    });

    it('refuses a password registration would refuse (ADMIN_PASSWORD=admin)', async () => {
      const result = await seed({ ...PRODUCTION, ...ADMIN, ADMIN_PASSWORD: 'admin' });
      expect(result.code).toBe(1);
      expect(result.stderr).toHaveLength(1);
      expect(result.stderr[0]).toMatch(/^Invalid configuration: ADMIN_PASSWORD is refused by the registration rules: /);
      expect(await connect().schema.hasTable('users')).toBe(false);
    });

    it('creates the admin only: no demo customer, no demo products', async () => {
      expect(await seed({ ...PRODUCTION, ...ADMIN })).toEqual({
        code: 0,
        stdout: ['Created: admin ops@shop.example', NO_DEMO],
        stderr: [],
      });
      expect(await connect()('users').select('email', 'role')).toEqual([{ email: 'ops@shop.example', role: 'admin' }]);
      expect(await connect()('products').count({ n: '*' })).toEqual([{ n: 0 }]);
      expect(await adminMatches(ADMIN.ADMIN_PASSWORD)).toBe(true);
    });

    it('run again with another password: says it left the admin alone; --reset-password changes it and ends its sessions', async () => {
      await seed({ ...PRODUCTION, ...ADMIN });
      const again = await seed({ ...PRODUCTION, ...ADMIN, ADMIN_PASSWORD: 'a brand new passphrase' });
      expect(again).toEqual({ code: 0, stdout: [LEFT_ALONE_ADMIN, NO_DEMO], stderr: [] });
      expect(await adminMatches(ADMIN.ADMIN_PASSWORD)).toBe(true);

      const reset = await seed({ ...PRODUCTION, ...ADMIN, ADMIN_PASSWORD: 'a brand new passphrase' }, '--reset-password');
      expect(reset).toEqual({
        code: 0,
        stdout: ['Changed: password of admin ops@shop.example (its sessions ended)', NO_DEMO],
        stderr: [],
      });
      expect(await adminMatches('a brand new passphrase')).toBe(true);
      expect(await connect()('users').where({ email: 'ops@shop.example' }).first('token_version')).toEqual({ token_version: 1 });
    });

    it('--demo adds the demo catalog once, and still no demo customer', async () => {
      expect((await seed({ ...PRODUCTION, ...ADMIN }, '--demo')).stdout).toEqual(['Created: admin ops@shop.example', 'Created: 48 demo products']);
      expect((await seed({ ...PRODUCTION, ...ADMIN }, '--demo')).stdout).toEqual([
        LEFT_ALONE_ADMIN,
        'Left alone: the catalog (48 products already; demo products go only into an empty one)',
      ]);
      expect(await connect()('users').pluck('email')).toEqual(['ops@shop.example']);
    });

    it('refuses an ADMIN_EMAIL that belongs to a customer: seeding never changes a role', async () => {
      await seed({}); // development: the demo customer user@example.com
      const result = await seed({ ...PRODUCTION, ...ADMIN, ADMIN_EMAIL: 'user@example.com' });
      expect(result).toEqual({
        code: 1,
        stdout: [],
        stderr: ['user@example.com is a customer account, and seeding never changes a role: choose another ADMIN_EMAIL'],
      });
      expect(await connect()('users').where({ email: 'user@example.com' }).first('role')).toEqual({ role: 'user' });
    });
  });
});
