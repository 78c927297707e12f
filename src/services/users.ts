import { bcryptHash } from '../auth/bcryptThreads';
import { signToken } from '../auth/jwt';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../auth/passwords';
import { isUniqueViolation, type Db } from '../db/knex';
import { transactionWithRetry } from '../db/transactions';
import {
  countUsers,
  findPasswordHashOfUser,
  findUserByEmail,
  findUsersByIds,
  insertUser,
  listUsers,
  replacePasswordHash,
  revokeTokensOfUser,
  updatePasswordOfUser,
  updateRoleOfUser,
} from '../db/users';
import type { AuthResult, Role, User, UserConnection } from '../domain';
import { AppError, badInput, conflict, forbidden, notFound, unauthenticated } from '../errors';
import { parseId } from '../validation';
import { normalizeEmail } from './emailAddresses';
import { checkFirst, connectionFrom, decodeCursor, encodeCursor, isIdCursor } from './pagination';
import { requireAdmin, requireUser, type RequestScope } from './scope';

// Compared against when the email is unknown, so a failed login costs the same either way. Made
// in the sign-in queue (a flood of registrations must not hold it up); a refusal is not kept.
const dummyHashes = new Map<number, Promise<string>>();
function dummyHash(rounds: number): Promise<string> {
  if (!dummyHashes.has(rounds)) {
    const hash = bcryptHash('not the password of anyone', rounds, 'verify');
    hash.catch(() => dummyHashes.delete(rounds));
    dummyHashes.set(rounds, hash);
  }
  return dummyHashes.get(rounds)!;
}

const emailTaken = () => conflict('An account with this email already exists');

export function createUserService({ db, read, config, loaders, viewer, clientIp, loginThrottle, signedIn }: RequestScope) {
  function authenticate(user: User): AuthResult {
    signedIn.add(user.id);
    return { ...signToken(user, config.jwt), user };
  }

  /** The user as stored now (after a change), for the response and this request's later reads. */
  async function reload(trx: Db, id: number): Promise<User | null> {
    const [user = null] = await findUsersByIds(trx, [id]);
    loaders.userById.clear(id).prime(id, user);
    return user;
  }

  return {
    me(): User | null {
      return viewer;
    },

    /**
     * Registration always creates a customer; no input can choose the role. Each attempt that gets
     * past input checks counts against the client address's registration limit, "email taken" too.
     */
    async register(input: { email: string; password: string }): Promise<AuthResult> {
      const email = normalizeEmail(input.email);
      checkPasswordStrength(input.password);
      return loginThrottle.registration(clientIp, async () => {
        // Answered without hashing: a flood for a taken email costs queries, not bcrypt.
        if (await findUserByEmail(db, email)) throw emailTaken();
        const passwordHash = await hashPassword(input.password, config.bcryptRounds);
        try {
          return authenticate(await insertUser(db, { email, passwordHash, role: 'user' }));
        } catch (error) {
          if (isUniqueViolation(error)) throw emailTaken();
          throw error;
        }
      });
    },

    /**
     * Every call is one attempt against the email's and the client's limits, however the calls
     * arrive (aliases in one operation, batches, parallel requests, several instances).
     */
    async login(emailInput: string, password: string): Promise<AuthResult> {
      const email = normalizeEmail(emailInput);
      const user = await loginThrottle.attempt(email, clientIp, async () => {
        const found = await findUserByEmail(db, email);
        const check = await verifyPassword(password, found?.passwordHash ?? (await dummyHash(config.bcryptRounds)));
        if (!found || !check.matches) return null;
        // A hash of the password's raw, non-NFC form (made before passwords were normalised): replaced
        // when the hash queue has room; when it is full, the next sign-in tries again.
        if (check.rehash) {
          const rehashed = await hashPassword(password, config.bcryptRounds).catch(() => null);
          if (rehashed) await replacePasswordHash(db, found.id, found.passwordHash, rehashed);
        }
        return found;
      });
      if (!user) throw new AppError('UNAUTHENTICATED', 'Invalid email or password');
      const { passwordHash: _hash, ...withoutPassword } = user;
      return authenticate(withoutPassword);
    },

    /** Ends every session of the caller: all their tokens stop working. */
    async logout(): Promise<boolean> {
      const user = requireUser(viewer);
      if (!(await revokeTokensOfUser(db, user.id))) throw unauthenticated('This session has ended; sign in again');
      return true;
    },

    /**
     * Needs the current password, checked under the sign-in limits (a stolen token must not become
     * a way to guess it). Every other session ends; the returned token is the one that works.
     */
    async changePassword(currentPassword: string, newPassword: string): Promise<AuthResult> {
      const user = requireUser(viewer);
      checkPasswordStrength(newPassword, 'newPassword');
      const confirmed = await loginThrottle.attempt(user.email, clientIp, async () => {
        const hash = await findPasswordHashOfUser(db, user.id);
        return hash !== null && (await verifyPassword(currentPassword, hash)).matches ? true : null;
      });
      if (!confirmed) throw badInput('currentPassword', 'currentPassword is not your current password');
      const passwordHash = await hashPassword(newPassword, config.bcryptRounds);
      // One transaction: the version read back is the one this change set, not a later one.
      const changed = await transactionWithRetry(db, async (trx) =>
        (await updatePasswordOfUser(trx, user.id, passwordHash)) ? reload(trx, user.id) : null,
      );
      if (!changed) throw unauthenticated('This session has ended; sign in again');
      return authenticate(changed);
    },

    /** The user's sessions end when the role changes, so no token keeps the old role's power. */
    async updateRole(id: string, role: Role): Promise<User> {
      const admin = requireAdmin(viewer);
      const userId = parseId(id);
      // Nobody changes their own role: another admin can, and a lone admin demoting themselves would
      // leave nobody able to undo it.
      if (userId === admin.id) throw forbidden('Administrators cannot change their own role');
      const user = await transactionWithRetry(db, async (trx) => {
        await updateRoleOfUser(trx, userId, role);
        return reload(trx, userId);
      });
      if (!user) throw notFound('User');
      return user;
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
      const rows = await read((db) => listUsers(db, filter, { afterId, limit: first + 1 }));
      return connectionFrom(rows, first, (user) => encodeCursor({ id: user.id }), () => read((db) => countUsers(db, filter)));
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
