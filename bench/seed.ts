// The benchmark's own MariaDB database: created fresh, migrated with the project's migrations,
// filled in bulk (batch inserts inside transactions) from bench/dataset.ts, dropped afterwards.
// The server and the anchors connect as accounts of their own, so that statements can be
// counted per account (bench/statements.ts).
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import knex, { type Knex } from 'knex';
import { DEFAULT_POOL_MAX, type DatabaseConfig } from '../src/config';
import { createDb } from '../src/db/knex';
import { migrateToLatest } from '../src/db/migrations';
import { backfillSearchWords } from '../src/db/productSearchWords';
import { ADMIN_EMAIL, BENCH_PASSWORD, orderAt, productAt, userEmail } from './dataset';

export interface MysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface Sizes {
  products: number;
  users: number;
  orders: number;
}

export interface Account {
  user: string;
  password: string;
}

export interface BenchDatabase {
  name: string;
  /** Root's connection to the bench database (seeding, checks). */
  db: Knex;
  /** Root's connection to the server (accounts, status counters). */
  admin: Knex;
  /** The account Shopgraph connects with, and the one every anchor connects with. */
  accounts: { app: Account; anchor: Account };
  config(account: Account): Extract<DatabaseConfig, { client: 'mysql' }>;
  drop(): Promise<void>;
}

/** Users are ids 1 (the admin) and 2..users+1 (customers). */
export const ADMIN_ID = 1;
export const FIRST_CUSTOMER_ID = 2;

const PRODUCTS_PER_TRANSACTION = 50_000;
const BATCH = 1000;

export function mysqlServerFromEnv(env: NodeJS.ProcessEnv = process.env): MysqlServer {
  return {
    host: env.DB_HOST || '127.0.0.1',
    port: Number(env.DB_PORT || 3306),
    user: env.DB_USER || 'root',
    password: env.DB_PASSWORD ?? '',
  };
}

export async function createBenchDatabase(server: MysqlServer, name: string): Promise<BenchDatabase> {
  const admin = knex({
    client: 'mysql2',
    connection: { host: server.host, port: server.port, user: server.user, password: server.password, charset: 'utf8mb4' },
    pool: { min: 0, max: 2 },
  });
  const tag = name.replace(/^shopgraph_bench_/, '');
  const accounts = {
    app: { user: `sgbench_${tag}_app`, password: randomBytes(12).toString('hex') },
    anchor: { user: `sgbench_${tag}_anchor`, password: randomBytes(12).toString('hex') },
  };
  await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci', [name]);
  for (const account of Object.values(accounts)) {
    await admin.raw(`CREATE USER ?@'%' IDENTIFIED BY ?`, [account.user, account.password]);
    await admin.raw(`GRANT ALL PRIVILEGES ON ??.* TO ?@'%'`, [name, account.user]);
  }
  const config = (account: Account) => ({
    client: 'mysql' as const,
    host: server.host,
    port: server.port,
    user: account.user,
    password: account.password,
    database: name,
    poolMax: DEFAULT_POOL_MAX,
    replicas: [],
    replicaMaxLagSeconds: 5,
    waitForPositions: true,
    retryTransactions: true,
  });
  const db = createDb({ ...config({ user: server.user, password: server.password }) });
  let dropped = false;
  return {
    name,
    db,
    admin,
    accounts,
    config,
    async drop() {
      if (dropped) return;
      dropped = true;
      await db.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      for (const account of Object.values(accounts)) await admin.raw(`DROP USER IF EXISTS ?@'%'`, [account.user]);
      await admin.destroy();
    },
  };
}

export interface SeedReport {
  seconds: number;
  orderItems: number;
}

/** Migrates, then inserts users, products and orders with their items. */
export async function seed(db: Knex, sizes: Sizes, bcryptRounds: number): Promise<SeedReport> {
  const started = Date.now();
  await migrateToLatest(db);
  // One hash for every account: hashing 2,000 passwords at cost 12 would take minutes.
  const hash = await bcrypt.hash(BENCH_PASSWORD, bcryptRounds);
  const createdAt = new Date(Date.UTC(2025, 11, 1));
  const users = [
    { id: ADMIN_ID, email: ADMIN_EMAIL, password: hash, role: 'admin', created_at: createdAt, updated_at: createdAt },
    ...Array.from({ length: sizes.users }, (_, index) => ({
      id: FIRST_CUSTOMER_ID + index,
      email: userEmail(index + 1),
      password: hash,
      role: 'user',
      created_at: createdAt,
      updated_at: createdAt,
    })),
  ];
  await insertInBatches(db, 'users', users);
  await addProducts(db, 1, sizes.products, true);

  let orderItems = 0;
  await db.transaction(async (trx) => {
    for (let first = 1; first <= sizes.orders; first += BATCH) {
      const last = Math.min(sizes.orders, first + BATCH - 1);
      const seeds = Array.from({ length: last - first + 1 }, (_, index) =>
        orderAt(first + index, { first: FIRST_CUSTOMER_ID, count: sizes.users }, sizes.products),
      );
      await trx('orders').insert(seeds.map((seed) => seed.order));
      const items = seeds.flatMap((seed) => seed.items);
      await trx('order_items').insert(items);
      orderItems += items.length;
    }
  });
  await db.raw('ANALYZE TABLE users, products, orders, order_items');
  return { seconds: (Date.now() - started) / 1000, orderItems };
}

/**
 * Products number `from`..`to` of the data set, in batches, a transaction per 50,000. The first
 * catalog keeps the data set's ids (orders refer to them); products added later (S6) take the
 * next free ids, as S5 has added products of its own by then.
 */
export async function addProducts(db: Knex, from: number, to: number, keepIds = false): Promise<{ indexSeconds: number }> {
  // Not one transaction: InnoDB updates the FULLTEXT index at commit, and the commit of a million
  // products would outlast the connection's answer deadline (src/db/knex.ts).
  for (let first = from; first <= to; first += PRODUCTS_PER_TRANSACTION) {
    const rows = Array.from({ length: Math.min(to, first + PRODUCTS_PER_TRANSACTION - 1) - first + 1 }, (_, index) => {
      const { id, ...product } = productAt(first + index);
      return keepIds ? { id, ...product } : product;
    });
    await insertInBatches(db, 'products', rows);
  }
  // The search index of the new products, as the migration's backfill writes it (batches of 500).
  const started = Date.now();
  await backfillSearchWords(db);
  const indexSeconds = (Date.now() - started) / 1000;
  await db.raw('ANALYZE TABLE products, product_search_words');
  return { indexSeconds };
}

async function insertInBatches(db: Knex, table: string, rows: object[]): Promise<void> {
  await db.transaction(async (trx) => {
    for (let start = 0; start < rows.length; start += BATCH) await trx(table).insert(rows.slice(start, start + BATCH));
  });
}

/** A product only one scenario buys (S5), so stock counts stay exact. */
export async function insertProductWithStock(db: Knex, stock: number, label: string): Promise<number> {
  const now = new Date();
  const [id] = await db('products').insert({
    name: `Bench race product ${label}`,
    description: 'Bought by many clients at once.',
    price: 1234,
    stock,
    category: 'Bench',
    created_at: now,
    updated_at: now,
  });
  return Number(id);
}

/**
 * The search index's rows and size (InnoDB's estimate from information_schema), per product.
 * Counted over the admin connection: at a million products the count outlasts the app's
 * statement time limit.
 */
export async function searchIndexSize(database: Pick<BenchDatabase, 'admin' | 'name'>): Promise<string> {
  const count = async (table: string) => {
    const [rows] = (await database.admin.raw('SELECT COUNT(*) AS n FROM ??.??', [database.name, table])) as [{ n: unknown }[]];
    return Number(rows[0]?.n);
  };
  const [rows, products] = [await count('product_search_words'), await count('products')];
  const [stats] = (await database.admin.raw(
    'SELECT data_length + index_length AS bytes FROM information_schema.TABLES WHERE table_schema = ? AND table_name = ?',
    [database.name, 'product_search_words'],
  )) as [{ bytes: number | string }[]];
  const bytes = Number(stats[0]?.bytes ?? 0);
  return `search index ${rows.toLocaleString('en-US')} rows (${(rows / products).toFixed(1)} per product), ${(bytes / 2 ** 20).toFixed(0)} MiB (${Math.round(bytes / products)} bytes per product) for ${products.toLocaleString('en-US')} products`;
}
