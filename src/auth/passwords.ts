import { bcryptCompare, bcryptHash } from './bcryptThreads';
import { badInput } from '../errors';

// bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated.
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 72;

// bcrypt stops at a NUL byte (eight NULs were the empty password) and UTF-8 encoding turns every
// lone surrogate into U+FFFD (three different passwords were one). Other control characters
// (tab, newline, DEL…) are refused with them: keyboards do not type them, pasting adds them.
/** The rules in a sentence, for the API documents. */
export const PASSWORD_RULES =
  `${PASSWORD_MIN_BYTES} to ${PASSWORD_MAX_BYTES} bytes in UTF-8, counted in Unicode NFC (the form that is hashed, so ` +
  'composed and decomposed accents are the same password); no control characters or unpaired surrogates; not only spaces';

const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;
const ONLY_WHITESPACE = /^\s*$/u;

/**
 * Passwords are hashed in Unicode NFC, so "é" typed as one code point (macOS, Windows) or as
 * "e" + U+0301 (some Linux input methods, iOS in places) is the same password.
 */
function hashedForm(password: string): string {
  return password.normalize('NFC');
}

function fitsBcrypt(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') <= PASSWORD_MAX_BYTES;
}

/** Whether a password is one the rules below could have accepted: anything else never signs in. */
function isWellFormed(password: string): boolean {
  return password !== '' && !CONTROL_OR_LONE_SURROGATE.test(password);
}

/** The rules for a new password, on its NFC form (the one that is hashed). */
export function checkPasswordStrength(password: string, field = 'password'): void {
  if (CONTROL_OR_LONE_SURROGATE.test(password)) {
    throw badInput(field, `${field} must not contain control characters or unpaired surrogates`);
  }
  const bytes = Buffer.byteLength(hashedForm(password), 'utf8');
  if (bytes < PASSWORD_MIN_BYTES) throw badInput(field, `${field} must be at least ${PASSWORD_MIN_BYTES} bytes long`);
  if (bytes > PASSWORD_MAX_BYTES) throw badInput(field, `${field} must be at most ${PASSWORD_MAX_BYTES} bytes long`);
  if (ONLY_WHITESPACE.test(password)) throw badInput(field, `${field} must not be only spaces`);
}

/** On low-priority threads (bcryptThreads.ts): the event loop and other requests go first. */
export function hashPassword(password: string, rounds: number): Promise<string> {
  return bcryptHash(hashedForm(password), rounds);
}

/** `rehash`: the hash was made from the password's raw, non-NFC form; store a new one. */
export type PasswordCheck = { matches: false } | { matches: true; rehash: boolean };

/**
 * The NFC form is tried first. Hashes made before passwords were normalised hold the form the
 * client sent: when the NFC form fails and the raw form differs, the raw form is tried too, and
 * a match asks for a rehash. Malformed passwords (empty, control characters, unpaired
 * surrogates, longer than bcrypt reads) never match, whatever the stored hash.
 */
export async function verifyPassword(password: string, hash: string): Promise<PasswordCheck> {
  if (!isWellFormed(password)) return { matches: false };
  const normalized = hashedForm(password);
  if (fitsBcrypt(normalized) && (await bcryptCompare(normalized, hash))) return { matches: true, rehash: false };
  if (normalized !== password && fitsBcrypt(password) && (await bcryptCompare(password, hash))) {
    // A few characters grow under NFC (U+0958 → U+0915 U+093C); a form bcrypt would truncate is not stored.
    return { matches: true, rehash: fitsBcrypt(normalized) };
  }
  return { matches: false };
}
