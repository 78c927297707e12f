import type { AuthPayloadResolvers } from '../generated/resolvers-types';

/** Every field resolves by default from the domain's AuthResult (its mapper). */
export const AuthPayload: AuthPayloadResolvers = {};
