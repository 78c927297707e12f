import { signToken } from '../auth/jwt';
import { checkPasswordStrength, fitsBcrypt, hashPassword, verifyPassword } from '../auth/passwords';
import { isUniqueViolation } from '../db/knex';
import { countUsers, findUserByEmail, insertUser, listUsers } from '../db/users';
import type { AuthResult, User, UserConnection } from '../domain';
import { AppError, badInput, conflict } from '../errors';
import { parseId } from '../validation';
import { checkFirst, connectionFrom, decodeCursor, encodeCursor, isIdCursor } from './pagination';
import { requireAdmin, type RequestScope } from './scope';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (normalized === '') throw badInput('email', 'email must not be empty');
  if (normalized.length > 254 || !EMAIL.test(normalized)) throw badInput('email', 'email is not a valid address');
  return normalized;
}

// Compared against when the email is unknown, so a failed login costs the same either way.
const dummyHashes = new Map<number, Promise<string>>();
function dummyHash(rounds: number): Promise<string> {
  if (!dummyHashes.has(rounds)) dummyHashes.set(rounds, hashPassword('not the password of anyone', rounds));
  return dummyHashes.get(rounds)!;
}

export function createUserService({ db, config, loaders, viewer }: RequestScope) {
  function authenticate(user: User): AuthResult {
    return { ...signToken(user.id, config.jwt), user };
  }

  return {
    me(): User | null {
      return viewer;
    },

    /** Registration always creates a customer; no input can choose the role. */
    async register(input: { email: string; password: string }): Promise<AuthResult> {
      const email = normalizeEmail(input.email);
      checkPasswordStrength(input.password);
      const passwordHash = await hashPassword(input.password, config.bcryptRounds);
      try {
        return authenticate(await insertUser(db, { email, passwordHash, role: 'user' }));
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('An account with this email already exists');
        throw error;
      }
    },

    async login(emailInput: string, password: string): Promise<AuthResult> {
      const email = normalizeEmail(emailInput);
      const user = await findUserByEmail(db, email);
      const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash(config.bcryptRounds)));
      // bcrypt ignores bytes past the 72nd, so a longer password must not match a shorter one.
      if (!user || !matches || !fitsBcrypt(password)) throw new AppError('UNAUTHENTICATED', 'Invalid email or password');
      const { passwordHash: _hash, ...withoutPassword } = user;
      return authenticate(withoutPassword);
    },

    async get(id: string): Promise<User | null> {
      requireAdmin(viewer);
      return loaders.userById.load(parseId(id));
    },

    async list(args: { first: number; after?: string | null; search?: string | null }): Promise<UserConnection> {
      requireAdmin(viewer);
      const first = checkFirst(args.first);
      const afterId = args.after ? decodeCursor(args.after, isIdCursor).id : null;
      const filter = { search: args.search?.trim() || undefined };
      const rows = await listUsers(db, filter, { afterId, limit: first + 1 });
      return connectionFrom(rows, first, (user) => encodeCursor({ id: user.id }), () => countUsers(db, filter));
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
