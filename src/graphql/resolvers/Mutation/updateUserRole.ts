import type { MutationResolvers } from '../../generated/resolvers-types';

export const updateUserRole: NonNullable<MutationResolvers['updateUserRole']> = (_parent, { id, role }, { services }) =>
  services.users.updateRole(id, role);
