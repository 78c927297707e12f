import type { QueryResolvers } from '../../generated/resolvers-types';

export const products: NonNullable<QueryResolvers['products']> = (_parent, args, { services }) =>
  services.products.list({
    first: args.first,
    after: args.after,
    search: args.search,
    category: args.category,
    minPriceCents: args.minPrice,
    maxPriceCents: args.maxPrice,
    inStock: args.inStock,
    sort: args.sort,
  });
