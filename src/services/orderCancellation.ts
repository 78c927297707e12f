import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findItemsByOrderIds, transitionOrder } from '../db/orders';
import { returnStock } from '../db/products';
import { transactionWithRetry } from '../db/transactions';
import type { OrderItem, OrderStatus } from '../domain';

/**
 * Moves an order from one of `from` to CANCELLED and puts its items back in stock, in one
 * transaction. Only the call whose guarded status UPDATE changes the row restocks, so of
 * concurrent cancels (the buyer's, an admin's, the expiry job on any instance) exactly one does;
 * the others get null.
 */
export async function cancelAndRestock(
  db: Knex,
  orderId: number,
  from: OrderStatus[],
  logger: Logger,
): Promise<OrderItem[] | null> {
  return transactionWithRetry(
    db,
    async (trx) => {
      if (!(await transitionOrder(trx, orderId, from, 'cancelled'))) return null;
      const items = await findItemsByOrderIds(trx, [orderId]);
      // Ascending product id, the order placing locks them in, so the two cannot deadlock.
      for (const item of [...items].sort((a, b) => a.productId - b.productId)) {
        await returnStock(trx, item.productId, item.quantity);
      }
      return items;
    },
    { onRetry: (error, attempt) => logger.warn({ err: error, attempt, orderId }, 'retrying an order cancellation') },
  );
}
