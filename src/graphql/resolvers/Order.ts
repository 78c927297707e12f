import type { OrderResolvers } from '../generated/resolvers-types';
import { loadExisting } from '../../loaders';

// Batched per request through DataLoader: a page of N orders costs one query for all their items
// (through the orders service, as REST reads them) and one for all their users, not N of each.
export const Order: OrderResolvers = {
  total: (order) => order.totalCents,
  items: (order, _args, { services }) => services.orders.items(order),
  user: (order, _args, { loaders }) => loadExisting(loaders.userById, order.userId, 'User'),
};
