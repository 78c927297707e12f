import type { User } from '../domain';
import { unauthenticated } from '../errors';
import { verifyToken, type JwtSettings } from './jwt';

/**
 * Who is calling: null for anonymous requests (no Authorization header). A header that is
 * present but invalid, expired, names a deleted user or a revoked session is UNAUTHENTICATED,
 * never anonymous.
 */
export async function resolveViewer(
  authorization: string | undefined,
  jwt: JwtSettings,
  findUser: (id: number) => Promise<User | null>,
): Promise<User | null> {
  if (authorization === undefined || authorization.trim() === '') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  const { userId, tokenVersion } = verifyToken(match[1], jwt);
  // The same primary-key lookup that finds the user tells whether the session was revoked.
  const user = await findUser(userId);
  if (!user) throw unauthenticated('Invalid token');
  if (user.tokenVersion !== tokenVersion) throw unauthenticated('This session has ended; sign in again');
  return user;
}
