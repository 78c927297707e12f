import type { MutationResolvers } from '../../generated/resolvers-types';

export const changePassword: NonNullable<MutationResolvers['changePassword']> = (
  _parent,
  { currentPassword, newPassword },
  { services },
) => services.users.changePassword(currentPassword, newPassword);
