import type { QueryResolvers } from '../../generated/resolvers-types';

export const users: NonNullable<QueryResolvers['users']> = (_parent, args, { services }) => services.users.list(args);
