import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runProcess } from './support/commandProcess';
import { createTestDatabase, dialects } from './support/databases';

const ROOT = path.resolve(__dirname, '..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
/** PATH without any node_modules/.bin: no tsx, tsc or vite unless a package brings its own. */
const PATH = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes('node_modules')).join(path.delimiter);

const PRODUCTION_SCRIPTS = {
  start: 'src/index.ts',
  migrate: 'src/cli/migrate.ts',
  seed: 'src/cli/seed.ts',
  'db:backup': 'src/cli/backup.ts',
  'db:restore': 'src/cli/restore.ts',
};

describe('production commands: npm start, npm run migrate and npm run seed', () => {
  it.each(Object.entries(PRODUCTION_SCRIPTS))('npm run %s runs node on the compiled %s', (script, source) => {
    expect(packageJson.scripts[script]).toBe(`node ${path.join('dist', source.replace(/\.ts$/, '.js'))}`);
    expect(existsSync(path.join(ROOT, source))).toBe(true);
  });

  describe('prepare, without the build tools (npm ci --omit=dev)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-prepare-'));
      cpSync(path.join(ROOT, 'scripts/prepare.js'), path.join(dir, 'scripts/prepare.js'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps the build in dist/ and says so in one line', async () => {
      mkdirSync(path.join(dir, 'dist/src'), { recursive: true });
      writeFileSync(path.join(dir, 'dist/src/index.js'), '');
      expect(await runProcess(process.execPath, ['scripts/prepare.js'], { PATH }, dir)).toEqual({
        code: 0,
        stdout: ['prepare: no build tools (dev dependencies omitted): keeping the build in dist/'],
        stderr: [],
      });
    });

    it('with no dist/ either, says where the build must come from, without failing the install', async () => {
      const result = await runProcess(process.execPath, ['scripts/prepare.js'], { PATH }, dir);
      expect(result).toMatchObject({ code: 0, stderr: [] });
      expect(result.stdout).toEqual([expect.stringMatching(/^prepare: .* no dist\/: run `npm run build` where they are installed/)]);
    });
  });

  describe('from a compiled tree with only the production dependencies', () => {
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-dist-'));
      const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
      const build = await runProcess(
        process.execPath,
        [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(dir, 'dist'), '--tsBuildInfoFile', path.join(dir, '.tsbuildinfo')],
        {},
        ROOT,
      );
      expect(build).toMatchObject({ code: 0 });
      cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
      // As `npm ci --omit=dev` leaves it: the dependencies (theirs resolve from where they really are), no .bin.
      for (const name of Object.keys(packageJson.dependencies)) {
        mkdirSync(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
        symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name));
      }
    }, 300_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each(dialects)('npm run migrate and npm run seed run there, with no tsx (%s)', async (dialect) => {
      const database = await createTestDatabase(dialect);
      const npm = (script: string, env: Record<string, string>) =>
        runProcess('npm', ['run', '--silent', script], { PATH, BCRYPT_ROUNDS: '4', ...database.env, ...env }, dir);
      try {
        const environment: Record<string, string> = dialect === 'mysql' ? { NODE_ENV: 'production', ADMIN_EMAIL: 'ops@shop.example', ADMIN_PASSWORD: 'correct horse battery' } : {};
        const migrate = await npm('migrate', environment);
        expect(migrate).toMatchObject({ code: 0, stderr: [] });
        expect(migrate.stdout).toEqual([expect.stringMatching(/^Applied: \d{14}_create_users, /)]);
        expect(await npm('migrate', environment)).toEqual({ code: 0, stdout: ['Already up to date'], stderr: [] });
        const seed = await npm('seed', environment);
        expect(seed).toMatchObject({ code: 0, stderr: [] });
        expect(seed.stdout[0]).toBe(dialect === 'mysql' ? 'Created: admin ops@shop.example' : 'Created: admin admin@example.com');
      } finally {
        await database.drop();
      }
    });
  });
});
