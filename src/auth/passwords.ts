import { bcryptCompare, bcryptHash } from './bcryptThreads';
import { badInput } from '../errors';

// bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated.
const MIN_BYTES = 8;
const MAX_BYTES = 72;

export function checkPasswordStrength(password: string, field = 'password'): void {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes < MIN_BYTES) throw badInput(field, `${field} must be at least ${MIN_BYTES} bytes long`);
  if (!fitsBcrypt(password)) throw badInput(field, `${field} must be at most ${MAX_BYTES} bytes long`);
}

export function fitsBcrypt(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') <= MAX_BYTES;
}

/** On low-priority threads (bcryptThreads.ts): the event loop and other requests go first. */
export function hashPassword(password: string, rounds: number): Promise<string> {
  return bcryptHash(password, rounds);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcryptCompare(password, hash);
}
