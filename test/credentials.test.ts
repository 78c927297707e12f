// Hardening II, finding 9 and part of 12: what a password, an email and a token may be, and the
// register payload that must never lose its token.
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { CLAIMED_TOKENS_SINCE, signToken, TOKEN_AUDIENCE, TOKEN_ISSUER, verifyToken, type JwtSettings } from '../src/auth/jwt';
import { AppError } from '../src/errors';
import { dialects } from './support/databases';
import { codeOf, fieldOf } from './support/graphql';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/testApp';

const PASSWORD = 'correct horse battery';
const REGISTER = `mutation Register($email: String!, $password: String!) {
  register(input: { email: $email, password: $password }) { token user { id email } }
}`;
const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token user { id email } }
}`;
const ME = '{ me { id email } }';

/** "café au lait" with é as one code point (NFC) and as e + U+0301 (NFD). */
const COMPOSED = 'caf\u00e9 au lait';
const DECOMPOSED = 'cafe\u0301 au lait';

const nowInSeconds = () => Math.floor(Date.now() / 1000);

describe.each(dialects)('credentials on %s', (dialect) => {
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

  function register(email: string, password = PASSWORD) {
    return app.gql<{ register: { token: string; user: { id: string; email: string } } }>(REGISTER, { email, password });
  }

  function login(email: string, password: string) {
    return app.gql<{ login: { token: string; user: { id: string } } }>(LOGIN, { email, password });
  }

  async function userCount(): Promise<number> {
    return Number((await app.db('users').count({ n: '*' }).first())?.n ?? 0);
  }

  /** A user as an earlier release stored it: the hash made from the password exactly as sent. */
  async function insertWithRawHash(email: string, password: string): Promise<number> {
    const now = new Date();
    const [id] = await app.db('users').insert({
      email,
      password: bcrypt.hashSync(password, 4),
      role: 'user',
      created_at: now,
      updated_at: now,
    });
    return Number(id);
  }

  describe('passwords', () => {
    it.each([
      ['eight NUL bytes', '\0'.repeat(8)],
      ['a NUL inside', 'hunter22\0anything'],
      ['a tab', 'correct\thorse battery'],
      ['a newline', 'correct horse\nbattery'],
      ['a lone high surrogate at the end', 'correct horse\ud800'],
      ['a lone low surrogate', 'correct \udc00 horse'],
    ])('refuses a password with %s, creating nothing', async (_label, password) => {
      const response = await register('ctl@example.com', password);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe('password');
      expect(response.data).toBeNull();
      expect(await userCount()).toBe(0);
    });

    it.each([
      ['eight spaces', ' '.repeat(8)],
      ['four ideographic spaces (12 bytes)', '\u3000'.repeat(4)],
      ['spaces and no-break spaces', ' \u00a0 \u00a0 \u00a0 '],
    ])('refuses a password of only whitespace: %s', async (_label, password) => {
      const response = await register('blank@example.com', password);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe('password');
      expect(await userCount()).toBe(0);
    });

    it('over REST refuses a password with a NUL with 422 naming the password', async () => {
      const response = await app.api().post('/api/auth/register').send({ email: 'nul@example.com', password: 'hunter22\0anything' });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      expect(await userCount()).toBe(0);
    });

    it('never signs in with an empty password, even to an account whose old hash is of eight NUL bytes', async () => {
      await insertWithRawHash('nul8@example.com', '\0'.repeat(8));
      for (const password of ['', '\0'.repeat(8), '\0']) {
        const response = await login('nul8@example.com', password);
        expect(codeOf(response)).toBe('UNAUTHENTICATED');
        expect(response.data).toBeNull();
      }
      const rest = await app.api().post('/api/auth/login').send({ email: 'nul8@example.com', password: '' });
      expect(rest.status).toBe(401);
    });

    it('does not take "hunter22\\0hunter22" (bcrypt cycles its key through a NUL) for "hunter22"', async () => {
      expect((await register('hunter@example.com', 'hunter22')).errors).toBeUndefined();
      const response = await login('hunter@example.com', 'hunter22\0hunter22');
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
      expect((await login('hunter@example.com', 'hunter22')).errors).toBeUndefined();
    });

    it('does not take a lone surrogate for U+FFFD (which UTF-8 encoding would turn it into)', async () => {
      expect((await register('fffd@example.com', 'correct horse\ufffd')).errors).toBeUndefined();
      for (const password of ['correct horse\ud800', 'correct horse\udc00']) {
        expect(codeOf(await login('fffd@example.com', password))).toBe('UNAUTHENTICATED');
      }
      expect((await login('fffd@example.com', 'correct horse\ufffd')).errors).toBeUndefined();
    });

    it.each([
      ['composed', 'decomposed', COMPOSED, DECOMPOSED],
      ['decomposed', 'composed', DECOMPOSED, COMPOSED],
    ])('registered %s, signs in typed %s, and typed as registered', async (_registered, _typed, registeredAs, typedAs) => {
      const registered = await register('nfc@example.com', registeredAs);
      expect(registered.errors).toBeUndefined();
      const other = await login('nfc@example.com', typedAs);
      expect(other.errors).toBeUndefined();
      expect(other.data!.login.user.id).toBe(registered.data!.register.user.id);
      expect((await login('nfc@example.com', registeredAs)).errors).toBeUndefined();

      // What is stored is the hash of the NFC form.
      const { password: hash } = await app.db('users').where({ email: 'nfc@example.com' }).first();
      expect(bcrypt.compareSync(COMPOSED, hash as string)).toBe(true);
    });

    it('signs in a user whose old hash is of a decomposed password, and stores a hash of the NFC form', async () => {
      const id = await insertWithRawHash('old@example.com', DECOMPOSED);
      const before = await app.db('users').where({ id }).first();
      expect(bcrypt.compareSync(COMPOSED, before.password as string)).toBe(false);

      const response = await login('old@example.com', DECOMPOSED);
      expect(response.errors).toBeUndefined();
      expect(response.data!.login.user.id).toBe(String(id));

      const after = await app.db('users').where({ id }).first();
      expect(after.password).not.toBe(before.password);
      expect(bcrypt.compareSync(COMPOSED, after.password as string)).toBe(true);
      // A rehash is not a password change: sessions go on, and the profile did not change.
      expect(Number(after.token_version)).toBe(Number(before.token_version));
      expect((await app.gql(ME, undefined, response.data!.login.token)).errors).toBeUndefined();
      expect((await login('old@example.com', COMPOSED)).errors).toBeUndefined();
      expect((await login('old@example.com', DECOMPOSED)).errors).toBeUndefined();
    });

    it('keeps an old hash whose password would grow past 72 bytes under NFC, and still signs in with it', async () => {
      const password = '\u0958'.repeat(24); // 72 bytes; NFC makes each U+0915 U+093C, 144 bytes
      const id = await insertWithRawHash('qa@example.com', password);
      const before = await app.db('users').where({ id }).first();
      for (let attempt = 0; attempt < 2; attempt += 1) {
        expect((await login('qa@example.com', password)).errors).toBeUndefined();
      }
      expect((await app.db('users').where({ id }).first()).password).toBe(before.password);
    });

    it('refuses a new password with a control character in changePassword', async () => {
      const { token } = await app.signUp('change@example.com');
      const response = await app.gql(
        'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }',
        { c: PASSWORD, n: 'new\0password' },
        token,
      );
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe('newPassword');
    });
  });

  describe('emails', () => {
    it.each([
      ['a NUL byte', 'alice\0@example.com'],
      ['<script>', '<script>@example.com'],
      ['<script> in a quoted local part', '"<script>alert(1)</script>"@example.com'],
      ['a tag in the domain', 'alice@<script>.com'],
      ['a dotted capital I (lower-cased to i + U+0307, reading "info")', '\u0130nfo@example.com'],
      ['i with a combining dot above typed directly', 'i\u0307nfo@example.com'],
      ['a Cyrillic а among Latin letters', '\u0430dmin@example.com'],
      ['a Cyrillic о in a Latin domain', 'alice@ex\u0430mple.com'],
      ['a zero-width space', 'in\u200bfo@example.com'],
      ['a soft hyphen', 'in\u00adfo@example.com'],
      ['a right-to-left override', 'alice\u202e@example.com'],
      ['a lone surrogate', 'alice\ud800@example.com'],
      ['an IP address for a domain', 'alice@[127.0.0.1]'],
    ])('refuses an email with %s, naming the email and creating nothing', async (_label, email) => {
      const response = await register(email);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe('email');
      expect(response.data).toBeNull();
      expect(await userCount()).toBe(0);
    });

    it.each([
      ['plus addressing', 'alice+shop@example.com'],
      ['an accented Latin letter', 'jos\u00e9@example.com'],
      ['Cyrillic only', 'дмитрий@example.com'],
      ['Greek only', 'αλέξης@example.gr'],
      ['Devanagari (vowel signs are marks)', 'राम@example.in'],
      ['a Unicode domain', 'alice@bücher.example'],
    ])('accepts %s', async (_label, email) => {
      const response = await register(email);
      expect(response.errors).toBeUndefined();
      expect(response.data!.register.user.email).toBe(email.normalize('NFC'));
    });

    it('stores an address in NFC: the decomposed spelling of an address is the same account', async () => {
      expect((await register('jos\u00e9@example.com')).errors).toBeUndefined();
      const decomposed = await register('jose\u0301@example.com');
      expect(codeOf(decomposed)).toBe('CONFLICT');
      expect((await login('JOSE\u0301@example.com', PASSWORD)).errors).toBeUndefined();
      expect(await userCount()).toBe(1);
    });

    it('over REST refuses <script> with 422 naming the email', async () => {
      const response = await app.api().post('/api/auth/register').send({ email: '<script>@example.com', password: PASSWORD });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect(await userCount()).toBe(0);
    });
  });

  describe('tokens', () => {
    it('carry this server as issuer and audience', async () => {
      const { token } = await app.signUp('claims@example.com');
      const claims = jwt.verify(token, TEST_JWT_SECRET, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      }) as jwt.JwtPayload;
      expect(claims).toMatchObject({ iss: 'shopgraph', aud: 'shopgraph-api' });
    });

    it.each([
      ['another audience', { iss: TOKEN_ISSUER, aud: 'another-service' }],
      ['another issuer', { iss: 'another-service', aud: TOKEN_AUDIENCE }],
      ['an audience list', { iss: TOKEN_ISSUER, aud: [TOKEN_AUDIENCE, 'another-service'] }],
      ['an issuer without an audience', { iss: TOKEN_ISSUER }],
      ['an audience without an issuer', { aud: TOKEN_AUDIENCE }],
    ])('refuses a token with the right secret and %s, over GraphQL and REST', async (_label, claims) => {
      const { id } = await app.signUp('aud@example.com');
      const token = jwt.sign({ ...claims, sub: id, ver: 0, exp: nowInSeconds() + 600 }, TEST_JWT_SECRET, { algorithm: 'HS256' });
      const graphql = await app.gql(ME, undefined, token);
      expect(graphql.status).toBe(401);
      expect(codeOf(graphql)).toBe('UNAUTHENTICATED');
      const rest = await app.api().get('/api/orders').set('authorization', `Bearer ${token}`);
      expect(rest.status).toBe(401);
    });

    it('refuses a token without issuer and audience signed after they were introduced', async () => {
      const { id } = await app.signUp('late@example.com');
      const issuedAt = Math.floor(CLAIMED_TOKENS_SINCE.getTime() / 1000) + 60;
      const token = jwt.sign({ sub: id, iat: issuedAt, exp: Math.max(issuedAt, nowInSeconds()) + 600 }, TEST_JWT_SECRET, {
        algorithm: 'HS256',
      });
      const response = await app.gql(ME, undefined, token);
      expect(response.status).toBe(401);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    });
  });

  describe('the register payload', () => {
    const WITH_ORDERS = `mutation ($email: String!, $password: String!) {
      register(input: { email: $email, password: $password }) {
        token user { id orders(first: 5) { totalCount nodes { id } } }
      }
    }`;

    it('register { user { orders } } answers with the token and the new user\'s (empty) orders', async () => {
      const response = await app.gql<{
        register: { token: string; user: { id: string; orders: { totalCount: number; nodes: unknown[] } } };
      }>(WITH_ORDERS, { email: 'orders@example.com', password: PASSWORD });
      expect(response.errors).toBeUndefined();
      const { token, user } = response.data!.register;
      expect(user.orders).toEqual({ totalCount: 0, nodes: [] });
      const me = await app.gql<{ me: { id: string } }>(ME, undefined, token);
      expect(me.data!.me.id).toBe(user.id);
    });

    it('login { user { orders } } shows the user their own orders', async () => {
      const admin = await app.signUp('admin@example.com', { role: 'admin' });
      const product = await app.gql<{ createProduct: { id: string } }>(
        'mutation { createProduct(input: { name: "Lamp", price: "19.99", stock: 5, category: "Home" }) { id } }',
        {},
        admin.token,
      );
      const buyer = await app.signUp('buyer@example.com');
      await app.signUp('other@example.com');
      const placed = await app.gql<{ placeOrder: { id: string } }>(
        'mutation ($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1 }] }) { id } }',
        { p: product.data!.createProduct.id },
        buyer.token,
      );
      const response = await app.gql<{ login: { user: { orders: { nodes: { id: string; user: { id: string } }[] } } } }>(
        `mutation ($email: String!, $password: String!) {
          login(email: $email, password: $password) { token user { orders(first: 5) { nodes { id user { id } } } } }
        }`,
        { email: 'buyer@example.com', password: PASSWORD },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.login.user.orders.nodes).toEqual([{ id: placed.data!.placeOrder.id, user: { id: buyer.id } }]);

    });

    it('does not sign the rest of the operation in: a mutation after register is still anonymous', async () => {
      const response = await app.gql(
        `mutation ($email: String!, $password: String!) {
          register(input: { email: $email, password: $password }) { token }
          logout
        }`,
        { email: 'scope@example.com', password: PASSWORD },
      );
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
      expect(response.errors![0]!.path).toEqual(['logout']);
    });
  });
});

describe('tokens without issuer and audience (signed by the previous release)', () => {
  const since = new Date('2030-01-01T00:00:00Z');
  const settings: JwtSettings = { secret: TEST_JWT_SECRET, expiresInSeconds: 3600, claimedTokensSince: since };
  const at = (offsetSeconds: number) => since.getTime() + offsetSeconds * 1000;
  const legacy = (iatOffset: number, lifetime = 3600) =>
    jwt.sign(
      { sub: '7', iat: Math.floor(at(iatOffset) / 1000), exp: Math.floor(at(iatOffset) / 1000) + lifetime },
      TEST_JWT_SECRET,
      { algorithm: 'HS256' },
    );

  it('are accepted inside one token lifetime after the release', () => {
    expect(verifyToken(legacy(-600), settings, at(0))).toEqual({ userId: 7, tokenVersion: 0 });
    expect(verifyToken(legacy(-60), settings, at(3000))).toEqual({ userId: 7, tokenVersion: 0 });
  });

  it('are refused once one token lifetime has passed, even when their own exp is later', () => {
    expect(() => verifyToken(legacy(-60, 7 * 24 * 3600), settings, at(3600))).toThrow(AppError);
    expect(() => verifyToken(legacy(-60, 7 * 24 * 3600), settings, at(3 * 24 * 3600))).toThrow('Invalid token');
  });

  it('are refused when they claim to be signed after the release', () => {
    expect(() => verifyToken(legacy(10), settings, at(20))).toThrow('Invalid token');
  });

  it('never affect tokens that carry them: signed now, accepted for their lifetime', () => {
    const { token } = signToken({ id: 7, tokenVersion: 2 }, settings, at(5 * 24 * 3600));
    expect(verifyToken(token, settings, at(5 * 24 * 3600 + 3599))).toEqual({ userId: 7, tokenVersion: 2 });
    expect(() => verifyToken(token, settings, at(5 * 24 * 3600 + 3601))).toThrow('expired');
  });
});
