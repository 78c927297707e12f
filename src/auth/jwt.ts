import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthenticated } from '../errors';

export interface JwtSettings {
  secret: string;
  expiresInSeconds: number;
  /** Tests set another instant; by default CLAIMED_TOKENS_SINCE. */
  claimedTokensSince?: Date;
}

/** What a valid token says: whose it is and the user's token version when it was signed. */
export interface TokenClaims {
  userId: number;
  tokenVersion: number;
}

const ALGORITHM = 'HS256';

/**
 * Who signs tokens and who they are for. A token signed with the same secret by anything else
 * (another service, a test harness, a leaked signer) carries another issuer or audience, or none,
 * and is refused.
 */
export const TOKEN_ISSUER = 'shopgraph';
export const TOKEN_AUDIENCE = 'shopgraph-api';

/**
 * Tokens carry `iss` and `aud` since this instant, the release that added them (a fixed date, the
 * same on every instance and after every restart). A token without both is accepted only if it
 * says it was signed before this instant (by the previous release), and only until one token
 * lifetime (JWT_EXPIRES_IN) after it: every such token the previous release signed has expired
 * on its own by then, and the check closes the window even for one signed with a longer lifetime,
 * so no second release is needed to end it. A token without them that claims a later `iat` was
 * not signed by this server. If this release reaches production after this instant, the window
 * is shorter (some sessions of the previous release sign in again), never longer.
 */
export const CLAIMED_TOKENS_SINCE = new Date('2026-12-05T00:00:00Z');

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
  now = Date.now(),
): { token: string; expiresAt: Date } {
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + settings.expiresInSeconds;
  const token = jwt.sign(
    { iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, sub: String(user.id), ver: user.tokenVersion, iat: issuedAt, exp: expiresAt },
    keyOf(settings),
    { algorithm: ALGORITHM },
  );
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** Whether a token's issuer and audience are this server's, or it is a previous release's token still in its window. */
function isForThisServer(payload: jwt.JwtPayload, settings: JwtSettings, nowSeconds: number): boolean {
  if (payload.iss !== undefined || payload.aud !== undefined) {
    return payload.iss === TOKEN_ISSUER && payload.aud === TOKEN_AUDIENCE;
  }
  const since = Math.floor((settings.claimedTokensSince ?? CLAIMED_TOKENS_SINCE).getTime() / 1000);
  return typeof payload.iat === 'number' && payload.iat < since && nowSeconds < since + settings.expiresInSeconds;
}

/** The claims of a token. Forged, expired, malformed or foreign tokens are UNAUTHENTICATED. */
export function verifyToken(token: string, settings: JwtSettings, now = Date.now()): TokenClaims {
  const nowSeconds = Math.floor(now / 1000);
  let payload: string | jwt.JwtPayload;
  try {
    // The algorithm is pinned: a token signed with anything else (including `none`) is refused.
    payload = jwt.verify(token, keyOf(settings), { algorithms: [ALGORITHM], clockTimestamp: nowSeconds });
  } catch (error) {
    throw unauthenticated(
      error instanceof jwt.TokenExpiredError ? 'Your session has expired; sign in again' : 'Invalid token',
    );
  }
  const sub = typeof payload === 'object' ? payload.sub : undefined;
  if (
    typeof payload !== 'object' ||
    payload.exp === undefined ||
    !sub ||
    !/^[1-9]\d*$/.test(sub) ||
    !isForThisServer(payload, settings, nowSeconds)
  ) {
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
