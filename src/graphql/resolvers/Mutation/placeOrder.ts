import type { MutationResolvers } from '../../generated/resolvers-types';

export const placeOrder: NonNullable<MutationResolvers['placeOrder']> = async (_parent, { input }, { services }) =>
  (await services.orders.place(input)).order;
