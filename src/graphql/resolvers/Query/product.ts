import type { QueryResolvers } from '../../generated/resolvers-types';

export const product: NonNullable<QueryResolvers['product']> = (_parent, { id }, { services }) => services.products.get(id);
