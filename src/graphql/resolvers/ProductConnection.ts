import type { ProductConnectionResolvers } from '../generated/resolvers-types';
import { connectionFields } from './connections';

export const ProductConnection: ProductConnectionResolvers = {
  ...connectionFields,
  totalCountPrecision: (connection) => connection.totalCountPrecision(),
};
