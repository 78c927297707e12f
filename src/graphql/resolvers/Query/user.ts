import type { QueryResolvers } from '../../generated/resolvers-types';

export const user: QueryResolvers['user'] = (_parent, { id }, { services }) => services.users.get(id);
