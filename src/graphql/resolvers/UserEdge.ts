import type { UserEdgeResolvers } from '../generated/resolvers-types';

/** Every field resolves by default from the domain's UserEdge (its mapper). */
export const UserEdge: UserEdgeResolvers = {};
