// Tokens carry the user's token version (claim `ver`); logout, a password change and a role
// change raise it, so every token signed before stops working at its next request.
import jwt from 'jsonwebtoken';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/auth/jwt';
import { dialects } from './support/databases';
import { graphql } from './support/gql';
import { codeOf } from './support/graphql';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/testApp';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new password';
const ENDED = 'This session has ended; sign in again';

const ME = graphql(`
  query RevocationMe { me { id email role } }
`);
const ME_ID = graphql(`
  query RevocationMeId { me { id } }
`);
const LOGIN = graphql(`
  mutation RevocationLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) { token user { id } }
  }
`);
const LOGOUT = graphql(`
  mutation RevocationLogout { logout }
`);
const CHANGE_PASSWORD = graphql(`
  mutation RevocationChangePassword($current: String!, $next: String!) {
    changePassword(currentPassword: $current, newPassword: $next) { token expiresAt user { id email role } }
  }
`);
const UPDATE_ROLE = graphql(`
  mutation RevocationUpdateRole($id: ID!, $role: Role!) { updateUserRole(id: $id, role: $role) { id email role } }
`);

const nowInSeconds = () => Math.floor(Date.now() / 1000);

describe.each(dialects)('token revocation on %s', (dialect) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(dialect);
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(async () => {
    await app.reset();
  });

  async function login(email: string, password = PASSWORD): Promise<string> {
    const response = await app.gql(LOGIN, { email, password });
    expect(response.errors).toBeUndefined();
    return response.data!.login.token;
  }

  /** The token works: `me` answers with its user. */
  async function expectSignedIn(token: string, email: string): Promise<void> {
    const response = await app.gql(ME, undefined, token);
    expect(response.errors).toBeUndefined();
    expect(response.data!.me!.email).toBe(email);
  }

  /** The token is refused as an ended session, over GraphQL and REST alike. */
  async function expectEnded(token: string): Promise<void> {
    const response = await app.gql(ME, undefined, token);
    expect(response.status).toBe(401);
    expect(response.errors).toEqual([expect.objectContaining({ message: ENDED, extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    expect(response.data ?? null).toBeNull();
    const rest = await app.api().get('/api/orders').set('authorization', `Bearer ${token}`);
    expect(rest.status).toBe(401);
    expect(rest.body).toEqual({ detail: ENDED, code: 'UNAUTHENTICATED' });
  }

  async function tokenVersionOf(email: string): Promise<number> {
    const row: { token_version: number } = await app.db('users').where({ email }).first('token_version');
    return Number(row.token_version);
  }

  it('signs the token version into every token as `ver`, starting at 0', async () => {
    const { token, id } = await app.signUp('claims@example.com');
    const claims = jwt.verify(token, TEST_JWT_SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: id, ver: 0 });
    expect(await tokenVersionOf('claims@example.com')).toBe(0);
  });

  describe('logout', () => {
    it('ends every session of the caller, leaves other users signed in, and a new login works', async () => {
      const { token: first } = await app.signUp('leaver@example.com');
      const second = await login('leaver@example.com'); // another device
      const { token: other } = await app.signUp('stayer@example.com');

      const response = await app.gql(LOGOUT, undefined, first);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ logout: true });
      expect(await tokenVersionOf('leaver@example.com')).toBe(1);

      await expectEnded(first);
      await expectEnded(second);
      await expectSignedIn(other, 'stayer@example.com');
      await expectSignedIn(await login('leaver@example.com'), 'leaver@example.com');
    });

    it('is UNAUTHENTICATED for an anonymous caller', async () => {
      const response = await app.gql(LOGOUT);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    });

    it('over REST, POST /api/auth/logout is 204 without a body, then the token is 401', async () => {
      const { token } = await app.signUp('rest-leaver@example.com');
      const response = await app.api().post('/api/auth/logout').set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      await expectEnded(token);

      const again = await app.api().post('/api/auth/logout').set('authorization', `Bearer ${token}`);
      expect(again.status).toBe(401);
      const anonymous = await app.api().post('/api/auth/logout');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a token of the old version forged without `ver` (tokens from before versions count as 0)', async () => {
      const { token, id } = await app.signUp('legacy@example.com');
      const legacy = jwt.sign({ iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, sub: id, exp: nowInSeconds() + 600 }, TEST_JWT_SECRET, { algorithm: 'HS256' });
      await expectSignedIn(legacy, 'legacy@example.com');

      await app.gql(LOGOUT, undefined, token);
      await expectEnded(legacy);
      const newer = jwt.sign({ iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, sub: id, ver: 1, exp: nowInSeconds() + 600 }, TEST_JWT_SECRET, { algorithm: 'HS256' });
      await expectSignedIn(newer, 'legacy@example.com');
    });

    it.each([
      ['a string', '0'],
      ['a negative number', -1],
      ['a fraction', 0.5],
    ])('refuses a token whose `ver` is %s as an invalid token', async (_label, ver) => {
      const { id } = await app.signUp('odd@example.com');
      const token = jwt.sign({ iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, sub: id, ver, exp: nowInSeconds() + 600 }, TEST_JWT_SECRET, { algorithm: 'HS256' });
      const response = await app.gql(ME, undefined, token);
      expect(response.status).toBe(401);
      expect(response.errors![0]!).toMatchObject({ message: 'Invalid token', extensions: { code: 'UNAUTHENTICATED' } });
    });

    it('raises the version once per logout even when logouts race (the increment is done in SQL)', async () => {
      await app.signUp('racer@example.com');
      const tokens = await Promise.all(Array.from({ length: 8 }, () => login('racer@example.com')));
      const responses = await Promise.all(tokens.map((token) => app.gql(LOGOUT, undefined, token)));
      // Each logout either ran (its token was still valid when its request began) or was refused.
      const succeeded = responses.filter((response) => response.data?.logout === true).length;
      expect(succeeded).toBeGreaterThanOrEqual(1);
      for (const response of responses) {
        if (response.data?.logout !== true) expect(codeOf(response)).toBe('UNAUTHENTICATED');
      }
      expect(await tokenVersionOf('racer@example.com')).toBe(succeeded);
    });
  });

  describe('changePassword', () => {
    it('ends every other session, returns a token that works, and the new password is the one that signs in', async () => {
      const { token: current, id } = await app.signUp('changer@example.com');
      const elsewhere = await login('changer@example.com');
      const { token: other } = await app.signUp('neighbour@example.com');

      const response = await app.gql(
        CHANGE_PASSWORD,
        { current: PASSWORD, next: NEW_PASSWORD },
        current,
      );
      expect(response.errors).toBeUndefined();
      const payload = response.data!.changePassword;
      expect(payload.user).toEqual({ id, email: 'changer@example.com', role: 'USER' });
      expect(Date.parse(payload.expiresAt)).toBeGreaterThan(Date.now());
      expect(jwt.decode(payload.token)).toMatchObject({ sub: id, ver: 1 });

      await expectEnded(current);
      await expectEnded(elsewhere);
      await expectSignedIn(payload.token, 'changer@example.com');
      await expectSignedIn(other, 'neighbour@example.com');

      const oldPassword = await app.gql(LOGIN, { email: 'changer@example.com', password: PASSWORD });
      expect(codeOf(oldPassword)).toBe('UNAUTHENTICATED');
      await expectSignedIn(await login('changer@example.com', NEW_PASSWORD), 'changer@example.com');
    });

    it('refuses a wrong current password as BAD_USER_INPUT on currentPassword, changing nothing', async () => {
      const { token } = await app.signUp('forgetful@example.com');
      const response = await app.gql(CHANGE_PASSWORD, { current: 'not my password', next: NEW_PASSWORD }, token);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions.field).toBe('currentPassword');
      expect(response.data).toBeNull();
      await expectSignedIn(token, 'forgetful@example.com');
      expect(await tokenVersionOf('forgetful@example.com')).toBe(0);
      await login('forgetful@example.com', PASSWORD);
    });

    it.each([
      ['too short', 'short'],
      ['over 72 bytes', 'é'.repeat(37)],
    ])('refuses a new password %s as BAD_USER_INPUT on newPassword, changing nothing', async (_label, next) => {
      const { token } = await app.signUp('weak@example.com');
      const response = await app.gql(CHANGE_PASSWORD, { current: PASSWORD, next }, token);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions.field).toBe('newPassword');
      await expectSignedIn(token, 'weak@example.com');
      expect(await tokenVersionOf('weak@example.com')).toBe(0);
    });

    it('is UNAUTHENTICATED for an anonymous caller', async () => {
      const response = await app.gql(CHANGE_PASSWORD, { current: PASSWORD, next: NEW_PASSWORD });
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    });

    it('over REST, POST /api/auth/change-password answers {token, user}; the old token is 401, the new one works', async () => {
      const { token, id } = await app.signUp('rest-changer@example.com');
      const response = await app
        .api()
        .post('/api/auth/change-password')
        .set('authorization', `Bearer ${token}`)
        .send({ current_password: PASSWORD, new_password: NEW_PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        token: expect.any(String),
        user: { id: Number(id), email: 'rest-changer@example.com', role: 'user' },
      });
      await expectEnded(token);
      await expectSignedIn(response.body.token as string, 'rest-changer@example.com');
      const orders = await app.api().get('/api/orders').set('authorization', `Bearer ${response.body.token as string}`);
      expect(orders.status).toBe(200);
    });

    it('over REST, a wrong current password or a missing new one is 422 naming the field', async () => {
      const { token } = await app.signUp('rest-forgetful@example.com');
      const wrong = await app
        .api()
        .post('/api/auth/change-password')
        .set('authorization', `Bearer ${token}`)
        .send({ current_password: 'not my password', new_password: NEW_PASSWORD });
      expect(wrong.status).toBe(422);
      expect(wrong.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'current_password' });

      const missing = await app
        .api()
        .post('/api/auth/change-password')
        .set('authorization', `Bearer ${token}`)
        .send({ current_password: PASSWORD });
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'new_password' });

      const anonymous = await app
        .api()
        .post('/api/auth/change-password')
        .send({ current_password: PASSWORD, new_password: NEW_PASSWORD });
      expect(anonymous.status).toBe(401);
      await expectSignedIn(token, 'rest-forgetful@example.com');
    });
  });

  describe('updateUserRole', () => {
    it('ends the user’s sessions; signing in again carries the new role; the admin and others stay signed in', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      const promoted = await app.signUp('promoted@example.com');
      const bystander = await app.signUp('bystander@example.com');

      const response = await app.gql(
        UPDATE_ROLE,
        { id: promoted.id, role: 'ADMIN' },
        admin.token,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.updateUserRole).toEqual({ id: promoted.id, email: 'promoted@example.com', role: 'ADMIN' });

      await expectEnded(promoted.token);
      await expectSignedIn(admin.token, 'admin@example.com');
      await expectSignedIn(bystander.token, 'bystander@example.com');
      const again = await app.gql(ME, undefined, await login('promoted@example.com'));
      expect(again.data!.me!.role).toBe('ADMIN');

      // And back: a demoted admin's tokens stop working too, so no session keeps admin power.
      const demotingToken = await login('promoted@example.com');
      await app.gql(UPDATE_ROLE, { id: promoted.id, role: 'USER' }, admin.token);
      await expectEnded(demotingToken);
    });

    it('keeps the sessions when the role does not change', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      const user = await app.signUp('same@example.com');
      const response = await app.gql(UPDATE_ROLE, { id: user.id, role: 'USER' }, admin.token);
      expect(response.errors).toBeUndefined();
      await expectSignedIn(user.token, 'same@example.com');
      expect(await tokenVersionOf('same@example.com')).toBe(0);
    });

    it('is FORBIDDEN to a normal user and UNAUTHENTICATED to an anonymous one, changing nothing', async () => {
      const user = await app.signUp('ambitious@example.com');
      const target = await app.signUp('target@example.com');

      const forbidden = await app.gql(UPDATE_ROLE, { id: user.id, role: 'ADMIN' }, user.token);
      expect(codeOf(forbidden)).toBe('FORBIDDEN');
      expect(forbidden.data).toBeNull();
      const onOther = await app.gql(UPDATE_ROLE, { id: target.id, role: 'ADMIN' }, user.token);
      expect(codeOf(onOther)).toBe('FORBIDDEN');
      const anonymous = await app.gql(UPDATE_ROLE, { id: target.id, role: 'ADMIN' });
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');

      const roles: { role: string }[] = await app.db('users').select('role');
      expect(roles.map((row) => row.role)).toEqual(['user', 'user']);
      await expectSignedIn(user.token, 'ambitious@example.com');
      await expectSignedIn(target.token, 'target@example.com');
    });

    it('is NOT_FOUND for an unknown user, BAD_USER_INPUT for a malformed id, FORBIDDEN on the admin’s own role', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      expect(codeOf(await app.gql(UPDATE_ROLE, { id: String(Number(admin.id) + 1000), role: 'ADMIN' }, admin.token))).toBe(
        'NOT_FOUND',
      );
      const malformed = await app.gql(UPDATE_ROLE, { id: 'abc', role: 'ADMIN' }, admin.token);
      expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
      expect(malformed.errors![0]!.extensions.field).toBe('id');
      expect(codeOf(await app.gql(UPDATE_ROLE, { id: admin.id, role: 'USER' }, admin.token))).toBe('FORBIDDEN');
      await expectSignedIn(admin.token, 'admin@example.com');
    });
  });

  it('checks the session with the one primary-key lookup of the viewer: { me { id } } is one statement', async () => {
    const { token } = await app.signUp('counted@example.com');
    const statements: string[] = [];
    const onQuery = (query: { sql: string }) => statements.push(query.sql);
    app.db.on('query', onQuery);
    try {
      const response = await app.gql(ME_ID, undefined, token);
      expect(response.errors).toBeUndefined();
    } finally {
      app.db.removeListener('query', onQuery);
    }
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/from [`"]users[`"] where [`"]id[`"] in \(\?\)/i);
  });
});
