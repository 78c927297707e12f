import { Router } from 'express';
import type { AppDeps } from '../context';
import { notFound } from '../errors';
import type { ProductFieldsInput } from '../services/products';
import { withContext } from './handler';
import { jsonObject, optionalInteger, optionalMoney, optionalString, pagination, queryString, type Body } from './input';
import { presentPagination, presentProduct } from './presenters';

function productFields(body: Body): ProductFieldsInput {
  return {
    name: optionalString(body, 'name'),
    description: optionalString(body, 'description'),
    priceCents: optionalMoney(body, 'price'),
    stock: optionalInteger(body, 'stock'),
    category: optionalString(body, 'category'),
  };
}

export function productRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get(
    '/',
    withContext(deps, async ({ services }, req, res) => {
      const query = req.query as Record<string, unknown>;
      const { page, limit } = pagination(query);
      const { products, total } = await services.products.page({
        page,
        limit,
        search: queryString(query, 'search'),
        category: queryString(query, 'category'),
      });
      res.json({ products: products.map(presentProduct), pagination: presentPagination(page, limit, total) });
    }),
  );

  router.get(
    '/:id',
    withContext(deps, async ({ services }, req, res) => {
      const product = await services.products.get(String(req.params.id));
      if (!product) throw notFound('Product');
      res.json(presentProduct(product));
    }),
  );

  router.post(
    '/',
    withContext(deps, async ({ services }, req, res) => {
      const product = await services.products.create(productFields(jsonObject(req.body)));
      res.status(201).location(`${req.baseUrl}/${product.id}`).json(presentProduct(product));
    }),
  );

  router.put(
    '/:id',
    withContext(deps, async ({ services }, req, res) => {
      const product = await services.products.update(String(req.params.id), productFields(jsonObject(req.body)));
      res.json(presentProduct(product));
    }),
  );

  router.delete(
    '/:id',
    withContext(deps, async ({ services }, req, res) => {
      await services.products.remove(String(req.params.id));
      res.status(204).end();
    }),
  );

  return router;
}
