import jwt from 'jsonwebtoken';
import { unauthenticated } from '../errors';

export interface JwtSettings {
  secret: string;
  expiresInSeconds: number;
}

const ALGORITHM = 'HS256';

export function signToken(userId: number, settings: JwtSettings): { token: string; expiresAt: Date } {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + settings.expiresInSeconds;
  const token = jwt.sign({ sub: String(userId), iat: issuedAt, exp: expiresAt }, settings.secret, {
    algorithm: ALGORITHM,
  });
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** The user id a token was issued to. Forged, expired or malformed tokens are UNAUTHENTICATED. */
export function verifyToken(token: string, secret: string): number {
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
  return Number(sub);
}
