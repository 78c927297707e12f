// What the database drills do as a shop's users: register buyers, put products in the catalog,
// place orders and read back what each server holds.
import { randomUUID } from 'node:crypto';
import { dataOf, graphql } from './client';
import { DATABASE, type MariaServer } from './mariadb';

/** The environment every drill instance shares; the database's address is each instance's own. */
export const INSTANCE_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: 'cluster-drill-secret-of-at-least-32-characters',
  BCRYPT_ROUNDS: '4',
  LOG_LEVEL: 'warn',
  MAX_UNPAID_UNITS_PER_USER: '10000000', // the buyers keep ordering; the bound has tests of its own
  REGISTRATION_LIMIT: '10000', // every buyer registers from 127.0.0.1
};

export interface Buyer {
  email: string;
  token: string;
}

/** `count` buyers, registered through `bases` in turn. */
export async function registerBuyers(bases: string[], count: number, prefix: string): Promise<Buyer[]> {
  return Promise.all(
    Array.from({ length: count }, async (_unused, index) => {
      const email = `${prefix}-${index}@drill.example`;
      const answer = await graphql(bases[index % bases.length]!, 'mutation($input: RegisterInput!) { register(input: $input) { token } }', {
        input: { email, password: 'drill-password-1' },
      });
      return { email, token: dataOf<{ register: { token: string } }>(answer).register.token };
    }),
  );
}

/** Inserts a product straight into the database (as an import would); its id. */
export async function insertProduct(server: MariaServer, name: string, stock: number, priceCents = 1000): Promise<number> {
  const now = new Date();
  const result = (await server.sql(
    `INSERT INTO ${DATABASE}.products (name, description, price, stock, category, archived, created_at, updated_at) VALUES (?, '', ?, ?, 'Drill', 0, ?, ?)`,
    [name, priceCents, stock, now, now],
  )) as unknown as { insertId: number };
  return Number(result.insertId);
}

export interface Placed {
  /** The order's id when the order was placed (or replayed). */
  id: string | null;
  /** The error code otherwise (INSUFFICIENT_STOCK, SERVICE_UNAVAILABLE, …), or `HTTP n`. */
  code: string | null;
  status: number;
  retryAfter: string | null;
  ms: number;
  /** The start of the answer's body, to show what went wrong. */
  detail: string;
}

const PLACE_ORDER = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }';

export async function placeOrder(base: string, token: string, items: { productId: number; quantity: number }[], key: string = randomUUID()): Promise<Placed> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PLACE_ORDER, variables: { input: { items: items.map((item) => ({ ...item, productId: String(item.productId) })), idempotencyKey: key } } }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const body = parsed(text) as { data?: { placeOrder?: { id: string } | null }; errors?: { extensions?: { code?: string } }[] };
  const id = body.data?.placeOrder?.id ?? null;
  return {
    id,
    code: id ? null : (body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`),
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    ms: performance.now() - started,
    detail: text.slice(0, 300),
  };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) ?? {};
  } catch {
    return {}; // not JSON: an HTML page of a proxy, an empty body
  }
}

/** How many answers had each outcome: `{ placed: 20, INSUFFICIENT_STOCK: 40 }`. */
export function tally(answers: Placed[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const outcome = answer.id ? 'placed' : answer.code!;
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

/** A product's stock and the units its orders hold (cancelled ones aside), as `server` sees them. */
export async function stockAndSold(server: MariaServer, productId: number): Promise<{ stock: number; sold: number; orders: number }> {
  const { stock } = await server.one<{ stock: number }>(`SELECT stock FROM ${DATABASE}.products WHERE id = ?`, [productId]);
  const { sold, orders } = await server.one<{ sold: string | null; orders: number }>(
    `SELECT SUM(i.quantity) AS sold, COUNT(DISTINCT i.order_id) AS orders FROM ${DATABASE}.order_items i JOIN ${DATABASE}.orders o ON o.id = i.order_id
      WHERE i.product_id = ? AND o.status <> 'cancelled'`,
    [productId],
  );
  return { stock: Number(stock), sold: Number(sold ?? 0), orders: Number(orders) };
}

/** An order a client was told was placed: its id, and the idempotency key it was placed with. */
export interface Acknowledged {
  id: string;
  key: string;
}

/**
 * Which acknowledged orders the server does not hold. By key, not by id alone: a server that lost
 * orders hands their ids out again to new ones.
 */
export async function missingOrders(server: MariaServer, acknowledged: Acknowledged[]): Promise<Acknowledged[]> {
  if (acknowledged.length === 0) return [];
  const rows = await server.sql<{ order_id: number; idempotency_key: string }>(
    `SELECT order_id, idempotency_key FROM ${DATABASE}.idempotency_keys WHERE idempotency_key IN (?)`,
    [acknowledged.map((order) => order.key)],
  );
  const held = new Set(rows.map((row) => `${row.order_id}:${row.idempotency_key}`));
  return acknowledged.filter((order) => !held.has(`${order.id}:${order.key}`));
}

export interface OrderLog {
  /** Orders whose placement got a success answer. */
  acknowledged: Acknowledged[];
  /** Every answer, with when its request started (ms since the epoch) and its idempotency key. */
  answers: (Placed & { at: number; key: string })[];
}

/**
 * Each buyer places one-unit orders of `productId` while `running()`, as a careful client: after
 * a 503 or a lost connection it sends the same idempotency key again, to the next instance,
 * 200 ms later (at most 8 times).
 */
export async function orderWhile(running: () => boolean, bases: string[], buyers: Buyer[], productId: number): Promise<OrderLog> {
  const log: OrderLog = { acknowledged: [], answers: [] };
  await Promise.all(
    buyers.map(async (buyer, index) => {
      while (running()) {
        const key = randomUUID();
        for (let attempt = 0; attempt < 8; attempt += 1) {
          const at = Date.now();
          const answer = await placeOrder(bases[(index + attempt) % bases.length]!, buyer.token, [{ productId, quantity: 1 }], key).catch(
            (error: unknown): Placed => ({ id: null, code: String(error), status: 0, retryAfter: null, ms: Date.now() - at, detail: '' }),
          );
          log.answers.push({ ...answer, at, key });
          if (answer.id) log.acknowledged.push({ id: answer.id, key });
          if (answer.id || (answer.status !== 503 && answer.status !== 0)) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    }),
  );
  return log;
}
