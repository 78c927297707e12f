// What a compiled query retains, measured: how the compiled-query cache's size estimate
// (src/graphql/compiledExecution.ts) was calibrated. For each document shape, one process per
// executor serves K unique documents, each twice (the second compiled under GRAPHQL_EXECUTOR=jit),
// and the heap after a full GC is compared with the heap before; jit minus graphql-js is what
// compiling retained. Run: node --expose-gc --import tsx bench/compiledSize.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { compileQuery } from 'graphql-jit';
import { createApp } from '../src/app';
import { estimateCompiledSize } from '../src/graphql/compiledSize';
import { loadConfig } from '../src/config';
import { createDb } from '../src/db/knex';
import { migrateToLatest } from '../src/db/migrations';
import { typeDefs } from '../src/graphql/generated/typeDefs';
import { resolvers } from '../src/graphql/generated/resolvers';
import { createLogger } from '../src/logger';
import { heavyDocument } from '../test/support/heavyDocuments';

/** What the script reads of an answer. */
interface Answer {
  token: string;
  user: { id: number };
  data: { createProduct: { id: string } };
  errors?: unknown[];
}

const K = Number(process.env.K ?? 20);

const SHAPES: Record<string, (index: number) => string> = {
  heavy: (index) => heavyDocument(index),
  'heavy, 200-character aliases': (index) => heavyDocument(index, { nameLength: 200 }),
  'heavy, 60 kB comment': (index) => `# ${'x'.repeat(60_000)}\n${heavyDocument(index)}`,
  'heavy, 10 aliases': (index) => heavyDocument(index, { aliases: 10 }),
  '30 product lists': (index) =>
    `{ ${Array.from({ length: 30 }, (_, alias) => `p${index}_${alias}: products(first: 1) { nodes { id name price stock } }`).join(' ')} }`,
  catalog: (index) =>
    `query C${index}($after: String) { products(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name price stock category } } categories }`,
};

async function serve(shape: string, executor: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-size-'));
  const config = loadConfig({
    NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), BCRYPT_ROUNDS: '4', LOG_LEVEL: 'silent',
    SQLITE_FILE: path.join(dir, 'db.sqlite'), GRAPHQL_EXECUTOR: executor,
  });
  const db = createDb(config.database);
  await migrateToLatest(db);
  const app = await createApp({ config, db, logger: createLogger('silent') });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  const post = async (route: string, body: object, token?: string) => {
    const response = await fetch(`${url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Answer;
  };
  const admin = await post('/api/auth/register', { email: 'admin@size.example', password: 'correct horse battery' });
  await db('users').where({ id: admin.user.id }).update({ role: 'admin' });
  const user = await post('/api/auth/register', { email: 'user@size.example', password: 'correct horse battery' });
  const product = await post('/graphql', { query: 'mutation { createProduct(input: { name: "Lamp", description: "A lamp", price: "1.00", stock: 9, category: "Home" }) { id } }' }, admin.token);
  await post('/graphql', { query: `mutation { placeOrder(input: { items: [{ productId: "${product.data.createProduct.id}", quantity: 1 }] }) { id } }` }, user.token);
  const document = SHAPES[shape]!;
  for (let index = 0; index < 3; index++) await post('/graphql', { query: document(-1 - index) }, user.token);

  const heap = () => {
    for (let i = 0; i < 4; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  const before = heap();
  for (let index = 0; index < K; index++) {
    for (let time = 0; time < 2; time++) {
      const answer = await post('/graphql', { query: document(index) }, user.token);
      if (answer.errors) throw new Error(JSON.stringify(answer.errors[0]));
    }
  }
  const after = heap();
  const schema = makeExecutableSchema({ typeDefs, resolvers });
  const compiled = compileQuery(schema, parse(document(0)), undefined, { debug: true } as never) as unknown as Record<string, string>;
  // graphql-jit's debug output (undocumented): the generated function's source, for the table only.
  const functionLength = compiled.__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation!.length;
  const parsed = parse(document(0));
  const operation = parsed.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const estimate = estimateCompiledSize(parsed, operation, Infinity);
  process.stdout.write(JSON.stringify({ perDocument: (after - before) / K, textLength: document(0).length, functionLength, estimate }));
  await app.stop();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}

function main(): void {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(`| shape | text | generated function | retained per document, graphql-js | jit | compiled (jit − graphql-js) | estimate | estimate ÷ compiled |`);
  console.log('|---|---|---|---|---|---|---|---|');
  for (const shape of Object.keys(SHAPES)) {
    const run = (executor: string) =>
      JSON.parse(
        execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, shape, executor], { encoding: 'utf8', env: { ...process.env, K: String(K) } }),
      ) as { perDocument: number; textLength: number; functionLength: number; estimate: number };
    const interpreted = run('graphql-js');
    const jit = run('jit');
    const compiled = jit.perDocument - interpreted.perDocument;
    console.log(
      `| ${shape} | ${kib(jit.textLength)} | ${kib(jit.functionLength)} | ${kib(interpreted.perDocument)} | ${kib(jit.perDocument)} | ${kib(compiled)} | ${kib(jit.estimate)} | ${(jit.estimate / compiled).toFixed(2)} |`,
    );
  }
}

if (process.argv[2]) void serve(process.argv[2], process.argv[3]!);
else main();
