import type { Role, User, UserWithPassword } from '../domain';
import { containsIgnoringCase } from './likePattern';
import { toCount, toDate, type Db } from './knex';
import type { UserRow } from './tables';

function userFromRow(row: UserRow): UserWithPassword {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    tokenVersion: Number(row.token_version),
    passwordHash: row.password,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function withoutPassword({ passwordHash: _hash, ...user }: UserWithPassword): User {
  return user;
}

export async function findUsersByIds(db: Db, ids: readonly number[]): Promise<User[]> {
  const rows: UserRow[] = await db('users').whereIn('id', ids);
  return rows.map((row) => withoutPassword(userFromRow(row)));
}

/** `email` must already be normalized (trimmed, lower case). */
export async function findUserByEmail(db: Db, email: string): Promise<UserWithPassword | null> {
  const row: UserRow | undefined = await db('users').where({ email }).first();
  return row ? userFromRow(row) : null;
}

/** The bcrypt hash of a user's password, or null when there is no such user. */
export async function findPasswordHashOfUser(db: Db, id: number): Promise<string | null> {
  const row: Pick<UserRow, 'password'> | undefined = await db('users').where({ id }).first('password');
  return row?.password ?? null;
}

export async function insertUser(
  db: Db,
  user: { email: string; passwordHash: string; role: Role },
): Promise<User> {
  const now = new Date();
  const [id] = await db('users').insert({
    email: user.email,
    password: user.passwordHash,
    role: user.role,
    created_at: now,
    updated_at: now,
  });
  return { id: Number(id), email: user.email, role: user.role, tokenVersion: 0, createdAt: now, updatedAt: now };
}

/**
 * What every revocation sets: the token version raised in SQL (so concurrent revocations never
 * lose one), which ends every session whose token carries an older version.
 */
function raisedTokenVersion(db: Db) {
  return { token_version: db.raw('?? + 1', ['token_version']), updated_at: new Date() };
}

/** Logout: every token of the user stops working. False when there is no such user. */
export async function revokeTokensOfUser(db: Db, id: number): Promise<boolean> {
  return (await db('users').where({ id }).update(raisedTokenVersion(db))) > 0;
}

/** A new password hash; every token of the user stops working. False when there is no such user. */
export async function updatePasswordOfUser(db: Db, id: number, passwordHash: string): Promise<boolean> {
  return (await db('users').where({ id }).update({ password: passwordHash, ...raisedTokenVersion(db) })) > 0;
}

/**
 * The same password hashed again (in another form or at another cost): sessions stay as they
 * are. Only while the stored hash is still `oldHash`, so a password changed meanwhile is kept.
 */
export async function replacePasswordHash(db: Db, id: number, oldHash: string, newHash: string): Promise<boolean> {
  return (await db('users').where({ id, password: oldHash }).update({ password: newHash })) > 0;
}

/**
 * A new role; the user's tokens stop working, so no session keeps the old role's power. False
 * when there is no such user or the role is already this one (nothing is revoked then).
 */
export async function updateRoleOfUser(db: Db, id: number, role: Role): Promise<boolean> {
  return (await db('users').where({ id }).whereNot({ role }).update({ role, ...raisedTokenVersion(db) })) > 0;
}

/**
 * Locks the user's row until the transaction ends, so the user's order placements run one at a
 * time (the unpaid-units bound is read and enforced under it): InnoDB locks the row it updates,
 * and on SQLite a write takes the database's write lock now, so the reads after it see the latest
 * commit (a transaction that read first would fail with SQLITE_BUSY_SNAPSHOT when another process
 * wrote meanwhile). It counts the placement rather than writing nothing: on Galera row locks stay
 * on their node and only changed rows are certified, so two placements of one user on two nodes
 * conflict at COMMIT and one runs again, after the other.
 */
export async function lockUser(db: Db, id: number): Promise<void> {
  await db('users').where({ id }).increment('order_placements', 1);
}

export interface UserFilter {
  search?: string;
}

function filteredUsers(db: Db, filter: UserFilter) {
  const query = db('users');
  // Emails are stored lower-cased under a binary collation, so lower-casing the term is what ignores case.
  if (filter.search) query.whereRaw(...containsIgnoringCase(db, 'email', filter.search.toLowerCase()));
  return query;
}

/** Users in id order, after `afterId` when given. */
export async function listUsers(
  db: Db,
  filter: UserFilter,
  page: { afterId: number | null; limit: number },
): Promise<User[]> {
  const query = filteredUsers(db, filter).orderBy('id').limit(page.limit);
  if (page.afterId !== null) query.where('id', '>', page.afterId);
  const rows: UserRow[] = await query;
  return rows.map((row) => withoutPassword(userFromRow(row)));
}

export async function countUsers(db: Db, filter: UserFilter = {}): Promise<number> {
  return toCount(await filteredUsers(db, filter).count({ n: '*' }).first());
}
