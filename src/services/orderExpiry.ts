// PENDING_ORDER_TTL: unpaid orders older than the TTL are cancelled and restocked by a job that
// runs in every API process. Each order goes through the cancel's own guarded transition, so of
// several instances (and a buyer cancelling at that moment) exactly one restocks it.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findPendingOrdersCreatedBefore } from '../db/orders';
import { cancelAndRestock } from './orderCancellation';

/** Orders looked at per statement, and per sweep at most BATCH × MAX_BATCHES (the rest next time). */
const BATCH = 100;
const MAX_BATCHES = 10;

/** How often each process sweeps: a tenth of the TTL, between 1 s and 1 min. */
export function sweepIntervalMs(ttlSeconds: number): number {
  return Math.min(60, Math.max(1, Math.floor(ttlSeconds / 10))) * 1000;
}

/**
 * One sweep: cancels every PENDING order created more than `ttlSeconds` before `now` (up to
 * BATCH × MAX_BATCHES) and returns how many this call cancelled; orders that another instance or
 * their buyer cancelled first are not counted and not restocked again.
 */
export async function expirePendingOrders(db: Knex, logger: Logger, ttlSeconds: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - ttlSeconds * 1000);
  let expired = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const orders = await findPendingOrdersCreatedBefore(db, before, BATCH);
    for (const order of orders) {
      const items = await cancelAndRestock(db, order.id, ['pending'], logger);
      if (!items) continue;
      expired += 1;
      logger.info(
        {
          orderId: order.id,
          userId: order.userId,
          createdAt: order.createdAt.toISOString(),
          restocked: items.map((item) => ({ productId: item.productId, quantity: item.quantity })),
        },
        `expired unpaid order ${order.id} (PENDING for more than ${ttlSeconds} s): cancelled and restocked`,
      );
    }
    if (orders.length < BATCH) break;
  }
  return expired;
}

export interface OrderExpiryJob {
  /** Stops the timer and waits for a sweep in progress, so the pool can close after it. */
  stop(): Promise<void>;
}

/** Sweeps every sweepIntervalMs(ttl), first after a random part of one interval (instances spread out). */
export function startOrderExpiry(db: Knex, logger: Logger, ttlSeconds: number): OrderExpiryJob {
  const intervalMs = sweepIntervalMs(ttlSeconds);
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const sweep = () => {
    if (running || stopped) return;
    running = expirePendingOrders(db, logger, ttlSeconds)
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, 'expiring unpaid orders failed; trying again at the next sweep'),
      )
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(() => {
    sweep();
    timer = setInterval(sweep, intervalMs).unref();
  }, Math.random() * intervalMs).unref();
  logger.info(`unpaid orders expire after ${ttlSeconds} s (PENDING_ORDER_TTL), checked every ${intervalMs / 1000} s`);

  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
