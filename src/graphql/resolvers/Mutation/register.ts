import type { MutationResolvers } from '../../generated/resolvers-types';

export const register: MutationResolvers['register'] = (_parent, { input }, { services }) =>
  services.users.register(input);
