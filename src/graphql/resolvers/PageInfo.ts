import type { PageInfoResolvers } from '../generated/resolvers-types';

/** Every field resolves by default from the connection's pageInfo. */
export const PageInfo: PageInfoResolvers = {};
