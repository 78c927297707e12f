// Queries run compiled by graphql-jit from their second request (GRAPHQL_EXECUTOR=jit, the
// default), mutations and refused variables through graphql-js (src/graphql/compiledExecution.ts). A second server over
// the same database executes everything with graphql-js; both must answer every request alike,
// byte for byte: data, nulls, errors with their codes, paths and locations.
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../src/app';
import { createLogger } from '../src/logger';
import { dialects } from './support/databases';
import { graphql } from './support/gql';
import { startTestApp, type TestApp } from './support/testApp';

// The documents the two executors are compared on stay plain strings: the table below sends them
// with wrong variables and operation names on purpose. Only the set-up's documents are typed.
const CREATE_PRODUCT = graphql(`
  mutation ExecutorCreateProduct($input: ProductInput!) { createProduct(input: $input) { id } }
`);
const PLACE_ORDER = graphql(`
  mutation ExecutorPlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }
`);

const CATALOG = `query Catalog($first: Int, $after: String, $search: String, $sort: ProductSort) {
  products(first: $first, after: $after, search: $search, sort: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name description price stock category createdAt updatedAt } }
  }
}`;

const ORDERS = `query Orders($first: Int!, $status: OrderStatus) {
  orders(first: $first, status: $status) {
    totalCount
    nodes { id status total createdAt user { id email role } items { id quantity unitPrice lineTotal productName product { id name price } } }
  }
}`;

describe.each(dialects)('GraphQL executors on %s', (dialect) => {
  let app: TestApp;
  let interpreted: App;
  let interpretedUrl: string;
  let admin: string;
  let customer: string;

  beforeAll(async () => {
    app = await startTestApp(dialect);
    expect(app.config.graphqlExecutor).toBe('jit');
    interpreted = await createApp({ config: { ...app.config, graphqlExecutor: 'graphql-js' }, db: app.db, logger: createLogger('silent') });
    await new Promise<void>((resolve) => interpreted.httpServer.listen(0, '127.0.0.1', resolve));
    interpretedUrl = `http://127.0.0.1:${(interpreted.httpServer.address() as AddressInfo).port}`;

    admin = (await app.signUp('admin@example.com', { role: 'admin' })).token;
    customer = (await app.signUp('buyer@example.com')).token;
    const ids: string[] = [];
    for (const [name, price, stock] of [['Walnut Lamp', '19.99', 5], ['Oak Desk', '250.00', 1], ['Mug 🍵', '4.50', 0]] as const) {
      const created = await app.gql(
        CREATE_PRODUCT,
        { input: { name, description: `A ${name.toLowerCase()}`, price, stock, category: 'Home' } },
        admin,
      );
      ids.push(created.data!.createProduct.id);
    }
    for (const items of [[{ productId: ids[0]!, quantity: 2 }], [{ productId: ids[0]!, quantity: 1 }, { productId: ids[1]!, quantity: 1 }]]) {
      const placed = await app.gql(PLACE_ORDER, { input: { items } }, customer);
      expect(placed.errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await interpreted?.stop();
    await app?.close();
  });

  async function ask(url: string, body: object, token?: string): Promise<{ status: number; text: string }> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }

  const who = { anonymous: undefined, customer: () => customer, admin: () => admin };

  it.each<[string, object, keyof typeof who]>([
    ['the catalog, every field', { query: CATALOG, variables: { first: 2 } }, 'anonymous'],
    ['a search sorted by price', { query: CATALOG, variables: { search: 'walnut', sort: 'PRICE_DESC' } }, 'anonymous'],
    ['a page after a cursor that is not one (BAD_USER_INPUT in a resolver)', { query: CATALOG, variables: { after: 'nonsense' } }, 'anonymous'],
    ['orders with users, items and products', { query: ORDERS, variables: { first: 10 } }, 'admin'],
    ['orders filtered by status', { query: ORDERS, variables: { first: 10, status: 'CANCELLED' } }, 'admin'],
    ['orders as a customer (FORBIDDEN, data null)', { query: ORDERS, variables: { first: 10 } }, 'customer'],
    ['a nullable field failing beside one that works', { query: '{ me { email } order(id: "abc") { id } categories }' }, 'customer'],
    ['aliases, fragments, @skip and @include', {
      query: `query ($yes: Boolean!, $no: Boolean!) {
        cheap: products(first: 1, sort: PRICE_ASC) { nodes { ...P } }
        dear: products(first: 1, sort: PRICE_DESC) { nodes { ...P stock @include(if: $no) category @skip(if: $no) } }
        me @include(if: $yes) { id role orders(first: 5) { totalCount nodes { total } } }
      }
      fragment P on Product { id name price }`,
      variables: { yes: true, no: false },
    }, 'customer'],
    ['a variable of the wrong type (400 BAD_USER_INPUT)', { query: ORDERS, variables: { first: 1.5 } }, 'admin'],
    ['an unknown enum value in a variable', { query: ORDERS, variables: { first: 1, status: 'PENDIN' } }, 'admin'],
    ['a named operation that is not in the document', { query: CATALOG, operationName: 'Nope' }, 'anonymous'],
    ['two operations, one chosen', { query: `query A { categories } query B { me { id } }`, operationName: 'B' }, 'customer'],
    // graphql-jit assigns response keys and variables to plain objects, where `__proto__` sets the prototype.
    ['an alias named __proto__ (refused at validation)', { query: '{ products(first: 2) { edges { __proto__: node { id } } } }' }, 'anonymous'],
    ['a variable named $__proto__ (refused at validation)', {
      query: 'query ($__proto__: Int) { products(first: $__proto__) { nodes { id } } }',
      variables: JSON.parse('{"__proto__": 1}') as object,
    }, 'anonymous'],
  ])('%s', async (_name, body, role) => {
    const token = who[role]?.();
    const reference = await ask(interpretedUrl, body, token);
    // A document is compiled when it comes back: the first answer is interpreted, the second compiled.
    for (const answer of [await ask(app.url, body, token), await ask(app.url, body, token), await ask(app.url, body, token)]) {
      expect(answer.status).toBe(reference.status);
      expect(answer.text).toBe(reference.text);
      expect(answer.text).not.toContain('INTERNAL_SERVER_ERROR');
    }
  });

  it('runs the root fields of a mutation one after another, stopping at the first failed non-null one', async () => {
    const before = await app.db('products').count({ n: '*' }).first();
    const mutation = `mutation {
      a: createProduct(input: { name: "First", description: "", price: "1.00", stock: 1, category: "X" }) { name }
      b: createProduct(input: { name: "", description: "", price: "1.00", stock: 1, category: "X" }) { name }
      c: createProduct(input: { name: "Never", description: "", price: "1.00", stock: 1, category: "X" }) { name }
    }`;
    const answer = await ask(app.url, { query: mutation }, admin);
    const body = JSON.parse(answer.text) as { data: unknown; errors: { path: string[]; extensions: { code: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors.map((error) => [error.path, error.extensions.code])).toEqual([[['b'], 'BAD_USER_INPUT']]);
    const names = (await app.db('products').whereIn('name', ['First', 'Never']).select('name')).map((row: { name: string }) => row.name);
    expect(names).toEqual(['First']);
    expect(Number((await app.db('products').count({ n: '*' }).first())!.n)).toBe(Number(before!.n) + 1);
  });
});
