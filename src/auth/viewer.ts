import type { User } from '../domain';
import { unauthenticated } from '../errors';
import type { Loaders } from '../loaders';
import { verifyToken } from './jwt';

/**
 * Who is calling: null for anonymous requests (no Authorization header). A header that is
 * present but invalid, expired or names a deleted user is UNAUTHENTICATED, never anonymous.
 */
export async function resolveViewer(
  authorization: string | undefined,
  jwtSecret: string,
  loaders: Loaders,
): Promise<User | null> {
  if (authorization === undefined || authorization.trim() === '') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  const user = await loaders.userById.load(verifyToken(match[1], jwtSecret));
  if (!user) throw unauthenticated('Invalid token');
  return user;
}
