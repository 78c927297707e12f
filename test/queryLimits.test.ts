import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { getIntrospectionQuery, getVariableValues, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { typeDefs } from '../src/graphql/generated/typeDefs';
import { operationCost, SEARCH_COUNT_COST, SEARCH_SCAN_COST } from '../src/graphql/queryCost';
import { QUERY_LIMITS } from '../src/graphql/queryLimits';
import { MAX_LINES } from '../src/services/orderPlacing';
import * as storefront from '../web/src/gql/graphql';
import { dialects } from './support/databases';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/testApp';

/** The query the Apollo Sandbox sends on load: graphql-js's, with every option it asks for. */
const SANDBOX_INTROSPECTION = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});

/** The README's catalog query. */
const CATALOG = `query Catalog($after: String) {
  products(first: 10, after: $after, search: "lamp", category: "Home & Kitchen",
           minPrice: "10", maxPrice: 100, inStock: true, sort: PRICE_ASC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name price stock category }
  }
  categories
}`;

/** `me { orders { nodes { user { orders { nodes { user … } } } } } }`, `levels` fields deep (and cheap). */
function depthBomb(levels: number): string {
  const cycle = ['orders(first: 1)', 'nodes', 'user'];
  const path = ['me', ...Array.from({ length: levels - 2 }, (_, i) => cycle[i % 3]!)];
  const fields = [...path, path.at(-1) === cycle[0] ? 'totalCount' : 'id'];
  return `{ ${fields.join(' { ')}${' }'.repeat(levels - 1)} }`;
}

function expectRefused(response: GraphQLResponse, status: number, code: string, message: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  expect(response.errors?.[0]).toMatchObject({ extensions: { code } });
  expect(response.errors?.[0]?.message).toMatch(message);
}

/** A storefront page's `PAGE_SIZE`, read from its source (the pages are .tsx, which the tests do not compile). */
function pageSizeOf(page: string): number {
  const source = readFileSync(path.join(__dirname, '../web/src/pages', `${page}.tsx`), 'utf8');
  const match = /const PAGE_SIZE = (\d+);/.exec(source);
  if (!match) throw new Error(`no PAGE_SIZE in ${page}.tsx`);
  return Number(match[1]);
}

describe('what the storefront asks for fits the cost limit', () => {
  const schema = makeExecutableSchema({ typeDefs });
  const costOf = (document: DocumentNode, variables: Record<string, unknown>): number => {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) throw coerced.errors[0];
    return operationCost(schema, document, operation, coerced.coerced);
  };
  // Searches that scan (no word of 3+ letters): the dearest term a shopper can type.
  const SCAN = '77';

  it.each([
    ['Catalog', () => costOf(storefront.CatalogDocument, { first: pageSizeOf('Catalog'), search: SCAN, sort: 'NEWEST' })],
    ['MoreProducts', () => costOf(storefront.MoreProductsDocument, { first: pageSizeOf('Catalog'), after: 'x', search: SCAN, sort: 'NEWEST' })],
    ['MyOrders', () => costOf(storefront.MyOrdersDocument, { first: pageSizeOf('Orders') })],
    ['AdminProducts', () => costOf(storefront.AdminProductsDocument, { first: pageSizeOf('AdminProducts'), search: SCAN })],
    ['AdminOrders', () => costOf(storefront.AdminOrdersDocument, { first: pageSizeOf('AdminOrders') })],
  ])('%s, at its page size and with a scanning search', (_name, cost) => {
    expect(cost()).toBeLessThanOrEqual(QUERY_LIMITS.cost);
  });

  it('charges an order history page its orders’ every possible line', () => {
    const first = pageSizeOf('Orders');
    // Per order: the order and MAX_LINES items; plus the connection and its pageInfo.
    expect(costOf(storefront.MyOrdersDocument, { first })).toBe(2 + first * (1 + MAX_LINES));
  });
});

describe.each(dialects)('GraphQL query limits on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('refuses a 20-level depth bomb, naming the depth limit', async () => {
    const response = await app.gql(depthBomb(20));
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /^Query depth limit of 12 exceeded, found 20\.$/);
  });

  it('accepts a query exactly at the depth limit', async () => {
    const response = await app.gql(depthBomb(QUERY_LIMITS.depth));
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ me: null });
  });

  it('refuses 300 aliases, naming the alias limit', async () => {
    const query = `{ ${Array.from({ length: 300 }, (_, i) => `c${i}: categories`).join(' ')} }`;
    const response = await app.gql(query);
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /^Aliases limit of 30 exceeded, found 300\.$/);
  });

  it('refuses 10,000 duplicated fields at the token limit, before parsing them all', async () => {
    const response = await app.gql(`{ me { ${'id '.repeat(10_000)} } }`);
    expectRefused(response, 400, 'GRAPHQL_PARSE_FAILED', /more that 2000 tokens/);
  });

  it('refuses 1,000 directives at the token limit, and 21 at the directive limit', async () => {
    const thousand = await app.gql(`{ categories ${'@include(if: true) '.repeat(1000)} }`);
    expectRefused(thousand, 400, 'GRAPHQL_PARSE_FAILED', /more that 2000 tokens/);

    const query = `{ categories ${'__typename @include(if: true) '.repeat(21)} }`;
    const response = await app.gql(query);
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /^Directives limit of 20 exceeded, found 21\.$/);
  });

  it('refuses a fragment cycle without looping', async () => {
    const response = await app.gql('{ ...A } fragment A on Query { categories ...B } fragment B on Query { ...A }');
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /^Cannot spread fragment "A" within itself via "B"\.$/);
  });

  it('refuses a query whose cost exceeds the limit through nested first: 100 lists, and reports it', async () => {
    const response = await app.gql(
      '{ myOrders(first: 100) { nodes { user { orders(first: 100) { nodes { id } } } } } }',
    );
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /^Query cost limit of 5000 exceeded, found 10301\.$/);
    // 1 for myOrders, then per order: the order, its user, the user's connection and 100 orders.
    expect(response.extensions).toEqual({ cost: { requested: 1 + 100 * (1 + 1 + 1 + 100), limit: 5000 } });
  });

  it('reports the cost of accepted queries in extensions.cost', async () => {
    const catalog = await app.gql(CATALOG);
    expect(catalog.status).toBe(200);
    expect(catalog.errors).toBeUndefined();
    // products, pageInfo and 10 nodes, and a count over an indexed search; scalars (and the
    // categories list of strings) are free.
    expect(catalog.extensions).toEqual({ cost: { requested: 12 + SEARCH_COUNT_COST, limit: 5000 } });

    const { token } = await app.signUp('costly@example.com');
    const orders = await app.gql(
      '{ myOrders(first: 20) { totalCount nodes { id total items { quantity product { name } } } } }',
      undefined,
      token,
    );
    expect(orders.status).toBe(200);
    expect(orders.errors).toBeUndefined();
    // 20 orders, each charged as many items as an order can hold (100), with their product.
    expect(orders.extensions).toEqual({ cost: { requested: 1 + 20 * (1 + MAX_LINES * 2), limit: 5000 } });
  });

  it('refuses 30 aliased counts of a search that scans, which cost 1 each before', async () => {
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: products(search: "%") { totalCount }`).join(' ')} }`;
    const response = await app.gql(query);
    // Each: the connection, a scan for its page and another for its count.
    const found = 30 * (1 + 2 * SEARCH_SCAN_COST);
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', new RegExp(`^Query cost limit of 5000 exceeded, found ${found}\\.$`));
  });

  it('charges a search by what the database reads: a scan, or a count of every indexed match', async () => {
    const query = 'query ($s: String) { products(first: 10, search: $s) { totalCount nodes { id } } }';
    const costOf = async (search: string | null) => (await app.gql(query, { s: search })).extensions;
    // No word of 3+ letters: a scan for the page and one for the count.
    for (const term of ['%', '77', 'a b', '🍕']) {
      expect(await costOf(term)).toEqual({ cost: { requested: 11 + 2 * SEARCH_SCAN_COST, limit: 5000 } });
    }
    // The index answers: the page costs what any page does, the count a little more.
    for (const term of ['lamp', 'desk lamp', '%lamp%']) {
      expect(await costOf(term)).toEqual({ cost: { requested: 11 + SEARCH_COUNT_COST, limit: 5000 } });
    }
    // No search (or a blank one, which the service ignores): nothing more.
    for (const term of [null, '   ']) expect(await costOf(term)).toEqual({ cost: { requested: 11, limit: 5000 } });

    // Without totalCount, a scanning search still pays for its page; an indexed one pays nothing extra.
    expect((await app.gql('{ products(search: "77") { nodes { id } } }')).extensions).toEqual({
      cost: { requested: 21 + SEARCH_SCAN_COST, limit: 5000 },
    });
    expect((await app.gql('{ products(search: "lamp") { nodes { id } } }')).extensions).toEqual({
      cost: { requested: 21, limit: 5000 },
    });
    // A count asked for through a fragment is charged too; one left out by @skip is not.
    const viaFragment = await app.gql('{ products(search: "lamp") { ...C } } fragment C on ProductConnection { totalCount }');
    expect(viaFragment.extensions).toEqual({ cost: { requested: 1 + SEARCH_COUNT_COST, limit: 5000 } });
    const skipped = await app.gql('{ products(search: "lamp") { totalCount @skip(if: true) pageInfo { hasNextPage } } }');
    expect(skipped.extensions).toEqual({ cost: { requested: 2, limit: 5000 } });
  });

  it('refuses a page of orders with every line and product, which returned 20,000 items at cost 4,202 before', async () => {
    const { token } = await app.signUp('hoarder@example.com');
    const response = await app.gql('{ myOrders(first: 100) { nodes { items { quantity product { name } } } } }', undefined, token);
    const found = 1 + 100 * (1 + MAX_LINES * 2);
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', new RegExp(`^Query cost limit of 5000 exceeded, found ${found}\\.$`));
  });

  it('reports the cost of a query refused while it runs', async () => {
    const response = await app.gql('{ myOrders(first: 5) { nodes { id } } }');
    expect(response.status).toBe(200);
    expect(response.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(response.extensions).toEqual({ cost: { requested: 6, limit: 5000 } });
  });

  it('charges first from variables, their defaults and the schema default', async () => {
    const query = 'query ($n: Int = 50) { products(first: $n) { nodes { id } } }';
    expect((await app.gql(query, { n: 5 })).extensions).toEqual({ cost: { requested: 6, limit: 5000 } });
    expect((await app.gql(query)).extensions).toEqual({ cost: { requested: 51, limit: 5000 } });
    const unset = await app.gql('{ products { nodes { id } } }');
    expect(unset.extensions).toEqual({ cost: { requested: 21, limit: 5000 } });

    const nested = 'query ($n: Int!) { myOrders(first: $n) { nodes { user { orders(first: $n) { nodes { id } } } } } }';
    expect((await app.gql(nested, { n: 10 })).extensions).toEqual({ cost: { requested: 131, limit: 5000 } });
    const refused = await app.gql(nested, { n: 100 });
    expectRefused(refused, 400, 'GRAPHQL_VALIDATION_FAILED', /^Query cost limit of 5000 exceeded, found 10301\.$/);
  });

  it('does not charge what @skip or @include leave out', async () => {
    const query = 'query ($all: Boolean!) { products(first: 100) @include(if: $all) { nodes { id } } categories }';
    expect((await app.gql(query, { all: false })).extensions).toEqual({ cost: { requested: 0, limit: 5000 } });
    expect((await app.gql(query, { all: true })).extensions).toEqual({ cost: { requested: 101, limit: 5000 } });
  });

  it('serves the Sandbox’s full introspection query to anyone outside production', async () => {
    const response = await app.gql<{ __schema: { queryType: { name: string }; types: unknown[] } }>(
      SANDBOX_INTROSPECTION,
    );
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.__schema.queryType.name).toBe('Query');
    expect(response.data?.__schema.types.length).toBeGreaterThan(20);
    expect(response.extensions).toEqual({ cost: { requested: 71, limit: 5000 } });
  });

  it('suggests field names outside production', async () => {
    const response = await app.gql('{ products { nodes { nmae } } }');
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /Did you mean "name"\?/);
  });

  it('refuses batched array bodies', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ categories }' }, { query: '{ categories }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });
});

// Production needs MySQL (DB_HOST), so this runs where the MySQL suite does.
if (dialects.includes('mysql')) {
  describe('GraphQL introspection and errors in production on mysql', () => {
    let app: TestApp;
    let customer: string;
    let admin: string;
    beforeAll(async () => {
      app = await startTestApp('mysql', { NODE_ENV: 'production' });
      customer = (await app.signUp('customer@example.com')).token;
      admin = (await app.signUp('admin@example.com', { role: 'admin' })).token;
    });
    afterAll(async () => app.close());

    it('refuses introspection to anonymous clients and customers, however it is spelled', async () => {
      const queries = [
        SANDBOX_INTROSPECTION,
        '{ __type(name: "Product") { fields { name } } }',
        '{ categories ... on Query { __schema { queryType { name } } } }',
        '{ ...F } fragment F on Query { ...G } fragment G on Query { __schema { types { name } } }',
      ];
      for (const token of [undefined, customer]) {
        for (const query of queries) {
          const response = await app.gql(query, undefined, token);
          expectRefused(response, 403, 'FORBIDDEN', /^Introspection is only available to administrators$/);
        }
      }
    });

    it('serves the Sandbox’s full introspection query to an admin', async () => {
      const response = await app.gql<{ __schema: { queryType: { name: string } } }>(
        SANDBOX_INTROSPECTION,
        undefined,
        admin,
      );
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.data?.__schema.queryType.name).toBe('Query');
      expect(response.extensions).toEqual({ cost: { requested: 71, limit: 5000 } });
    });

    it('allows __typename to anyone', async () => {
      const response = await app.gql('{ __typename products(first: 1) { __typename nodes { __typename } } }');
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ __typename: 'Query', products: { __typename: 'ProductConnection', nodes: [] } });
    });

    it('hides "Did you mean" suggestions in errors', async () => {
      const field = await app.gql('{ products { nodes { nmae } } }');
      expectRefused(field, 400, 'GRAPHQL_VALIDATION_FAILED', /^Cannot query field "nmae" on type "Product"\.$/);

      const argument = await app.gql('{ products(frist: 1) { totalCount } }');
      expectRefused(argument, 400, 'GRAPHQL_VALIDATION_FAILED', /^Unknown argument "frist" on field "Query\.products"\.$/);

      const enumValue = await app.gql('query ($s: OrderStatus) { myOrders(status: $s) { totalCount } }', { s: 'PENDIN' }, customer);
      expect(enumValue.status).toBe(400);
      expect(enumValue.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(enumValue.errors?.[0]?.message).toMatch(/"PENDIN" does not exist in "OrderStatus" enum\.$/);

      for (const response of [field, argument, enumValue]) expect(JSON.stringify(response)).not.toMatch(/did you mean/i);
    });

    it('applies the query limits in production too', async () => {
      const response = await app.gql(depthBomb(20), undefined, admin);
      expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /^Query depth limit of 12 exceeded, found 20\.$/);
    });
  });
}
