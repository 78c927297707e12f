import type { MutationResolvers } from '../../generated/resolvers-types';

export const updateProduct: NonNullable<MutationResolvers['updateProduct']> = (_parent, { id, input }, { services }) =>
  services.products.update(id, { ...input, priceCents: input.price });
