import type { MutationResolvers } from '../../generated/resolvers-types';

export const createProduct: MutationResolvers['createProduct'] = (_parent, { input }, { services }) =>
  services.products.create({ ...input, priceCents: input.price });
