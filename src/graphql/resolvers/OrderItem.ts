import type { OrderItemResolvers } from '../generated/resolvers-types';
import { loadExisting } from '../../loaders';

export const OrderItem: OrderItemResolvers = {
  unitPrice: (item) => item.unitPriceCents,
  lineTotal: (item) => item.unitPriceCents * item.quantity,
  // The product as it is now, archived or not; the name and price at purchase are on the item.
  product: (item, _args, { loaders }) => loadExisting(loaders.productById, item.productId, 'Product'),
};
