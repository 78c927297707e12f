import type { QueryResolvers } from '../../generated/resolvers-types';

export const categories: NonNullable<QueryResolvers['categories']> = (_parent, _args, { services }) =>
  services.products.categories();
