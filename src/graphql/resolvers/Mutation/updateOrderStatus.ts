import type { MutationResolvers } from '../../generated/resolvers-types';

export const updateOrderStatus: NonNullable<MutationResolvers['updateOrderStatus']> = (_parent, { id, status }, { services }) =>
  services.orders.updateStatus(id, status);
