import jwt from 'jsonwebtoken';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/auth/jwt';
import { dialects } from './support/databases';
import { graphql } from './support/gql';
import type { AccountsRegisterMutation, AccountsUsersQuery, RegisterInput } from './support/gql/graphql';
import { codeOf, type AnyTypedDocument } from './support/graphql';
import { startTestApp, TEST_JWT_SECRET, type GraphQLResponse, type TestApp } from './support/testApp';

const PASSWORD = 'correct horse battery';
const OTHER_SECRET = 'another-secret-that-is-also-at-least-32-characters';
const ONE_HOUR_MS = 3600 * 1000;

graphql(`
  fragment AccountUserFields on User { id email role createdAt updatedAt }
`);
const REGISTER = graphql(`
  mutation AccountsRegister($input: RegisterInput!) {
    register(input: $input) { token expiresAt user { ...AccountUserFields } }
  }
`);
const LOGIN = graphql(`
  mutation AccountsLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) { token expiresAt user { ...AccountUserFields } }
  }
`);
const ME = graphql(`
  query AccountsMe { me { ...AccountUserFields } }
`);
const PUBLIC_PRODUCTS = graphql(`
  query AccountsPublicProducts { products(first: 1) { totalCount } }
`);
const USERS = graphql(`
  query AccountsUsers($first: Int, $after: String, $search: String) {
    users(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...AccountUserFields } }
      nodes { ...AccountUserFields }
    }
  }
`);
const USER = graphql(`
  query AccountsUser($id: ID!) { user(id: $id) { ...AccountUserFields } }
`);
const USER_TYPE_FIELDS = graphql(`
  query AccountsUserTypeFields { __type(name: "User") { fields { name } } }
`);

type AuthPayloadData = AccountsRegisterMutation['register'];

/** The first error, which the test expects to be there. */
function errorOf(response: GraphQLResponse<unknown>) {
  expect(response.errors).toBeDefined();
  expect(response.errors!.length).toBeGreaterThan(0);
  return response.errors![0]!;
}

const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** A token as the server would sign it (its issuer and audience), with whatever claims and algorithm the test wants. */
function forge(
  payload: Record<string, unknown>,
  { secret = TEST_JWT_SECRET, algorithm = 'HS256' }: { secret?: string; algorithm?: jwt.Algorithm } = {},
): string {
  return jwt.sign({ iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, ...payload }, secret, { algorithm });
}

/** An unsigned JWT (`alg: none`), built by hand because jsonwebtoken refuses to make one. */
function unsignedToken(payload: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

describe.each(dialects)('accounts on %s', (dialect) => {
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

  /** POST /graphql with an arbitrary Authorization header; returns the status and the raw body. */
  async function rawGql(
    query: string | AnyTypedDocument,
    variables?: Record<string, unknown>,
    authorization?: string,
  ): Promise<{ status: number; text: string; body: GraphQLResponse<Record<string, unknown>> }> {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization !== undefined && { authorization }),
      },
      body: JSON.stringify({ query: String(query), variables }),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as GraphQLResponse<Record<string, unknown>> };
  }

  function register(email: string, password = PASSWORD) {
    return app.gql(REGISTER, { input: { email, password } });
  }

  function login(email: string, password = PASSWORD) {
    return app.gql(LOGIN, { email, password });
  }

  async function userCount(): Promise<number> {
    const row = await app.db('users').count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async function storedUser(email: string): Promise<{ id: number; email: string; role: string } | undefined> {
    return app.db('users').where({ email }).first();
  }

  describe('register', () => {
    it('returns a token, an expiry one hour ahead and a USER', async () => {
      const before = Date.now();
      const response = await register('alice@example.com');
      const after = Date.now();

      expect(response.errors).toBeUndefined();
      const payload = response.data!.register;
      expect(payload.user).toMatchObject({ email: 'alice@example.com', role: 'USER' });
      expect(payload.user.id).toMatch(/^[1-9]\d*$/);

      const expiresAt = Date.parse(payload.expiresAt);
      expect(Number.isNaN(expiresAt)).toBe(false);
      // JWT_EXPIRES_IN defaults to 1h; the expiry is whole seconds after the moment of signing.
      expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + ONE_HOUR_MS);
      expect(expiresAt).toBeLessThanOrEqual(after + ONE_HOUR_MS);

      const claims = jwt.verify(payload.token, TEST_JWT_SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload;
      expect(claims.sub).toBe(payload.user.id);
      expect(claims.exp! * 1000).toBe(expiresAt);

      const stored = await storedUser('alice@example.com');
      expect(stored).toBeDefined();
      expect(String(stored!.id)).toBe(payload.user.id);
      expect(stored!.role).toBe('user');
    });

    it('returns a token that signs the new user in', async () => {
      const { data } = await register('fresh@example.com');
      const me = await app.gql(ME, undefined, data!.register.token);
      expect(me.errors).toBeUndefined();
      expect(me.data!.me).toMatchObject({ id: data!.register.user.id, email: 'fresh@example.com', role: 'USER' });
    });

    it('stores the email trimmed and lower-cased', async () => {
      const response = await register('  Bob@Example.COM ');
      expect(response.errors).toBeUndefined();
      expect(response.data!.register.user.email).toBe('bob@example.com');

      const rows: { email: string }[] = await app.db('users').select('email');
      expect(rows.map((row) => row.email)).toEqual(['bob@example.com']);
    });

    it('refuses an email that differs only by case and spaces with CONFLICT', async () => {
      expect((await register('  Bob@Example.COM ')).errors).toBeUndefined();

      const duplicate = await register('bob@example.com');
      expect(codeOf(duplicate)).toBe('CONFLICT');
      expect(duplicate.data).toBeNull();
      expect(await userCount()).toBe(1);
    });

    it('lets exactly one of two concurrent registrations of the same email succeed; the other is CONFLICT', async () => {
      const results = await Promise.all([register('race@example.com'), register('Race@Example.com')]);

      const succeeded = results.filter((result) => result.data?.register);
      const failed = results.filter((result) => result.errors);
      expect(succeeded).toHaveLength(1);
      expect(failed.map(codeOf)).toEqual(['CONFLICT']);
      expect(results.map((result) => result.status)).not.toContain(500);
      expect(await userCount()).toBe(1);
    });

    it('has no role field: an inline role is a GraphQL validation error and creates no user', async () => {
      const response = await app.gql(
        // Invalid on purpose (a field RegisterInput does not have), so a plain string.
      `mutation { register(input: { email: "sneaky@example.com", password: "${PASSWORD}", role: ADMIN }) { token } }`,
      );
      expect(response.status).toBe(400);
      expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.data).toBeUndefined();
      expect(await userCount()).toBe(0);
    });

    it('has no role field: a role in the input variable is refused and creates no user', async () => {
      // The role is not in RegisterInput: sent anyway, on purpose.
      const response = await app.gql(REGISTER, {
        input: { email: 'sneaky@example.com', password: PASSWORD, role: 'ADMIN' } as RegisterInput,
      });
      expect(response.status).toBe(400);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(await userCount()).toBe(0);
    });

    it('over REST ignores a role and an id in the body: the user is a customer with its own id', async () => {
      const response = await app
        .api()
        .post('/api/auth/register')
        .send({ email: 'mallory@example.com', password: PASSWORD, role: 'admin', id: 999 })
        .expect(201);

      expect(response.body.user.role).toBe('user');
      expect(response.body.user.id).not.toBe(999);
      const stored = await storedUser('mallory@example.com');
      expect(stored!.role).toBe('user');
      expect(stored!.id).not.toBe(999);
      expect(await app.db('users').where({ id: 999 }).first()).toBeUndefined();
    });
  });

  describe('password rules', () => {
    it('refuses a 7-byte password with BAD_USER_INPUT naming the password', async () => {
      const response = await register('short@example.com', 'a'.repeat(7));
      const error = errorOf(response);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.field).toBe('password');
      expect(await userCount()).toBe(0);
    });

    it.each([
      ['8 ASCII bytes', 'a'.repeat(8)],
      ['72 ASCII bytes', 'b'.repeat(72)],
      ['36 two-byte characters (72 bytes)', '\u00e9'.repeat(36)],
    ])('accepts a password of %s and signs in with it', async (_label, password) => {
      const registered = await register('ok@example.com', password);
      expect(registered.errors).toBeUndefined();
      expect(registered.data!.register.user.email).toBe('ok@example.com');

      const loggedIn = await login('ok@example.com', password);
      expect(loggedIn.errors).toBeUndefined();
      expect(loggedIn.data!.login.user.id).toBe(registered.data!.register.user.id);
    });

    it.each([
      ['73 ASCII bytes', 'c'.repeat(73)],
      ['37 two-byte characters (74 bytes)', '\u00e9'.repeat(37)],
      ['36 two-byte characters and one ASCII byte (73 bytes)', `${'\u00e9'.repeat(36)}x`],
    ])('refuses a password of %s rather than truncating it', async (_label, password) => {
      const response = await register('long@example.com', password);
      const error = errorOf(response);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.field).toBe('password');
      expect(await userCount()).toBe(0);
    });

    it('refuses a login with the 72-byte password plus extra characters (bcrypt truncation does not let it in)', async () => {
      const password = 'd'.repeat(72);
      expect((await register('trunc@example.com', password)).errors).toBeUndefined();

      const longer = await login('trunc@example.com', `${password}extra characters`);
      expect(codeOf(longer)).toBe('UNAUTHENTICATED');
      expect(longer.data).toBeNull();

      const rest = await app
        .api()
        .post('/api/auth/login')
        .send({ email: 'trunc@example.com', password: `${password}!` });
      expect(rest.status).toBe(401);
      expect(rest.body.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a login with a multibyte 72-byte password plus extra characters', async () => {
      const password = '\u00e9'.repeat(36);
      expect((await register('trunc2@example.com', password)).errors).toBeUndefined();

      const longer = await login('trunc2@example.com', `${password}\u00e9`);
      expect(codeOf(longer)).toBe('UNAUTHENTICATED');
    });
  });

  describe('email rules', () => {
    const threeHundredChars = `${'a'.repeat(288)}@example.com`; // 288 + 12 = 300 characters

    it.each([
      ['an empty string', ''],
      ['only spaces', '   '],
      ['no @', 'not-an-email'],
      ['no dot in the domain', 'a@b'],
      ['a space inside', 'a b@example.com'],
      ['300 characters', threeHundredChars],
    ])('refuses %s with BAD_USER_INPUT naming the email', async (_label, email) => {
      const response = await register(email);
      const error = errorOf(response);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.field).toBe('email');
      expect(response.data).toBeNull();
      expect(await userCount()).toBe(0);
    });

    it('refuses a bad email over REST with 422 naming the email', async () => {
      const response = await app.api().post('/api/auth/register').send({ email: 'a@b', password: PASSWORD });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect(typeof response.body.detail).toBe('string');
      expect(await userCount()).toBe(0);
    });
  });

  describe('login', () => {
    let registered: AuthPayloadData;

    beforeEach(async () => {
      registered = (await register('carol@example.com')).data!.register;
    });

    it('with the right password returns a token that works for me', async () => {
      const response = await login('carol@example.com');
      expect(response.errors).toBeUndefined();
      const payload = response.data!.login;
      expect(payload.user).toMatchObject({ id: registered.user.id, email: 'carol@example.com', role: 'USER' });
      expect(Date.parse(payload.expiresAt)).toBeGreaterThan(Date.now());

      const me = await app.gql(ME, undefined, payload.token);
      expect(me.errors).toBeUndefined();
      expect(me.data!.me).toMatchObject({ id: registered.user.id, email: 'carol@example.com' });
    });

    it('ignores the case of the email and surrounding spaces', async () => {
      const response = await login('  CAROL@Example.Com ');
      expect(response.errors).toBeUndefined();
      expect(response.data!.login.user.id).toBe(registered.user.id);
    });

    it('gives the same answer for an unknown email and a wrong password', async () => {
      const wrongPassword = await login('carol@example.com', 'not the right password');
      const unknownEmail = await login('nobody@example.com', PASSWORD);

      expect(codeOf(wrongPassword)).toBe('UNAUTHENTICATED');
      expect(codeOf(unknownEmail)).toBe('UNAUTHENTICATED');
      expect(errorOf(unknownEmail).message).toBe(errorOf(wrongPassword).message);
      expect(wrongPassword.data).toBeNull();
      expect(unknownEmail.data).toBeNull();
      expect(unknownEmail.status).toBe(wrongPassword.status);
    });

    it('over REST returns 200 with {token, user: {id, email, role}}', async () => {
      const response = await app
        .api()
        .post('/api/auth/login')
        .send({ email: 'Carol@Example.com', password: PASSWORD })
        .expect(200);

      expect(Object.keys(response.body).sort()).toEqual(['token', 'user']);
      expect(typeof response.body.token).toBe('string');
      expect(response.body.user).toEqual({ id: Number(registered.user.id), email: 'carol@example.com', role: 'user' });

      const me = await app.gql(ME, undefined, response.body.token as string);
      expect(me.data!.me!.id).toBe(registered.user.id);
    });

    it('over REST answers wrong credentials with 401 {detail, code}, the same for an unknown email', async () => {
      const wrongPassword = await app
        .api()
        .post('/api/auth/login')
        .send({ email: 'carol@example.com', password: 'not the right password' });
      const unknownEmail = await app
        .api()
        .post('/api/auth/login')
        .send({ email: 'nobody@example.com', password: PASSWORD });

      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual({ detail: expect.any(String), code: 'UNAUTHENTICATED' });
      expect(unknownEmail.status).toBe(401);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it('over REST answers a missing password with 422 BAD_USER_INPUT', async () => {
      const response = await app.api().post('/api/auth/login').send({ email: 'carol@example.com' });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      expect(typeof response.body.detail).toBe('string');
    });

    it('over REST answers a JSON array body with 422', async () => {
      const response = await app
        .api()
        .post('/api/auth/login')
        .send([{ email: 'carol@example.com', password: PASSWORD }]);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('BAD_USER_INPUT');
      expect(response.body.token).toBeUndefined();
    });
  });

  describe('email identity', () => {
    // Emails are normalized by trimming and lower-casing only; beyond that, two different
    // addresses are two different accounts, on every dialect.
    it('treats addresses that differ only by an accent as two accounts', async () => {
      const accented = await register('jos\u00e9@example.com');
      expect(accented.errors).toBeUndefined();

      const plain = await register('jose@example.com');
      expect(plain.errors).toBeUndefined();
      expect(plain.data!.register.user.id).not.toBe(accented.data!.register.user.id);
      expect(await userCount()).toBe(2);
    });

    it('does not sign in to an account through an address that differs only by an accent', async () => {
      expect((await register('jos\u00e9@example.com')).errors).toBeUndefined();

      const response = await login('jose@example.com', PASSWORD);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
      expect(response.data).toBeNull();
    });
  });

  describe('REST register', () => {
    it('returns 201 with {token, user: {id, email, role}}', async () => {
      const response = await app
        .api()
        .post('/api/auth/register')
        .send({ email: ' Dave@Example.com ', password: PASSWORD })
        .expect(201);

      expect(Object.keys(response.body).sort()).toEqual(['token', 'user']);
      expect(typeof response.body.token).toBe('string');
      expect(Object.keys(response.body.user).sort()).toEqual(['email', 'id', 'role']);
      expect(response.body.user).toMatchObject({ email: 'dave@example.com', role: 'user' });
      const stored = await storedUser('dave@example.com');
      expect(response.body.user.id).toBe(stored!.id);

      const me = await app.gql(ME, undefined, response.body.token as string);
      expect(me.data!.me!.id).toBe(String(stored!.id));
    });

    it('answers a taken email with 409 CONFLICT', async () => {
      await app.api().post('/api/auth/register').send({ email: 'dave@example.com', password: PASSWORD }).expect(201);

      const response = await app
        .api()
        .post('/api/auth/register')
        .send({ email: 'DAVE@example.com', password: 'another password' });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ detail: expect.any(String), code: 'CONFLICT' });
      expect(await userCount()).toBe(1);
    });
  });

  describe('me', () => {
    it('is null without an Authorization header', async () => {
      const response = await app.gql(ME);
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ me: null });
    });

    it('is the signed-in user with a valid token', async () => {
      const { token, id } = await app.signUp('erin@example.com');
      const response = await app.gql(ME, undefined, token);
      expect(response.errors).toBeUndefined();
      expect(response.data!.me).toMatchObject({ id, email: 'erin@example.com', role: 'USER' });
      expect(Number.isNaN(Date.parse(response.data!.me!.createdAt))).toBe(false);
    });

    it('has role ADMIN for an admin', async () => {
      const { token, id } = await app.signUp('root@example.com', { role: 'admin' });
      const response = await app.gql(ME, undefined, token);
      expect(response.errors).toBeUndefined();
      expect(response.data!.me).toMatchObject({ id, email: 'root@example.com', role: 'ADMIN' });
    });
  });

  describe('token problems', () => {
    let userId: string;

    beforeEach(async () => {
      userId = (await app.signUp('frank@example.com')).id;
    });

    it('a well-formed token forged with the right secret is accepted (control for the cases below)', async () => {
      const token = forge({ sub: userId, exp: nowInSeconds() + 600 });
      const response = await rawGql(ME, undefined, `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({ me: expect.objectContaining({ id: userId, email: 'frank@example.com' }) });
    });

    const badHeaders: [string, (id: string) => string][] = [
      ['a garbage token', () => 'Bearer this-is-not-a-jwt'],
      ['a Basic header', () => 'Basic xyz'],
      ['a Bearer header without a token', () => 'Bearer'],
      ['a token signed with another secret', (id) => `Bearer ${forge({ sub: id, exp: nowInSeconds() + 600 }, { secret: OTHER_SECRET })}`],
      ['an unsigned token (alg none)', (id) => `Bearer ${unsignedToken({ sub: id, iat: nowInSeconds(), exp: nowInSeconds() + 600 })}`],
      ['an expired token', (id) => `Bearer ${forge({ sub: id, iat: nowInSeconds() - 7200, exp: nowInSeconds() - 3600 })}`],
      ['a token without exp', (id) => `Bearer ${forge({ sub: id })}`],
      ['a token whose sub is not a number', () => `Bearer ${forge({ sub: 'abc', exp: nowInSeconds() + 600 })}`],
      ['a token without sub', () => `Bearer ${forge({ exp: nowInSeconds() + 600 })}`],
      ['a token signed HS512 with the right secret', (id) => `Bearer ${forge({ sub: id, exp: nowInSeconds() + 600 }, { algorithm: 'HS512' })}`],
    ];

    it.each(badHeaders)('%s is UNAUTHENTICATED with HTTP 401, even on a public query', async (_label, header) => {
      const response = await rawGql(PUBLIC_PRODUCTS, undefined, header(userId));
      expect(response.status).toBe(401);
      const error = errorOf(response.body);
      expect(error.extensions.code).toBe('UNAUTHENTICATED');
      expect(response.body.data ?? null).toBeNull();
    });

    it.each(badHeaders)('%s does not sign anyone in: me is UNAUTHENTICATED, not anonymous', async (_label, header) => {
      const response = await rawGql(ME, undefined, header(userId));
      expect(response.status).toBe(401);
      expect(errorOf(response.body).extensions.code).toBe('UNAUTHENTICATED');
      expect(response.text).not.toContain('frank@example.com');
    });

    it('a token for a user since deleted is UNAUTHENTICATED with HTTP 401', async () => {
      const { token, id } = await app.signUp('gone@example.com');
      expect((await app.gql(ME, undefined, token)).errors).toBeUndefined();
      await app.db('users').where({ id: Number(id) }).delete();

      const response = await rawGql(PUBLIC_PRODUCTS, undefined, `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(errorOf(response.body).extensions.code).toBe('UNAUTHENTICATED');
    });

    it('over REST, GET /api/products with a forged token is 401 UNAUTHENTICATED', async () => {
      const forged = forge({ sub: userId, exp: nowInSeconds() + 600 }, { secret: OTHER_SECRET });
      const response = await app.api().get('/api/products').set('Authorization', `Bearer ${forged}`);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ detail: expect.any(String), code: 'UNAUTHENTICATED' });
    });

    it('over REST, GET /api/products with an expired or unsigned token is 401 UNAUTHENTICATED', async () => {
      for (const token of [
        forge({ sub: userId, exp: nowInSeconds() - 3600 }),
        unsignedToken({ sub: userId, exp: nowInSeconds() + 600 }),
      ]) {
        const response = await app.api().get('/api/products').set('Authorization', `Bearer ${token}`);
        expect(response.status).toBe(401);
        expect(response.body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('a role claim added to a validly signed token gives no power', async () => {
      const token = forge({ sub: userId, role: 'admin', exp: nowInSeconds() + 600 });

      const users = await app.gql(USERS, { first: 10 }, token);
      expect(codeOf(users)).toBe('FORBIDDEN');
      expect(users.data).toBeNull();

      const me = await app.gql(ME, undefined, token);
      expect(me.data!.me).toMatchObject({ id: userId, role: 'USER' });
    });
  });

  describe('admin user queries', () => {
    it('refuses users and user to an anonymous caller with UNAUTHENTICATED', async () => {
      const { id } = await app.signUp('henry@example.com');
      const users = await app.gql(USERS, { first: 10 });
      expect(codeOf(users)).toBe('UNAUTHENTICATED');
      expect(users.data).toBeNull();

      const user = await app.gql(USER, { id });
      expect(codeOf(user)).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(user)).not.toContain('henry@example.com');
    });

    it('refuses users and user to a normal user with FORBIDDEN', async () => {
      const { token, id } = await app.signUp('henry@example.com');
      const users = await app.gql(USERS, { first: 10 }, token);
      expect(codeOf(users)).toBe('FORBIDDEN');
      expect(users.data).toBeNull();

      const user = await app.gql(USER, { id }, token);
      expect(codeOf(user)).toBe('FORBIDDEN');
      expect(JSON.stringify(user.data ?? null)).not.toContain('henry@example.com');
    });

    it('pages an admin through every user exactly once with first: 2', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      const ids = [admin.id];
      for (const name of ['ivan', 'judy', 'karl', 'liam']) ids.push((await app.signUp(`${name}@example.com`)).id);

      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const response: GraphQLResponse<AccountsUsersQuery> = await app.gql(USERS, { first: 2, after }, admin.token);
        expect(response.errors).toBeUndefined();
        const connection: AccountsUsersQuery['users'] = response.data!.users;
        pages += 1;
        expect(connection.totalCount).toBe(5);
        expect(connection.edges.length).toBeLessThanOrEqual(2);
        expect(connection.nodes.map((node) => node.id)).toEqual(connection.edges.map((edge) => edge.node.id));
        expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
        seen.push(...connection.edges.map((edge) => edge.node.id));
        if (!connection.pageInfo.hasNextPage) break;
        expect(pages).toBeLessThan(5);
        after = connection.pageInfo.endCursor;
        expect(after).not.toBeNull();
      }

      expect(pages).toBe(3);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect([...seen].sort()).toEqual([...ids].sort());

      // A page that ends exactly on the last user has no next page; one that stops short has.
      const whole = await app.gql(USERS, { first: 5 }, admin.token);
      expect(whole.data!.users.edges).toHaveLength(5);
      expect(whole.data!.users.pageInfo.hasNextPage).toBe(false);
      const short = await app.gql(USERS, { first: 4 }, admin.token);
      expect(short.data!.users.edges).toHaveLength(4);
      expect(short.data!.users.pageInfo.hasNextPage).toBe(true);
    });

    it('searches emails case-insensitively', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      await app.signUp('alice.smith@example.com');
      await app.signUp('Alicia@Example.org');
      await app.signUp('bob@example.com');

      const response = await app.gql(USERS, { first: 10, search: 'ALIC' }, admin.token);
      expect(response.errors).toBeUndefined();
      expect(response.data!.users.totalCount).toBe(2);
      expect(response.data!.users.nodes.map((node) => node.email).sort()).toEqual([
        'alice.smith@example.com',
        'alicia@example.org',
      ]);

      const byDomain = await app.gql(USERS, { first: 10, search: 'eXample.ORG' }, admin.token);
      expect(byDomain.data!.users.nodes.map((node) => node.email)).toEqual(['alicia@example.org']);
      expect(byDomain.data!.users.totalCount).toBe(1);
    });

    it('searches non-ASCII emails case-insensitively', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      await app.signUp('Дмитрий@example.com');
      await app.signUp('dmitry@example.com');

      const response = await app.gql(USERS, { first: 10, search: 'ДМИТ' }, admin.token);
      expect(response.errors).toBeUndefined();
      expect(response.data!.users.nodes.map((node) => node.email)).toEqual(['дмитрий@example.com']);
      expect(response.data!.users.totalCount).toBe(1);
    });

    it('takes % and _ in a search literally', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      await app.signUp('first_last@example.com');
      await app.signUp('firstxlast@example.com');

      const underscore = await app.gql(USERS, { first: 10, search: 't_l' }, admin.token);
      expect(underscore.errors).toBeUndefined();
      expect(underscore.data!.users.nodes.map((node) => node.email)).toEqual(['first_last@example.com']);

      const percent = await app.gql(USERS, { first: 10, search: '%' }, admin.token);
      expect(percent.data!.users.totalCount).toBe(0);
      expect(percent.data!.users.nodes).toEqual([]);
    });

    it('user(id) returns the user, null for an unknown id, BAD_USER_INPUT for a non-numeric id', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      const { id } = await app.signUp('mia@example.com');

      const found = await app.gql(USER, { id }, admin.token);
      expect(found.errors).toBeUndefined();
      expect(found.data!.user).toMatchObject({ id, email: 'mia@example.com', role: 'USER' });

      const unknown = await app.gql(USER, { id: String(Number(id) + 1000) }, admin.token);
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data).toEqual({ user: null });

      const bad = await app.gql(USER, { id: 'abc' }, admin.token);
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(errorOf(bad).extensions.field).toBe('id');
    });

    it.each([0, 101, -1])('refuses first: %i with BAD_USER_INPUT', async (first) => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      const response = await app.gql(USERS, { first }, admin.token);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(errorOf(response).extensions.field).toBe('first');
    });

    it('accepts first: 100', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      const response = await app.gql(USERS, { first: 100 }, admin.token);
      expect(response.errors).toBeUndefined();
      expect(response.data!.users.totalCount).toBe(1);
    });

    it.each([
      ['garbage', 'not-a-cursor!!'],
      ['a cursor with a non-numeric id', Buffer.from(JSON.stringify({ id: 'x' })).toString('base64url')],
      ['base64 of plain text', Buffer.from('hello').toString('base64url')],
    ])('refuses %s as after with BAD_USER_INPUT', async (_label, after) => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      const response = await app.gql(USERS, { first: 2, after }, admin.token);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(errorOf(response).extensions.field).toBe('after');
    });
  });

  describe('password hashes', () => {
    it('never appear in any GraphQL or REST response about users', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      const userToken = (await app.signUp('nina@example.com')).token;
      const stored: { id: number; password: string } = await app.db('users').where({ email: 'nina@example.com' }).first();
      expect(stored.password.startsWith('$2b$')).toBe(true);

      const bodies: string[] = [];
      const variables = { input: { email: 'oscar@example.com', password: PASSWORD } };
      bodies.push((await rawGql(REGISTER, variables)).text);
      bodies.push((await rawGql(LOGIN, { email: 'nina@example.com', password: PASSWORD })).text);
      bodies.push((await rawGql(ME, undefined, `Bearer ${userToken}`)).text);
      bodies.push((await rawGql(ME, undefined, `Bearer ${admin.token}`)).text);
      bodies.push((await rawGql(USERS, { first: 100 }, `Bearer ${admin.token}`)).text);
      bodies.push((await rawGql(USER, { id: String(stored.id) }, `Bearer ${admin.token}`)).text);
      const rest = [
        await app.api().post('/api/auth/register').send({ email: 'pat@example.com', password: PASSWORD }),
        await app.api().post('/api/auth/login').send({ email: 'nina@example.com', password: PASSWORD }),
      ];
      bodies.push(...rest.map((response) => response.text));

      expect(bodies.join('\n')).toContain('nina@example.com'); // the responses did carry user data
      for (const body of bodies) {
        expect(body).not.toContain('$2b$');
        expect(body).not.toContain(stored.password);
      }
    });

    it('are not a field of User in the schema', async () => {
      const response = await app.gql(USER_TYPE_FIELDS);
      const names = response.data!.__type!.fields!.map((field) => field.name.toLowerCase());
      expect(names).toEqual(expect.arrayContaining(['id', 'email', 'role', 'createdat']));
      expect(names.filter((name) => name.includes('password') || name.includes('hash'))).toEqual([]);
    });
  });
});
