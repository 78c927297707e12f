import type { QueryResolvers } from '../../generated/resolvers-types';

export const orders: NonNullable<QueryResolvers['orders']> = (_parent, args, { services }) => services.orders.all(args);
