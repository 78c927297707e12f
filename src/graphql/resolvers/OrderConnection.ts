import type { OrderConnectionResolvers } from '../generated/resolvers-types';
import { connectionFields } from './connections';

export const OrderConnection: OrderConnectionResolvers = connectionFields;
