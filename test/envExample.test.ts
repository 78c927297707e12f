import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../src/config';

const ROOT = path.resolve(__dirname, '..');

interface Entry {
  name: string;
  value: string;
  meaning: string;
}

/** `NAME=value` lines of .env.example, each with the comment line just above it. */
function envExample(): Entry[] {
  const lines = readFileSync(path.join(ROOT, '.env.example'), 'utf8').split('\n');
  return lines.flatMap((line, index) => {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) return [];
    const above = lines[index - 1] ?? '';
    return [{ name: match[1]!, value: match[2]!, meaning: above.startsWith('# ') ? above.slice(2) : '' }];
  });
}

/** Every variable loadConfig reads, in environments that reach each branch (MySQL, production). */
function variablesRead(): Set<string> {
  const read = new Set<string>();
  const bases = [{}, { DB_HOST: 'db' }, { NODE_ENV: 'production', DB_HOST: 'db', JWT_SECRET: 'x'.repeat(32) }];
  for (const base of bases) {
    const recording = new Proxy(base as Record<string, string | undefined>, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return target[name as string];
      },
    });
    loadConfig(recording);
  }
  return read;
}

/** A configuration without what differs between two loads of the same environment. */
function comparable(config: Readonly<Config>): unknown {
  return { ...config, jwt: { ...config.jwt, secret: config.jwt.secret.length >= 32 } };
}

describe('.env.example', () => {
  const entries = envExample();
  const values = Object.fromEntries(entries.map(({ name, value }) => [name, value]));

  it('lists every variable the configuration module reads, once, and no other', () => {
    const names = entries.map(({ name }) => name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...variablesRead()].sort());
  });

  it('gives each variable a line of meaning, and says what unset means where there is no literal default', () => {
    for (const { name, value, meaning } of entries) {
      expect({ name, hasMeaning: meaning.length > 10 }).toEqual({ name, hasMeaning: true });
      if (value === '') expect({ name, saysUnset: /\bunset\b/i.test(meaning) }).toEqual({ name, saysUnset: true });
    }
  });

  it.each([
    ['the embedded SQLite', {}],
    ['MySQL', { DB_HOST: 'db' }],
    ['production', { NODE_ENV: 'production', DB_HOST: 'db', JWT_SECRET: 'x'.repeat(32) }],
  ])('holds the defaults: copied to .env it changes nothing (%s)', (_name, base: Record<string, string>) => {
    expect(comparable(loadConfig({ ...values, ...base }))).toEqual(comparable(loadConfig(base)));
  });

  it('every variable is in the README configuration table', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    expect(entries.map(({ name }) => name).filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });
});
