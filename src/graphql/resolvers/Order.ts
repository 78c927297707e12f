import type { OrderResolvers } from '../generated/resolvers-types';
import { loadExisting } from '../../loaders';

// Batched per request through DataLoader: a page of N orders costs one query for all their items
// and one for all their users, not N of each.
export const Order: OrderResolvers = {
  total: (order) => order.totalCents,
  items: (order, _args, { loaders }) => loaders.itemsByOrderId.load(order.id),
  user: (order, _args, { loaders }) => loadExisting(loaders.userById, order.userId, 'User'),
};
