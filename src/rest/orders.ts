import { Router } from 'express';
import type { AppDeps, Context } from '../context';
import type { Order } from '../domain';
import { OrderCreate, OrderStatusUpdate } from './contract/orders';
import { PageQuery } from './contract/paging';
import { withContext } from './handler';
import { pagination, read } from './input';
import { presentOrder, presentPagination } from './presenters';

async function present({ services }: Context, order: Order) {
  return presentOrder(order, await services.orders.items(order));
}

export function orderRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get(
    '/',
    withContext(deps, async (context, req, res) => {
      const { page, limit } = pagination(PageQuery, req.query);
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
        items: read(OrderCreate, req.body).items,
        idempotencyKey: req.get('Idempotency-Key'),
      });
      if (replayed) res.set('Idempotent-Replayed', 'true');
      res.status(201).location(`${req.baseUrl}/${order.id}`).json(await present(context, order));
    }),
  );

  router.patch(
    '/:id',
    withContext(deps, async (context, req, res) => {
      const { status } = read(OrderStatusUpdate, req.body);
      const order = await context.services.orders.updateStatus(String(req.params.id), status);
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
