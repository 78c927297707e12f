import type { MutationResolvers } from '../../generated/resolvers-types';

export const login: MutationResolvers['login'] = (_parent, { email, password }, { services }) =>
  services.users.login(email, password);
