// Anchor for S5: `workers` clients buying one unit of one product in a loop over a raw mysql2
// pool (as many connections as Shopgraph's), each order one transaction: the guarded stock UPDATE, the
// product's name and price, the order and its item, COMMIT. After a warm-up on another
// product, buys until the stock is gone.
import { DEFAULT_POOL_MAX } from '../../src/config';
import mysql, { type PoolConnection, type ResultSetHeader, type RowDataPacket } from 'mysql2';
import { serveOneJob } from './loop';

export interface OrderJob {
  /** Sold out by the measured run. */
  productId: number;
  /** Bought from during the warm-up (a product with plenty of stock). */
  warmupProductId: number;
  warmupSec: number;
  workers: number;
  users: { first: number; count: number };
}

export interface OrderResult {
  sold: number;
  refused: number;
  errors: number;
  durationSec: number;
  perSecond: number;
}

const env = process.env;
const pool = mysql.createPool({
  host: env.DB_HOST,
  port: Number(env.DB_PORT),
  user: env.DB_USER,
  password: env.DB_PASSWORD,
  database: env.DB_NAME,
  connectionLimit: DEFAULT_POOL_MAX, // as Shopgraph's pool
  charset: 'utf8mb4',
  timezone: 'Z',
});

function connection(): Promise<PoolConnection> {
  return new Promise((resolve, reject) => pool.getConnection((error, conn) => (error ? reject(error) : resolve(conn))));
}

function query<T extends RowDataPacket[] | ResultSetHeader>(conn: PoolConnection, sql: string, values: unknown[] = []): Promise<T> {
  return new Promise((resolve, reject) => conn.query<T>(sql, values, (error, result) => (error ? reject(error) : resolve(result))));
}

/** One order; false when the stock is gone. */
async function buyOne(productId: number, userId: number): Promise<boolean> {
  const conn = await connection();
  try {
    await query(conn, 'BEGIN');
    const taken = await query<ResultSetHeader>(
      conn,
      'UPDATE products SET stock = stock - 1, updated_at = ? WHERE id = ? AND archived = false AND stock >= 1',
      [new Date(), productId],
    );
    if (taken.affectedRows === 0) {
      await query(conn, 'ROLLBACK');
      return false;
    }
    const [product] = await query<RowDataPacket[]>(conn, 'SELECT name, price FROM products WHERE id = ?', [productId]);
    const now = new Date();
    const order = await query<ResultSetHeader>(
      conn,
      "INSERT INTO orders (user_id, total_amount, status, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?)",
      [userId, product!.price, now, now],
    );
    await query(conn, 'INSERT INTO order_items (order_id, product_id, product_name, quantity, price) VALUES (?, ?, ?, 1, ?)', [
      order.insertId,
      productId,
      product!.name,
      product!.price,
    ]);
    await query(conn, 'COMMIT');
    return true;
  } catch (error) {
    await query(conn, 'ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    conn.release();
  }
}

async function buyUntil(job: OrderJob, productId: number, deadline: number): Promise<OrderResult> {
  const started = process.hrtime.bigint();
  let sold = 0;
  let refused = 0;
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: job.workers }, async () => {
      while (Date.now() < deadline) {
        const userId = job.users.first + (next++ % job.users.count);
        try {
          if (await buyOne(productId, userId)) sold += 1;
          else {
            refused += 1;
            return;
          }
        } catch {
          errors += 1;
          if (errors > 100) return; // the database is gone: answer with what happened
        }
      }
    }),
  );
  const durationSec = Number(process.hrtime.bigint() - started) / 1e9;
  return { sold, refused, errors, durationSec, perSecond: sold / durationSec };
}

serveOneJob(async (job: OrderJob, measuring): Promise<OrderResult> => {
  await buyUntil(job, job.warmupProductId, Date.now() + job.warmupSec * 1000);
  measuring();
  return buyUntil(job, job.productId, Infinity);
});
