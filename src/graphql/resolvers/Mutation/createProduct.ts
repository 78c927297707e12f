import type { MutationResolvers } from '../../generated/resolvers-types';

export const createProduct: NonNullable<MutationResolvers['createProduct']> = (_parent, { input }, { services }) =>
  services.products.create({ ...input, priceCents: input.price });
