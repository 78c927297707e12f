import type { ProductEdgeResolvers } from '../generated/resolvers-types';

/** Every field resolves by default from the domain's ProductEdge (its mapper). */
export const ProductEdge: ProductEdgeResolvers = {};
