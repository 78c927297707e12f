import { createOrderService } from './orders';
import { createProductService } from './products';
import type { RequestScope } from './scope';
import { createUserService } from './users';

export function createServices(scope: RequestScope) {
  return {
    users: createUserService(scope),
    products: createProductService(scope),
    orders: createOrderService(scope),
  };
}

export type Services = ReturnType<typeof createServices>;
