import { Router, type Request, type Response } from 'express';
import { anonymousRead, cacheHeaders, REST_CATALOG_POLICY } from '../cache/policy';
import type { AppDeps } from '../context';
import { notFound } from '../errors';
import { ProductCreate, ProductQuery, ProductUpdate } from './contract/products';
import { withContext } from './handler';
import { pagination, read } from './input';
import { presentPagination, presentProduct } from './presenters';

export function productRoutes(deps: AppDeps): Router {
  const router = Router();
  // Until an answer is known to be a shareable one, nothing of it (errors included) is kept.
  router.use((_req, res, next) => {
    res.set(cacheHeaders(REST_CATALOG_POLICY, false));
    next();
  });

  router.get(
    '/',
    withContext(deps, async ({ services }, req, res) => {
      const query = pagination(ProductQuery, req.query);
      const { products, total, exact } = await services.products.page(query);
      shareIfAnonymous(req, res);
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
      shareIfAnonymous(req, res);
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

/** A catalog answer to an anonymous GET may be kept by shared caches (src/cache/policy.ts). */
function shareIfAnonymous(req: Request, res: Response): void {
  res.set(cacheHeaders(REST_CATALOG_POLICY, anonymousRead(req)));
}
