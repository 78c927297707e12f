import type { MutationResolvers } from '../../generated/resolvers-types';

export const register: NonNullable<MutationResolvers['register']> = (_parent, { input }, { services }) =>
  services.users.register(input);
