// Product write cost as a client sees it (issue 18): the same REST writes sent in turn to the app
// as it was before the search index (git revision `before`, default 3eb932f, the commit before
// product_search_words) and to the app as it is now, each started from its sources through tsx
// on a fresh MariaDB database of its own. bench/writeCost.ts measures the data layer alone.
//   npx tsx bench/writeCostApi.ts [mysql://root@127.0.0.1:3306] [writes] [before]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signToken } from '../src/auth/jwt';
import { productAt } from './dataset';
import { median } from './load';
import { freePort, ROOT, startMeasured, type Measured } from './processes';
import { ADMIN_ID, createBenchDatabase, type BenchDatabase } from './seed';

interface Side {
  name: string;
  app: Measured;
  token: string;
  times: { insert: number[]; rename: number[]; describe: number[] };
}

async function timed(into: number[], url: string, method: string, token: string, body: object): Promise<{ id: number }> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as { id: number };
  into.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function main(): Promise<void> {
  const url = new URL(process.argv[2] ?? 'mysql://root@127.0.0.1:3306');
  const writes = Number(process.argv[3] ?? 300);
  const revision = process.argv[4] ?? '3eb932f';
  const server = { host: url.hostname, port: Number(url.port || 3306), user: url.username, password: decodeURIComponent(url.password) };
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'shopgraph-writecost-'));
  const beforeTree = path.join(scratch, 'before');
  const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(scratch, { recursive: true, force: true })];
  try {
    execFileSync('git', ['worktree', 'add', '--detach', beforeTree, revision], { cwd: ROOT, stdio: 'ignore' });
    cleanups.unshift(async () => execFileSync('git', ['worktree', 'remove', '--force', beforeTree], { cwd: ROOT, stdio: 'ignore' }));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(beforeTree, 'node_modules'));
    const jwt = { secret: randomBytes(30).toString('base64url'), expiresInSeconds: 3600 };
    const start = async (name: string, tree: string): Promise<Side> => {
      const database: BenchDatabase = await createBenchDatabase(server, `shopgraph_bench_wc${process.pid}${name}`);
      cleanups.unshift(() => database.drop());
      const config = database.config(database.accounts.app);
      const app = await startMeasured({
        name,
        script: path.join(tree, 'src/index.ts'),
        env: { NODE_ENV: 'production', JWT_SECRET: jwt.secret, LOG_LEVEL: 'warn', DB_HOST: config.host, DB_PORT: String(config.port), DB_USER: config.user, DB_PASSWORD: config.password, DB_NAME: config.database },
        port: await freePort(),
        cwd: scratch,
      });
      cleanups.unshift(() => app.stop());
      const now = new Date();
      await database.db('users').insert({ id: ADMIN_ID, email: 'admin@bench.test', password: 'not used', role: 'admin', created_at: now, updated_at: now });
      return { name, app, token: signToken({ id: ADMIN_ID, tokenVersion: 0 }, jwt).token, times: { insert: [], rename: [], describe: [] } };
    };
    const sides = [await start('before', beforeTree), await start('now', ROOT)];
    console.log(`before: ${revision} (${execFileSync('git', ['log', '-1', '--format=%s', revision], { cwd: ROOT, encoding: 'utf8' }).trim().slice(0, 80)})`);
    for (let index = 1; index <= writes; index += 1) {
      const { name, description, price, stock, category } = productAt(index);
      // Each side goes first every other time, so neither profits from the other's warm caches.
      for (const side of index % 2 === 0 ? sides : [...sides].reverse()) {
        const products = `${side.app.url}/api/products`;
        const { id } = await timed(side.times.insert, products, 'POST', side.token, { name, description, price: price / 100, stock, category });
        await timed(side.times.rename, `${products}/${id}`, 'PUT', side.token, { name: `${name} Limited` });
        await timed(side.times.describe, `${products}/${id}`, 'PUT', side.token, { description: productAt(index + writes).description });
      }
    }
    const [before, now] = sides as [Side, Side];
    for (const [what, key] of [
      ['POST /api/products', 'insert'],
      ['PUT /api/products/:id (a word added to the name)', 'rename'],
      ['PUT /api/products/:id (a new description)', 'describe'],
    ] as const) {
      const [old, current] = [median(before.times[key]), median(now.times[key])];
      console.log(`${what}: before ${old.toFixed(2)} ms, now ${current.toFixed(2)} ms (${(current / old).toFixed(2)}×), median of ${writes}`);
    }
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error(error));
  }
}

void main();
