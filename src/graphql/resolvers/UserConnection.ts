import type { UserConnectionResolvers } from '../generated/resolvers-types';
import { connectionFields } from './connections';

export const UserConnection: UserConnectionResolvers = connectionFields;
