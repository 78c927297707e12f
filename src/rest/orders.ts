import { Router } from 'express';
import type { AppDeps, Context } from '../context';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../domain';
import { badInput } from '../errors';
import type { OrderLineArgs } from '../services/orderPlacing';
import { withContext } from './handler';
import { jsonObject, pagination, requiredString } from './input';
import { presentOrder, presentPagination } from './presenters';

/** `{"items":[{"product_id","quantity"}]}` → the service's lines. */
function orderLines(body: unknown): OrderLineArgs[] {
  const { items } = jsonObject(body);
  if (!Array.isArray(items)) throw badInput('items', 'items must be a list of {"product_id", "quantity"}');
  return items.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw badInput('items', 'Each item must be an object like {"product_id": 1, "quantity": 2}');
    }
    const line = item as Record<string, unknown>;
    const productId = line.product_id;
    if (typeof productId !== 'number' && typeof productId !== 'string') {
      throw badInput('product_id', 'Each item needs a product_id');
    }
    if (typeof line.quantity !== 'number') throw badInput('quantity', 'Each item needs a numeric quantity');
    return { productId: String(productId), quantity: line.quantity };
  });
}

function orderStatus(body: unknown): OrderStatus {
  const status = requiredString(jsonObject(body), 'status');
  if (!(ORDER_STATUSES as readonly string[]).includes(status)) {
    throw badInput('status', `status must be one of ${ORDER_STATUSES.join(', ')}`);
  }
  return status as OrderStatus;
}

async function present({ services }: Context, order: Order) {
  return presentOrder(order, await services.orders.items(order));
}

export function orderRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get(
    '/',
    withContext(deps, async (context, req, res) => {
      const { page, limit } = pagination(req.query as Record<string, unknown>);
      const { orders, total } = await context.services.orders.page({ page, limit });
      res.json({
        orders: await Promise.all(orders.map((order) => present(context, order))),
        pagination: presentPagination(page, limit, total),
      });
    }),
  );

  router.get(
    '/:id',
    withContext(deps, async (context, req, res) => {
      res.json(await present(context, await context.services.orders.get(String(req.params.id))));
    }),
  );

  router.post(
    '/',
    withContext(deps, async (context, req, res) => {
      const { order, replayed } = await context.services.orders.place({
        items: orderLines(req.body),
        idempotencyKey: req.get('Idempotency-Key'),
      });
      if (replayed) res.set('Idempotent-Replayed', 'true');
      res.status(201).location(`${req.baseUrl}/${order.id}`).json(await present(context, order));
    }),
  );

  router.patch(
    '/:id',
    withContext(deps, async (context, req, res) => {
      const order = await context.services.orders.updateStatus(String(req.params.id), orderStatus(req.body));
      res.json(await present(context, order));
    }),
  );

  router.post(
    '/:id/cancel',
    withContext(deps, async (context, req, res) => {
      res.json(await present(context, await context.services.orders.cancel(String(req.params.id))));
    }),
  );

  return router;
}
