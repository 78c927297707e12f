import { Router } from 'express';
import type { AppDeps } from '../context';
import { notFound } from '../errors';
import { ProductCreate, ProductQuery, ProductUpdate } from './contract/products';
import { withContext } from './handler';
import { pagination, read } from './input';
import { presentPagination, presentProduct } from './presenters';

export function productRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get(
    '/',
    withContext(deps, async ({ services }, req, res) => {
      const query = pagination(ProductQuery, req.query);
      const { products, total, exact } = await services.products.page(query);
      res.json({
        products: products.map(presentProduct),
        pagination: { ...presentPagination(query.page, query.limit, total), total_exact: exact },
      });
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
      const { price, ...fields } = read(ProductCreate, req.body);
      const product = await services.products.create({ ...fields, priceCents: price });
      res.status(201).location(`${req.baseUrl}/${product.id}`).json(presentProduct(product));
    }),
  );

  router.put(
    '/:id',
    withContext(deps, async ({ services }, req, res) => {
      const { price, ...fields } = read(ProductUpdate, req.body);
      const product = await services.products.update(String(req.params.id), { ...fields, priceCents: price });
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
