import type { MutationResolvers } from '../../generated/resolvers-types';

export const cancelOrder: NonNullable<MutationResolvers['cancelOrder']> = (_parent, { id }, { services }) =>
  services.orders.cancel(id);
