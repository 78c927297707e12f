import type { MutationResolvers } from '../../generated/resolvers-types';

export const restoreProduct: NonNullable<MutationResolvers['restoreProduct']> = (_parent, { id }, { services }) =>
  services.products.restore(id);
