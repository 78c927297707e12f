import type { MutationResolvers } from '../../generated/resolvers-types';

export const deleteProduct: MutationResolvers['deleteProduct'] = (_parent, { id }, { services }) =>
  services.products.remove(id);
