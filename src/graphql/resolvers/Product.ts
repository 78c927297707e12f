import type { ProductResolvers } from '../generated/resolvers-types';

export const Product: ProductResolvers = {
  price: (product) => product.priceCents,
};
