import { Router } from 'express';
import type { AppDeps } from '../context';
import { notFound } from '../errors';
import { authRoutes } from './auth';
import { docsRoutes } from './docs';
import { healthRoutes, type Lifecycle } from './health';
import { orderRoutes } from './orders';
import { productRoutes } from './products';

export function restRouter(deps: AppDeps, lifecycle: Lifecycle): Router {
  const router = Router();
  router.use(healthRoutes(deps, lifecycle));
  router.use('/auth', authRoutes(deps));
  router.use('/products', productRoutes(deps));
  router.use('/orders', orderRoutes(deps));
  router.use(docsRoutes());
  router.use(() => {
    throw notFound('Endpoint');
  });
  return router;
}
