import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { TOKEN_ISSUER } from '../src/auth/jwt';
import { dialects } from './support/databases';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/testApp';

/**
 * Hostile requests, one row each: what an attacker sends, the status and code it must get, and
 * (checked for every row) that the database is exactly as it was — unless the row says what
 * a harmless request may legitimately change.
 */

interface Actors {
  app: TestApp;
  admin: string;
  alice: string;
  aliceId: string;
  bob: string;
  productId: string;
  aliceOrderId: string;
  /** Tokens whose sessions were ended: by logout, and by a password change. */
  loggedOutToken: string;
  tokenBeforePasswordChange: string;
}

interface Answer {
  status: number;
  code: string | undefined;
  body: unknown;
}

interface HostileCase {
  name: string;
  send(actors: Actors): Promise<Answer>;
  status: number | number[];
  /** The error code, in GraphQL `errors[0].extensions.code` or REST `code`; null: success. */
  code: string | null;
  /** For the few rows where a harmless change is expected: checks it instead of "nothing changed". */
  changes?(before: Snapshot, after: Snapshot, actors: Actors): void;
}

type Snapshot = Record<string, Record<string, unknown>[]>;

async function snapshot(app: TestApp): Promise<Snapshot> {
  const tables = ['users', 'products', 'orders', 'order_items', 'idempotency_keys'];
  const rows = await Promise.all(tables.map((table) => app.db(table).orderBy('id')));
  return Object.fromEntries(tables.map((table, index) => [table, rows[index] as Record<string, unknown>[]]));
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const json = body as { code?: string; errors?: { extensions?: { code?: string } }[] } | null;
  return { status: response.status, code: json?.errors?.[0]?.extensions?.code ?? json?.code, body };
}

function post(app: TestApp, path: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  }).then(answer);
}

function gql(app: TestApp, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  return post(app, '/graphql', JSON.stringify({ query, variables }), token ? { authorization: `Bearer ${token}` } : {});
}

function rest(app: TestApp, method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  return fetch(`${app.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token !== undefined && { authorization: `Bearer ${token}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(answer);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const ME = '{ me { id email role } }';
const REGISTER = 'mutation ($email: String!, $password: String!) { register(input: { email: $email, password: $password }) { token } }';
const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
/** A user stored by an earlier release with a password of eight NUL bytes (bcrypt took it for ""). */
const NUL_HASH_EMAIL = 'nul-hash@example.com';

/** A normal user's token with `role: admin` written into its payload, signature left as it was. */
function withTamperedRole(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`;
}

const INJECTIONS = ["' OR '1'='1", "'; DROP TABLE products; --", '" OR ""="', '%', '_', '\\', '$where', '{"$gt": ""}'];

const cases: HostileCase[] = [
  // Malformed and oversized bodies, CSRF, methods, batching.
  {
    name: 'malformed JSON to REST',
    send: ({ app }) => post(app, '/api/auth/login', '{"email": "a@b.c", "password":'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'malformed JSON to GraphQL',
    send: ({ app }) => post(app, '/graphql', '{"query": "{ me { id }'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 200 kB body to REST',
    send: ({ app, admin }) =>
      rest(app, 'POST', '/api/products', admin, { name: 'x', price: 1, stock: 1, category: 'c', description: 'd'.repeat(200_000) }),
    status: 413,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 1 MB string in a GraphQL variable',
    send: ({ app }) => gql(app, 'query ($s: String) { products(search: $s) { totalCount } }', { s: 'x'.repeat(1_000_000) }),
    status: 413,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 90 kB search string (under the body limit) is refused by the 200-character rule',
    send: ({ app }) => gql(app, 'query ($s: String) { products(search: $s) { totalCount } }', { s: 'x'.repeat(90_000) }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a mutation over GET',
    send: ({ app, admin }) =>
      fetch(`${app.url}/graphql?query=${encodeURIComponent('mutation { deleteProduct(id: "1") }')}`, {
        headers: { 'apollo-require-preflight': '1', authorization: `Bearer ${admin}` },
      }).then(answer),
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a form-encoded POST without a preflight header (CSRF)',
    send: ({ app, admin }) =>
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${admin}` },
        body: `query=${encodeURIComponent('mutation { deleteProduct(id: "1") }')}`,
      }).then(answer),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a text/plain POST without a preflight header (CSRF)',
    send: ({ app, admin }) =>
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: 'mutation { deleteProduct(id: "1") }' }),
      }).then(answer),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a batched array body',
    send: ({ app }) => post(app, '/graphql', JSON.stringify([{ query: ME }, { query: ME }])),
    status: 400,
    code: 'BAD_REQUEST',
  },

  // Forged, expired and tampered tokens.
  {
    name: 'a token with alg "none" (GraphQL)',
    send: ({ app, aliceId }) => gql(app, ME, {}, `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: aliceId, exp: now() + 600 })}.`),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token with alg "none" (REST admin route)',
    send: ({ app, aliceId }) =>
      rest(app, 'DELETE', '/api/products/1', `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: aliceId, exp: now() + 600 })}.`),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token signed with another secret',
    send: ({ app, aliceId }) => gql(app, ME, {}, jwt.sign({ sub: aliceId }, 'not-the-secret-but-32-characters!!', { expiresIn: 600 })),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token signed with the right secret for another audience',
    send: ({ app, aliceId }) =>
      gql(app, ME, {}, jwt.sign({ iss: TOKEN_ISSUER, aud: 'another-service', sub: aliceId, ver: 0 }, TEST_JWT_SECRET, { expiresIn: 600 })),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'an expired token',
    send: ({ app, aliceId }) => gql(app, ME, {}, jwt.sign({ sub: aliceId, exp: now() - 10 }, TEST_JWT_SECRET)),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token whose role claim was tampered with (GraphQL admin query)',
    send: ({ app, alice }) => gql(app, '{ users(first: 5) { totalCount } }', {}, withTamperedRole(alice)),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token whose role claim was tampered with (REST admin route)',
    send: ({ app, alice, productId }) => rest(app, 'DELETE', `/api/products/${productId}`, withTamperedRole(alice)),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a validly signed token for a user that does not exist',
    send: ({ app }) => gql(app, ME, {}, jwt.sign({ sub: '999999' }, TEST_JWT_SECRET, { expiresIn: 600 })),
    status: 401,
    code: 'UNAUTHENTICATED',
  },

  {
    name: 'a token used after logout',
    send: ({ app, loggedOutToken }) => gql(app, ME, {}, loggedOutToken),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token used after a password change (REST)',
    send: ({ app, tokenBeforePasswordChange }) => rest(app, 'GET', '/api/orders', tokenBeforePasswordChange),
    status: 401,
    code: 'UNAUTHENTICATED',
  },

  // Query bombs: refused before anything runs.
  {
    name: 'a depth bomb (20 levels)',
    send: ({ app, alice }) =>
      gql(app, `{ me { ${'orders { nodes { user { '.repeat(6)}id${' } } }'.repeat(6)} } }`, {}, alice),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: '300 aliases',
    send: ({ app }) => gql(app, `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: categories`).join(' ')} }`),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: '100 aliased login mutations in one request',
    send: ({ app }) =>
      gql(
        app,
        `mutation { ${Array.from(
          { length: 100 },
          (_, i) => `l${i}: login(email: "alice@example.com", password: "guess-${i}") { token }`,
        ).join(' ')} }`,
      ),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: '30 aliased register mutations in one request (within the alias limit)',
    send: ({ app }) =>
      gql(
        app,
        `mutation { ${Array.from(
          { length: 30 },
          (_, i) => `r${i}: register(input: { email: "flood-${i}@example.com", password: "long enough pw" }) { token }`,
        ).join(' ')} }`,
      ),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: '4 login mutations hidden in fragments',
    send: ({ app }) =>
      gql(
        app,
        'mutation { ...A ...B } ' +
          'fragment A on Mutation { a: login(email: "alice@example.com", password: "guess one") { token } b: login(email: "alice@example.com", password: "guess two") { token } } ' +
          'fragment B on Mutation { c: login(email: "alice@example.com", password: "guess three") { token } d: login(email: "alice@example.com", password: "guess four") { token } }',
      ),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: '10,000 duplicated fields',
    send: ({ app }) => gql(app, `{ ${'me '.repeat(10_000)}}`),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: '1,000 directives',
    send: ({ app }) => gql(app, `{ categories ${'@include(if: true) '.repeat(1000)}}`),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'a fragment cycle',
    send: ({ app }) =>
      gql(app, '{ me { ...A } } fragment A on User { orders { nodes { user { ...B } } } } fragment B on User { ...A }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a query whose cost is far over the limit (nested first: 100)',
    send: ({ app, admin }) =>
      gql(app, '{ users(first: 100) { nodes { orders(first: 100) { nodes { items { product { name } } } } } } }', {}, admin),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: '30 aliased counts of a search that scans every product (search: "%")',
    send: ({ app }) =>
      gql(app, `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: products(search: "%") { totalCount }`).join(' ')} }`),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'three scanning searches with their counts, through a variable ($s: "77")',
    send: ({ app }) =>
      gql(app, 'query ($s: String) { a: products(search: $s) { totalCount } b: products(search: $s) { totalCount } c: products(search: $s) { totalCount } }', {
        s: '77',
      }),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a page of 100 orders with every line and its product (up to 10,000 items)',
    send: ({ app, alice }) => gql(app, '{ myOrders(first: 100) { nodes { items { quantity product { name description } } } } }', {}, alice),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },

  // Stock hoarding: merged lines past the per-product limit, and unpaid units past the per-user bound.
  {
    name: '100 lines of one product at 1,000 each (merged: 100,000 units)',
    send: ({ app, alice, productId }) =>
      gql(
        app,
        'mutation ($items: [OrderLineInput!]!) { placeOrder(input: { items: $items }) { id } }',
        { items: Array.from({ length: 100 }, () => ({ productId, quantity: 1000 })) },
        alice,
      ),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: '100 lines of one product at 1,000 each (REST)',
    send: ({ app, alice, productId }) =>
      rest(app, 'POST', '/api/orders', alice, { items: Array.from({ length: 100 }, () => ({ product_id: Number(productId), quantity: 1000 })) }),
    status: 422,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an order past the unpaid-units bound (1 unit held unpaid + 1,000)',
    send: ({ app, alice, productId }) =>
      gql(app, 'mutation ($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1000 }] }) { id } }', { p: productId }, alice),
    status: 200,
    code: 'CONFLICT',
  },
  {
    name: 'an order past the unpaid-units bound (REST)',
    send: ({ app, alice, productId }) => rest(app, 'POST', '/api/orders', alice, { items: [{ product_id: Number(productId), quantity: 1000 }] }),
    status: 409,
    code: 'CONFLICT',
  },

  // Broken object-level authorization: Bob against Alice's order.
  {
    name: "BOLA: reading another user's order (GraphQL)",
    send: ({ app, bob, aliceOrderId }) => gql(app, 'query ($id: ID!) { order(id: $id) { id total } }', { id: aliceOrderId }, bob),
    status: 200,
    code: 'NOT_FOUND',
  },
  {
    name: "BOLA: reading another user's order (REST)",
    send: ({ app, bob, aliceOrderId }) => rest(app, 'GET', `/api/orders/${aliceOrderId}`, bob),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: "BOLA: cancelling another user's order (GraphQL)",
    send: ({ app, bob, aliceOrderId }) => gql(app, 'mutation ($id: ID!) { cancelOrder(id: $id) { id } }', { id: aliceOrderId }, bob),
    status: 200,
    code: 'NOT_FOUND',
  },
  {
    name: "BOLA: cancelling another user's order (REST)",
    send: ({ app, bob, aliceOrderId }) => rest(app, 'POST', `/api/orders/${aliceOrderId}/cancel`, bob),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: "BOLA: reading another user's account",
    send: ({ app, bob, aliceId }) => gql(app, 'query ($id: ID!) { user(id: $id) { email } }', { id: aliceId }, bob),
    status: 200,
    code: 'FORBIDDEN',
  },

  // Broken function-level authorization: every admin operation as a customer.
  ...(
    [
      ['createProduct', 'mutation { createProduct(input: { name: "x", price: "1", stock: 1, category: "c" }) { id } }'],
      ['updateProduct', 'mutation ($id: ID!) { updateProduct(id: $id, input: { price: "0.01" }) { id } }'],
      ['deleteProduct', 'mutation ($id: ID!) { deleteProduct(id: $id) }'],
      ['updateOrderStatus', 'mutation ($order: ID!) { updateOrderStatus(id: $order, status: PAID) { id } }'],
      ['users', '{ users(first: 5) { totalCount } }'],
      ['user', 'query ($user: ID!) { user(id: $user) { email } }'],
      ['orders', '{ orders(first: 5) { totalCount } }'],
    ] as const
  ).map(
    ([operation, query]): HostileCase => ({
      name: `BFLA: ${operation} as a customer`,
      send: ({ app, bob, productId, aliceOrderId, aliceId }) =>
        gql(app, query, { id: productId, order: aliceOrderId, user: aliceId }, bob),
      status: 200,
      code: 'FORBIDDEN',
    }),
  ),
  ...(
    [
      ['POST', () => '/api/products', { name: 'x', price: 1, stock: 1, category: 'c' }],
      ['PUT', (a: Actors) => `/api/products/${a.productId}`, { price: 0.01 }],
      ['DELETE', (a: Actors) => `/api/products/${a.productId}`, undefined],
      ['PATCH', (a: Actors) => `/api/orders/${a.aliceOrderId}`, { status: 'paid' }],
    ] as const
  ).map(
    ([method, path, body]): HostileCase => ({
      name: `BFLA: ${method} ${path({ productId: ':id', aliceOrderId: ':id' } as Actors)} as a customer`,
      send: (actors) => rest(actors.app, method, path(actors), actors.bob, body),
      status: 403,
      code: 'FORBIDDEN',
    }),
  ),
  {
    name: 'BFLA: an anonymous admin mutation',
    send: ({ app, productId }) => gql(app, 'mutation ($id: ID!) { deleteProduct(id: $id) }', { id: productId }),
    status: 200,
    code: 'UNAUTHENTICATED',
  },

  // Credentials that are not what they look like (Hardening II, finding 9).
  ...(
    [
      ['eight NUL bytes as a password', 'nul@example.com', '\0'.repeat(8)],
      ['a password ending in a lone surrogate', 'lone@example.com', 'correct horse\ud800'],
      ['a password of eight spaces', 'blank@example.com', ' '.repeat(8)],
      ['an email with a NUL byte', 'mallory\0@example.com', 'long enough pw'],
      ['an email that is <script>', '<script>alert(1)</script>@example.com', 'long enough pw'],
      ['an email with a dotted İ that reads as alice@example.com once lower-cased', 'al\u0130ce@example.com', 'long enough pw'],
    ] as const
  ).map(([label, email, password]): HostileCase => ({
    name: `register with ${label}`,
    send: ({ app }) => gql(app, REGISTER, { email, password }),
    status: 200,
    code: 'BAD_USER_INPUT',
  })),
  {
    name: 'login with an empty password to an account whose old hash is of eight NUL bytes',
    send: ({ app }) => gql(app, LOGIN, { email: NUL_HASH_EMAIL, password: '' }),
    status: 200,
    code: 'UNAUTHENTICATED',
  },

  // Money the schema does not allow, however it is written (Hardening II, finding 12).
  ...(['19.999999999999999', '1e2'] as const).flatMap((price): HostileCase[] => [
    {
      name: `price ${price} as a GraphQL literal`,
      send: ({ app, admin }) =>
        gql(app, `mutation { createProduct(input: { name: "x", price: ${price}, stock: 1, category: "c" }) { id } }`, {}, admin),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: `price ${price} as a JSON number in a GraphQL variable`,
      send: ({ app, admin }) =>
        post(
          app,
          '/graphql',
          `{"query": "mutation ($p: Money!) { createProduct(input: { name: \\"x\\", price: $p, stock: 1, category: \\"c\\" }) { id } }", "variables": {"p": ${price}}}`,
          { authorization: `Bearer ${admin}` },
        ),
      status: 400,
      code: 'BAD_USER_INPUT',
    },
    {
      name: `price ${price} as a JSON number to REST`,
      send: ({ app, admin }) =>
        post(app, '/api/products', `{"name": "x", "price": ${price}, "stock": 1, "category": "c"}`, { authorization: `Bearer ${admin}` }),
      status: 400,
      code: 'BAD_USER_INPUT',
    },
  ]),
  {
    name: 'minPrice 1e2 as a JSON number in the variables of a GraphQL GET',
    send: ({ app }) =>
      fetch(
        `${app.url}/graphql?${new URLSearchParams({
          query: 'query ($m: Money) { products(first: 1, minPrice: $m) { totalCount } }',
          variables: '{"m": 1e2}',
        })}`,
        { headers: { 'apollo-require-preflight': 'true' } },
      ).then(answer),
    status: 400,
    code: 'BAD_USER_INPUT',
  },

  // Mass assignment at registration.
  {
    name: 'mass assignment: role in the GraphQL RegisterInput',
    send: ({ app }) => gql(app, 'mutation { register(input: { email: "mallory@example.com", password: "long enough pw", role: ADMIN }) { token } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'mass assignment: role and id in the REST registration body',
    send: ({ app }) =>
      rest(app, 'POST', '/api/auth/register', undefined, {
        email: 'mallory@example.com',
        password: 'long enough pw',
        role: 'admin',
        id: 1,
      }),
    status: 201,
    code: null,
    changes(before, after) {
      expect(after.users).toHaveLength(before.users!.length + 1);
      const mallory = after.users!.find((user) => user.email === 'mallory@example.com')!;
      expect(mallory.role).toBe('user');
      expect(before.users!.map((user) => user.id)).not.toContain(mallory.id);
    },
  },

  // Injection-looking strings in every text argument: taken literally, never as SQL.
  // Prototype keys: a compiled answer (graphql-jit) would lose them where graphql-js keeps them.
  {
    name: 'an alias named __proto__',
    send: ({ app }) => gql(app, '{ products(first: 2) { edges { __proto__: node { id } } } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a variable named $__proto__',
    send: ({ app }) =>
      post(app, '/graphql', '{"query": "query ($__proto__: Int) { products(first: $__proto__) { nodes { id } } }", "variables": {"__proto__": 1}}'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  ...INJECTIONS.flatMap((text): HostileCase[] => [
    {
      name: `injection in products(search, category): ${text}`,
      send: ({ app }) =>
        gql(app, 'query ($s: String, $c: String) { products(search: $s, category: $c) { totalCount } }', { s: text, c: text }),
      status: 200,
      code: null,
    },
    {
      name: `injection in REST ?search=&category=: ${text}`,
      send: ({ app }) =>
        fetch(`${app.url}/api/products?search=${encodeURIComponent(text)}&category=${encodeURIComponent(text)}`).then(answer),
      status: 200,
      code: null,
    },
    {
      name: `injection in login(email, password): ${text}`,
      send: ({ app }) => gql(app, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: text, p: text }),
      status: 200,
      code: 'BAD_USER_INPUT',
    },
  ]),
  {
    name: 'injection in an admin text field is stored verbatim',
    send: ({ app, admin }) =>
      gql(
        app,
        'mutation ($n: String!) { createProduct(input: { name: $n, description: $n, price: "1", stock: 1, category: $n }) { id } }',
        { n: "Robert'); DROP TABLE products; --" },
        admin,
      ),
    status: 200,
    code: null,
    changes(before, after) {
      expect(after.products).toHaveLength(before.products!.length + 1);
      expect(after.products!.at(-1)).toMatchObject({
        name: "Robert'); DROP TABLE products; --",
        category: "Robert'); DROP TABLE products; --",
      });
    },
  },
  {
    name: 'injection in users(search) as an admin',
    send: ({ app, admin }) => gql(app, 'query ($s: String) { users(first: 5, search: $s) { totalCount } }', { s: "' OR 1=1 --" }, admin),
    status: 200,
    code: null,
  },
];

describe.each(dialects)('hostile requests on %s', (dialect) => {
  let actors: Actors;

  beforeAll(async () => {
    const app = await startTestApp(dialect);
    const admin = (await app.signUp('admin@example.com', { role: 'admin' })).token;
    const alice = await app.signUp('alice@example.com');
    const bob = (await app.signUp('bob@example.com')).token;
    const created = await app.gql<{ createProduct: { id: string } }>(
      'mutation { createProduct(input: { name: "Lamp", price: "19.99", stock: 50, category: "Home" }) { id } }',
      {},
      admin,
    );
    const productId = created.data!.createProduct.id;
    const placed = await app.gql<{ placeOrder: { id: string } }>(
      'mutation ($p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1 }] }) { id } }',
      { p: productId },
      alice.token,
    );
    const created_at = new Date();
    await app.db('users').insert({ email: NUL_HASH_EMAIL, password: bcrypt.hashSync('\0'.repeat(8), 4), role: 'user', created_at, updated_at: created_at });
    const carol = (await app.signUp('carol@example.com')).token;
    await app.gql('mutation { logout }', {}, carol);
    const dave = (await app.signUp('dave@example.com', { password: 'first password 1' })).token;
    await app.gql('mutation { changePassword(currentPassword: "first password 1", newPassword: "second password 2") { token } }', {}, dave);
    actors = {
      app,
      admin,
      alice: alice.token,
      aliceId: alice.id,
      bob,
      productId,
      aliceOrderId: placed.data!.placeOrder.id,
      loggedOutToken: carol,
      tokenBeforePasswordChange: dave,
    };
  });

  afterAll(async () => actors.app.close());

  it(`covers at least 40 hostile cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((hostile) => [hostile.name, hostile] as const))('%s', async (_name, hostile) => {
    const before = await snapshot(actors.app);
    const response = await hostile.send(actors);
    expect([hostile.status].flat()).toContain(response.status);
    expect(response.code ?? null).toBe(hostile.code);
    const text = JSON.stringify(response.body);
    // No stack frames, driver error names or SQL in any answer.
    expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|\bSQLITE_[A-Z]|\bER_[A-Z]/);
    expect(text).not.toMatch(/\b(select|insert|update|delete)\b.*\b(from|into|set)\b/i);
    const after = await snapshot(actors.app);
    if (hostile.changes) hostile.changes(before, after, actors);
    else expect(after).toEqual(before);
  });
});
