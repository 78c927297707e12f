// Order load for the backup tests: buyers placing two-line orders over HTTP until stopped, each
// acknowledged order recorded with when it was acknowledged; and the checks a restored database
// must pass.
import type { Knex } from 'knex';
import { gqlAt, PLACE_ORDER, type PlaceResponse } from './orderRaces';

export interface Acknowledged {
  id: number;
  key: string;
  at: number;
}

export interface OrderLoad {
  acknowledged: Acknowledged[];
  /** Answers other than an acknowledged order (there should be none). */
  failures: string[];
  stop(): Promise<void>;
}

/** One loop per buyer token, each placing orders one after another with a fresh idempotency key. */
export function startOrderLoad(url: string, tokens: string[], productIds: number[]): OrderLoad {
  const acknowledged: Acknowledged[] = [];
  const failures: string[] = [];
  let running = true;
  let sequence = 0;
  const buyers = tokens.map(async (token, buyer) => {
    while (running) {
      const n = sequence++;
      const key = `backup-load-${buyer}-${n}`;
      const first = productIds[n % productIds.length]!;
      const second = productIds[(n + 1) % productIds.length]!;
      const items = [
        { productId: String(first), quantity: 1 },
        { productId: String(second), quantity: 2 },
      ];
      try {
        const response = await gqlAt<PlaceResponse['data']>(url, PLACE_ORDER, { input: { items, idempotencyKey: key } }, token);
        const order = response.data?.placeOrder;
        if (order) acknowledged.push({ id: Number(order.id), key, at: Date.now() });
        else failures.push(JSON.stringify(response.errors ?? response.status));
      } catch (error) {
        failures.push(String(error));
      }
    }
  });
  return {
    acknowledged,
    failures,
    async stop() {
      running = false;
      await Promise.all(buyers);
    },
  };
}

/** What must hold in a restored database; the list of problems found (empty when it is sound). */
export async function problemsIn(db: Knex, initialStock: number, mustContain: Acknowledged[]): Promise<string[]> {
  const problems: string[] = [];
  const products = (await db('products').select('id', 'stock')) as { id: number; stock: number }[];
  const sold = (await db('order_items').select('product_id').sum({ sold: 'quantity' }).groupBy('product_id')) as { product_id: number; sold: string | number }[];
  for (const product of products) {
    const units = Number(sold.find((row) => Number(row.product_id) === Number(product.id))?.sold ?? 0);
    if (Number(product.stock) + units !== initialStock) problems.push(`product ${product.id}: stock ${product.stock} + sold ${units} ≠ ${initialStock}`);
  }
  const orders = (await db('orders as o')
    .leftJoin('order_items as i', 'i.order_id', 'o.id')
    .select('o.id', 'o.total_amount')
    .count({ items: 'i.id' })
    .sum({ sum: db.raw('i.price * i.quantity') })
    .groupBy('o.id', 'o.total_amount')) as { id: number; total_amount: string | number; items: string | number; sum: string | number | null }[];
  for (const order of orders) {
    if (Number(order.items) === 0) problems.push(`order ${order.id} has no items`);
    else if (Number(order.total_amount) !== Number(order.sum)) problems.push(`order ${order.id}: total ${order.total_amount} ≠ items ${order.sum}`);
  }
  const dangling = (await db('idempotency_keys as k').leftJoin('orders as o', 'o.id', 'k.order_id').whereNull('o.id').select('k.idempotency_key')) as { idempotency_key: string }[];
  for (const key of dangling) problems.push(`idempotency key ${key.idempotency_key} points at no order`);
  const present = new Set(orders.map((order) => Number(order.id)));
  const missing = mustContain.filter((order) => !present.has(order.id));
  if (missing.length > 0) problems.push(`${missing.length} acknowledged orders missing, e.g. ${missing.slice(0, 5).map((order) => order.id).join(', ')}`);
  return problems;
}
