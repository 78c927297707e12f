import { ROLES, upperCaseKeys } from '../../domain';
import type { RoleResolvers } from '../generated/resolvers-types';

/** GraphQL's ADMIN and USER are the domain's 'admin' and 'user'. */
export const Role: RoleResolvers = upperCaseKeys(ROLES);
