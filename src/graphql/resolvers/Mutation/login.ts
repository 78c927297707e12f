import type { MutationResolvers } from '../../generated/resolvers-types';

export const login: NonNullable<MutationResolvers['login']> = (_parent, { email, password }, { services }) =>
  services.users.login(email, password);
