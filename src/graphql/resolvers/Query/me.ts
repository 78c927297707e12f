import type { QueryResolvers } from '../../generated/resolvers-types';

export const me: NonNullable<QueryResolvers['me']> = (_parent, _args, { services }) => services.users.me();
