import type { MutationResolvers } from '../../generated/resolvers-types';

export const deleteProduct: NonNullable<MutationResolvers['deleteProduct']> = (_parent, { id }, { services }) =>
  services.products.remove(id);
