import { ORDER_STATUSES, upperCaseKeys } from '../../domain';
import type { OrderStatusResolvers } from '../generated/resolvers-types';

/** GraphQL's PENDING, PAID, … are the domain's 'pending', 'paid', …. */
export const OrderStatus: OrderStatusResolvers = upperCaseKeys(ORDER_STATUSES);
