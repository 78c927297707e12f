import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { listeningLine } from '../src/startup';
import { freePort, runServer, waitUntilListening } from './support/serverProcess';

describe('starting the server', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on an empty environment, migrating and seeding an embedded SQLite catalog, and stops cleanly on SIGTERM', async () => {
    const server = runServer({ PORT: String(await freePort()), BCRYPT_ROUNDS: '4' }, dir);
    await waitUntilListening(server);

    const graphql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ products(first: 5) { totalCount nodes { name price } } categories }' }),
    });
    const { data } = (await graphql.json()) as { data: { products: { totalCount: number }; categories: string[] } };
    expect(data.products.totalCount).toBeGreaterThanOrEqual(40);
    expect(data.categories.length).toBeGreaterThanOrEqual(5);

    const rest = await fetch(`${server.url}/api/products?limit=3`);
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { products: unknown[] }).products).toHaveLength(3);

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
    });
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const listening = server.output().split('\n').find((line) => line.includes('Shopgraph listening'));
    const origin = `http://localhost:${new URL(server.url).port}`;
    for (const part of [`storefront ${origin}/`, `GraphQL ${origin}/graphql`, `(docs ${origin}/api/docs)`, 'data/shopgraph.sqlite']) {
      expect(listening).toContain(part);
    }
    expect(listening).toContain('demo accounts admin@example.com / admin123 (admin), user@example.com / user123');
  });

  it('names no demo accounts outside development, and says when the storefront is not built', () => {
    const production = loadConfig({ NODE_ENV: 'production', DB_HOST: 'db.internal', JWT_SECRET: 'x'.repeat(32), PORT: '8080' });
    expect(listeningLine(production, false)).toBe(
      'Shopgraph listening: storefront not built (npm run build:web); GraphQL http://localhost:8080/graphql; '
        + 'REST http://localhost:8080/api (docs http://localhost:8080/api/docs); database MySQL db.internal',
    );
  });

  it('a port in use: one line on stderr naming PORT, exit 1', async () => {
    const port = await freePort();
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(port, resolve)); // every address, as the server listens
    try {
      const server = runServer({ PORT: String(port), BCRYPT_ROUNDS: '4' }, dir);
      expect(await server.exited).toBe(1);
      expect(server.errorOutput()).toBe(`Port ${port} is already in use: set PORT\n`);
    } finally {
      holder.close();
    }
  });

  it('seeds only once: a restart keeps the data as it was', async () => {
    const env = { PORT: String(await freePort()), BCRYPT_ROUNDS: '4' };
    const first = runServer(env, dir);
    await waitUntilListening(first);
    first.child.kill('SIGTERM');
    await first.exited;

    const second = runServer(env, dir);
    await waitUntilListening(second);
    const response = await fetch(`${second.url}/api/products?limit=1`);
    const { pagination } = (await response.json()) as { pagination: { total: number } };
    second.child.kill('SIGTERM');
    await second.exited;
    expect(pagination.total).toBe(48);
    expect(second.output()).not.toMatch(/seeded/);
  });

  it.each([
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }, 'DB_HOST'],
    [{ NODE_ENV: 'production', DB_HOST: '127.0.0.1' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', DB_HOST: '127.0.0.1', JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ PORT: 'eighty' }, 'PORT'],
  ])('exits 1 with one line naming the variable for %p', async (env, variable) => {
    const server = runServer(env, dir);
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });
});
