import type { QueryResolvers } from '../../generated/resolvers-types';

export const order: NonNullable<QueryResolvers['order']> = (_parent, { id }, { services }) => services.orders.get(id);
