import type { MutationResolvers } from '../../generated/resolvers-types';

export const logout: NonNullable<MutationResolvers['logout']> = (_parent, _args, { services }) => services.users.logout();
