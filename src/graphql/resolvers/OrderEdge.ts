import type { OrderEdgeResolvers } from '../generated/resolvers-types';

/** Every field resolves by default from the domain's OrderEdge (its mapper). */
export const OrderEdge: OrderEdgeResolvers = {};
