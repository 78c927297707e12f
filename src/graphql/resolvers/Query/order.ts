import type { QueryResolvers } from '../../generated/resolvers-types';

export const order: QueryResolvers['order'] = (_parent, { id }, { services }) => services.orders.get(id);
