import type { QueryResolvers } from '../../generated/resolvers-types';

export const user: NonNullable<QueryResolvers['user']> = (_parent, { id }, { services }) => services.users.get(id);
