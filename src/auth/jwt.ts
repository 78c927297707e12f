import jwt from 'jsonwebtoken';
import { unauthenticated } from '../errors';

export interface JwtSettings {
  secret: string;
  expiresInSeconds: number;
}

/** What a valid token says: whose it is and the user's token version when it was signed. */
export interface TokenClaims {
  userId: number;
  tokenVersion: number;
}

const ALGORITHM = 'HS256';

export function signToken(
  user: { id: number; tokenVersion: number },
  settings: JwtSettings,
): { token: string; expiresAt: Date } {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + settings.expiresInSeconds;
  const token = jwt.sign(
    { sub: String(user.id), ver: user.tokenVersion, iat: issuedAt, exp: expiresAt },
    settings.secret,
    { algorithm: ALGORITHM },
  );
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** The claims of a token. Forged, expired or malformed tokens are UNAUTHENTICATED. */
export function verifyToken(token: string, secret: string): TokenClaims {
  let payload: string | jwt.JwtPayload;
  try {
    // The algorithm is pinned: a token signed with anything else (including `none`) is refused.
    payload = jwt.verify(token, secret, { algorithms: [ALGORITHM] });
  } catch (error) {
    throw unauthenticated(
      error instanceof jwt.TokenExpiredError ? 'Your session has expired; sign in again' : 'Invalid token',
    );
  }
  const sub = typeof payload === 'object' ? payload.sub : undefined;
  if (typeof payload !== 'object' || payload.exp === undefined || !sub || !/^[1-9]\d*$/.test(sub)) {
    throw unauthenticated('Invalid token');
  }
  // Tokens signed before versions existed carry no `ver`: they are version 0, which a user's
  // first revocation ends like any other.
  const version: unknown = payload.ver ?? 0;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw unauthenticated('Invalid token');
  }
  return { userId: Number(sub), tokenVersion: version };
}
