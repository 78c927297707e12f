import { createSecretKey, type KeyObject } from 'node:crypto';
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

/**
 * jsonwebtoken turns a string secret into a key on every call, first trying (and failing) to
 * parse it as a PEM public key: a third of a signed-in request's CPU. The key is made once per
 * settings object instead.
 */
const keys = new WeakMap<JwtSettings, KeyObject>();
function keyOf(settings: JwtSettings): KeyObject {
  let key = keys.get(settings);
  if (!key) keys.set(settings, (key = createSecretKey(Buffer.from(settings.secret, 'utf8'))));
  return key;
}

export function signToken(
  user: { id: number; tokenVersion: number },
  settings: JwtSettings,
): { token: string; expiresAt: Date } {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + settings.expiresInSeconds;
  const token = jwt.sign(
    { sub: String(user.id), ver: user.tokenVersion, iat: issuedAt, exp: expiresAt },
    keyOf(settings),
    { algorithm: ALGORITHM },
  );
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** The claims of a token. Forged, expired or malformed tokens are UNAUTHENTICATED. */
export function verifyToken(token: string, settings: JwtSettings): TokenClaims {
  let payload: string | jwt.JwtPayload;
  try {
    // The algorithm is pinned: a token signed with anything else (including `none`) is refused.
    payload = jwt.verify(token, keyOf(settings), { algorithms: [ALGORITHM] });
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
