import type { QueryResolvers } from '../../generated/resolvers-types';

export const myOrders: NonNullable<QueryResolvers['myOrders']> = (_parent, args, { services }) => services.orders.mine(args);
