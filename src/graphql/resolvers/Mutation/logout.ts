import type { MutationResolvers } from '../../generated/resolvers-types';

export const logout: MutationResolvers['logout'] = (_parent, _args, { services }) => services.users.logout();
