// Anchor for S1, S3 and S6: a minimal node:http server over a raw mysql2 pool (as many
// connections as Shopgraph's). No framework, no middleware, no validation beyond parsing numbers.
//   GET /api/products?page&limit&search — the very SQL Shopgraph issues (captured from src/db by
//     the benchmark and passed in BENCH_SQL), the same JSON shape as the REST API.
//   GET /orders?first=N — the newest N orders with items and products in one hand-written SQL,
//     shaped like the GraphQL answer to S3's query.
import { createServer, type ServerResponse } from 'node:http';
import { DEFAULT_POOL_MAX } from '../../src/config';
import mysql, { type RowDataPacket } from 'mysql2';
import type { SqlParams, SqlTemplate, SqlTemplates } from './sqlTemplates';
import { fillTemplate, paramsOf } from './sqlTemplates';

const env = process.env;
const templates = JSON.parse(env.BENCH_SQL ?? '{}') as SqlTemplates;
const pool = mysql.createPool({
  host: env.DB_HOST,
  port: Number(env.DB_PORT),
  user: env.DB_USER,
  password: env.DB_PASSWORD,
  database: env.DB_NAME,
  connectionLimit: DEFAULT_POOL_MAX, // as Shopgraph's pool
  charset: 'utf8mb4',
  timezone: 'Z',
  supportBigNumbers: true,
});

function query(sql: string, values: unknown[]): Promise<RowDataPacket[]> {
  return new Promise((resolve, reject) =>
    pool.query<RowDataPacket[]>(sql, values, (error, rows) => (error ? reject(error) : resolve(rows))),
  );
}

function run(template: SqlTemplate, params: SqlParams) {
  return query(template.sql, fillTemplate(template, params));
}

const money = (cents: number) => (cents / 100).toFixed(2);

async function products(url: URL): Promise<unknown> {
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 10) || 10));
  const search = url.searchParams.get('search')?.trim() ?? '';
  const params = paramsOf(page, limit, search);
  const [rows, counted] = await Promise.all(
    search ? [run(templates.searchList, params), run(templates.searchCount, params)] : [run(templates.list, params), run(templates.count, params)],
  );
  const total = Number(counted[0]?.n ?? 0);
  return {
    products: rows.map((row) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      price: Number(money(row.price)),
      stock: row.stock,
      category: row.category,
      created_at: (row.created_at as Date).toISOString(),
      updated_at: (row.updated_at as Date).toISOString(),
    })),
    // Exact always: the anchor runs the FULLTEXT statements' exact COUNT (S6 compares the products only).
    pagination: { page, limit, total, pages: Math.ceil(total / limit), total_exact: true },
  };
}

const ORDERS_SQL = `
  SELECT o.id, o.status, o.total_amount, o.created_at,
         i.id AS item_id, i.quantity, i.price AS unit_price, i.product_name,
         p.id AS product_id, p.name AS product_current_name, p.price AS product_price
  FROM (SELECT id, status, total_amount, created_at FROM orders ORDER BY id DESC LIMIT ?) o
  JOIN order_items i ON i.order_id = o.id
  JOIN products p ON p.id = i.product_id
  ORDER BY o.id DESC, i.id`;

interface OrderNode {
  id: string;
  status: string;
  total: string;
  createdAt: string;
  items: unknown[];
}

async function orders(url: URL): Promise<unknown> {
  const first = Math.min(100, Math.max(1, Number(url.searchParams.get('first') ?? 20) || 20));
  const rows = await query(ORDERS_SQL, [first]);
  const nodes: OrderNode[] = [];
  for (const row of rows) {
    let node = nodes.at(-1);
    if (node?.id !== String(row.id)) {
      node = {
        id: String(row.id),
        status: String(row.status).toUpperCase(),
        total: money(Number(row.total_amount)),
        createdAt: (row.created_at as Date).toISOString(),
        items: [],
      };
      nodes.push(node);
    }
    node.items.push({
      id: String(row.item_id),
      quantity: row.quantity,
      unitPrice: money(row.unit_price),
      lineTotal: money(row.unit_price * row.quantity),
      productName: row.product_name,
      product: { id: String(row.product_id), name: row.product_current_name, price: money(row.product_price) },
    });
  }
  return { data: { orders: { nodes } } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://anchor');
  const handler =
    url.pathname === '/api/products' ? products : url.pathname === '/orders' ? orders : url.pathname === '/api/health' ? async () => ({ status: 'ok' }) : null;
  if (!handler) return send(res, 404, { detail: 'Not found' });
  handler(url).then(
    (body) => send(res, 200, body),
    (error: unknown) => send(res, 500, { detail: String(error) }),
  );
});
server.keepAliveTimeout = 5000;
server.listen(Number(env.PORT), '127.0.0.1');

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  pool.end(() => process.exit(0));
});
