import type { MutationResolvers } from '../../generated/resolvers-types';

export const updateProduct: MutationResolvers['updateProduct'] = (_parent, { id, input }, { services }) =>
  services.products.update(id, { ...input, priceCents: input.price });
