import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  orders: (user, args, { services }) => services.orders.ofUser(user.id, args),
};
