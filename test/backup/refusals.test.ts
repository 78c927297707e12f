// What npm run db:restore refuses, each in one line with exit code 1, and what --force allows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runSourceCommand } from '../support/commandProcess';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases';
import { freePort } from '../support/serverProcess';

describe.each(dialects)('npm run db:restore (%s)', (dialect) => {
  let dir: string;
  let source: TestDatabase;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-restore-'));
    source = await createTestDatabase(dialect);
    expect(await runSourceCommand('src/cli/migrate.ts', [], source.env, dir)).toMatchObject({ code: 0 });
    file = path.join(dir, 'backup');
    expect(await runSourceCommand('src/cli/backup.ts', [file], source.env, dir)).toMatchObject({ code: 0, stderr: [] });
  }, 120_000);
  afterAll(async () => {
    await source?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a database that has tables, in one line, and replaces them with --force', async () => {
    const target = await createTestDatabase(dialect);
    try {
      expect(await runSourceCommand('src/cli/restore.ts', [file], target.env, dir)).toMatchObject({ code: 0, stderr: [] });
      const refused = await runSourceCommand('src/cli/restore.ts', [file], target.env, dir);
      expect(refused).toEqual({ code: 1, stdout: [], stderr: [expect.stringMatching(/^Refusing to restore into .*: it already has \d+ tables \(--force replaces them\)$/)] });
      const forced = await runSourceCommand('src/cli/restore.ts', [file, '--force'], target.env, dir);
      expect(forced).toMatchObject({ code: 0, stderr: [] });
      expect(forced.stdout).toEqual([expect.stringMatching(/^Restored /), 'Schema is current']);
    } finally {
      await target.drop();
    }
  }, 120_000);

  it('says which file it cannot read, and that a file is not a backup', async () => {
    const target = await createTestDatabase(dialect);
    try {
      expect(await runSourceCommand('src/cli/restore.ts', [path.join(dir, 'missing')], target.env, dir)).toEqual({
        code: 1,
        stdout: [],
        stderr: [`Cannot read the backup ${path.join(dir, 'missing')}: no such file`],
      });
      const foreign = path.join(dir, 'notes.txt');
      writeFileSync(foreign, 'hello\n');
      expect(await runSourceCommand('src/cli/restore.ts', [foreign], target.env, dir)).toMatchObject({ code: 1, stderr: [expect.stringMatching(/is not a Shopgraph backup/)] });
    } finally {
      await target.drop();
    }
  }, 60_000);

  it('refuses a backup of the other dialect', async () => {
    const other: Record<string, string> = dialect === 'sqlite' ? { DB_HOST: '127.0.0.1', DB_PORT: String(await freePort()) } : { SQLITE_FILE: path.join(dir, 'other.sqlite') };
    const result = await runSourceCommand('src/cli/restore.ts', [file], other, dir);
    expect(result).toEqual({ code: 1, stdout: [], stderr: [expect.stringMatching(/^.* is a (SQLite|MySQL\/MariaDB) backup; the configured database is (MySQL\/MariaDB|SQLite) /)] });
  }, 60_000);

  if (dialect === 'mysql') {
    it('says so in one line when the server does not answer', async () => {
      const env = { DB_HOST: '127.0.0.1', DB_PORT: String(await freePort()), DB_USER: 'root' };
      const expected = { code: 1, stdout: [], stderr: [expect.stringMatching(/^The database server at 127\.0\.0\.1:\d+ does not answer \(ECONNREFUSED\)$/)] };
      expect(await runSourceCommand('src/cli/backup.ts', [path.join(dir, 'never')], env, dir)).toEqual(expected);
      expect(await runSourceCommand('src/cli/restore.ts', [file], env, dir)).toEqual(expected);
    }, 60_000);
  }
});
