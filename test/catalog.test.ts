import { reindexProducts } from '../src/db/productSearchWords';
import { dialects } from './support/databases';
import { codeOf, fieldOf } from './support/graphql';
import { graphql } from './support/gql';
import type { CatalogProductFieldsFragment, CatalogProductsQuery, CatalogProductsQueryVariables } from './support/gql/graphql';
import { shopSuite } from './support/shopSuite';
import type { TestApp } from './support/testApp';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type ProductNode = CatalogProductFieldsFragment;
type ProductConnection = CatalogProductsQuery['products'];

type Sort = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME_ASC';
const SORTS: Sort[] = ['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'NAME_ASC'];

/** A product as arranged directly in the table; `id` is filled in once inserted. */
interface Arranged {
  id: number;
  name: string;
  description: string;
  price: number;
  stock: number;
  category: string;
  created_at: Date;
}

/** The order each sort promises: its column first, then id (in the same direction) to break ties. */
const EXPECTED_ORDER: Record<Sort, (a: Arranged, b: Arranged) => number> = {
  NEWEST: (a, b) => b.created_at.getTime() - a.created_at.getTime() || b.id - a.id,
  PRICE_ASC: (a, b) => a.price - b.price || a.id - b.id,
  PRICE_DESC: (a, b) => b.price - a.price || b.id - a.id,
  NAME_ASC: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.id - b.id,
};

const VALID_INPUT = { name: 'Desk Lamp', description: 'A warm light', price: '19.99', stock: 5, category: 'Home' };

graphql(`
  fragment CatalogProductFields on Product { id name description price stock category createdAt updatedAt }
`);
const CREATE = graphql(`
  mutation CatalogCreate($input: ProductInput!) { createProduct(input: $input) { ...CatalogProductFields } }
`);
const UPDATE = graphql(`
  mutation CatalogUpdate($id: ID!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) { ...CatalogProductFields } }
`);
const DELETE = graphql(`
  mutation CatalogDelete($id: ID!) { deleteProduct(id: $id) }
`);
const PRODUCT = graphql(`
  query CatalogProduct($id: ID!) { product(id: $id) { ...CatalogProductFields } }
`);
const CATEGORIES = graphql(`
  query CatalogCategories { categories }
`);
const PRODUCTS = graphql(`
  query CatalogProducts(
    $first: Int, $after: String, $search: String, $category: String,
    $minPrice: Money, $maxPrice: Money, $inStock: Boolean, $sort: ProductSort
  ) {
    products(
      first: $first, after: $after, search: $search, category: $category,
      minPrice: $minPrice, maxPrice: $maxPrice, inStock: $inStock, sort: $sort
    ) {
      nodes { ...CatalogProductFields }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

describe.each(dialects)('catalog on %s', (dialect) => {
  let app: TestApp;
  let admin: string;
  let customer: string;

  shopSuite(dialect, (shop) => ({ app, admin, customer } = shop));

  async function productCount(): Promise<number> {
    const row = (await app.db('products').count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  async function create(overrides: Record<string, unknown> = {}): Promise<ProductNode> {
    const response = await app.gql(CREATE, { input: { ...VALID_INPUT, ...overrides } }, admin);
    expect(response.errors).toBeUndefined();
    return response.data!.createProduct;
  }

  async function fetchProduct(id: string): Promise<ProductNode | null> {
    const response = await app.gql(PRODUCT, { id });
    expect(response.errors).toBeUndefined();
    return response.data!.product;
  }

  async function list(variables: CatalogProductsQueryVariables): Promise<ProductConnection> {
    const response = await app.gql(PRODUCTS, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.products;
  }

  async function names(variables: CatalogProductsQueryVariables): Promise<string[]> {
    return (await list({ first: 100, ...variables })).nodes.map((node) => node.name).sort();
  }

  /** Inserts rows one by one (so every id is known on both dialects) and returns them with their ids. */
  async function arrange(rows: Partial<Omit<Arranged, 'id'>>[]): Promise<Arranged[]> {
    const arranged: Arranged[] = [];
    for (const [index, row] of rows.entries()) {
      const full = {
        name: `Product ${index}`,
        description: '',
        price: 1000,
        stock: 1,
        category: 'Misc',
        created_at: new Date(),
        ...row,
      };
      const [id] = await app.db('products').insert({ ...full, updated_at: full.created_at });
      await reindexProducts(app.db, [Number(id)]); // what the app's own inserts do in their transaction
      arranged.push({ id: Number(id), ...full });
    }
    return arranged;
  }

  /** Follows endCursor until hasNextPage is false; returns the ids in the order seen. */
  async function pageThrough(sort: Sort, first: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await list({ first, after, sort });
      seen.push(...page.nodes.map((node) => node.id));
      if (!page.pageInfo.hasNextPage) return seen;
      expect(page.pageInfo.endCursor).toEqual(expect.any(String));
      after = page.pageInfo.endCursor;
    }
    throw new Error(`paging ${sort} never reached a last page`);
  }

  describe('money', () => {
    // Prices written as literals and variables of any JSON type, on purpose: these documents stay strings.
    function createWithPriceLiteral(literal: string) {
      return app.gql<{ createProduct: ProductNode }>(
        `mutation { createProduct(input: {name: "Lamp", price: ${literal}, stock: 1, category: "Home"}) { id price } }`,
        undefined,
        admin,
      );
    }

    function createWithPriceVariable(price: unknown) {
      return app.gql<{ createProduct: ProductNode }>(
        `mutation ($price: Money!) { createProduct(input: {name: "Lamp", price: $price, stock: 1, category: "Home"}) { id price } }`,
        { price },
        admin,
      );
    }

    it.each([
      ['"15.5"', '15.50'],
      ['15.5', '15.50'],
      ['20', '20.00'],
      ['"19.99"', '19.99'],
      ['"0"', '0.00'],
      ['"1000000.00"', '1000000.00'],
    ])('createProduct accepts the price literal %s and returns it as %p', async (literal, expected) => {
      const response = await createWithPriceLiteral(literal);
      expect(response.errors).toBeUndefined();
      expect(response.data?.createProduct.price).toBe(expected);
      expect((await fetchProduct(response.data!.createProduct.id))?.price).toBe(expected);
    });

    it.each([
      ['15.5', '15.50'],
      [15.5, '15.50'],
      [20, '20.00'],
      ['1000000.00', '1000000.00'],
    ])('createProduct accepts the price variable %p and returns it as %p', async (price, expected) => {
      const response = await createWithPriceVariable(price);
      expect(response.errors).toBeUndefined();
      expect(response.data?.createProduct.price).toBe(expected);
    });

    it.each(['"19.999"', '19.999', '"abc"', '"1e3"', '""', '"1000000.01"', 'true', '[1]'])(
      'createProduct refuses the price literal %s and stores nothing',
      async (literal) => {
        const response = await createWithPriceLiteral(literal);
        expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(codeOf(response));
        expect([200, 400]).toContain(response.status);
        expect(response.data?.createProduct ?? null).toBeNull();
        expect(await productCount()).toBe(0);
      },
    );

    it.each([['19.999'], [19.999], ['abc'], ['1e3'], [''], ['1000000.01'], [0.1 + 0.2], [true]])(
      'createProduct refuses the price variable %p and stores nothing',
      async (price) => {
        const response = await createWithPriceVariable(price);
        expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(codeOf(response));
        expect([200, 400]).toContain(response.status);
        expect(response.data?.createProduct ?? null).toBeNull();
        expect(await productCount()).toBe(0);
      },
    );

    it('createProduct refuses a negative price as BAD_USER_INPUT, literal or variable', async () => {
      expect(codeOf(await createWithPriceLiteral('"-1"'))).toBe('BAD_USER_INPUT');
      expect(codeOf(await createWithPriceVariable('-1'))).toBe('BAD_USER_INPUT');
      expect(codeOf(await createWithPriceVariable(-0.01))).toBe('BAD_USER_INPUT');
      expect(await productCount()).toBe(0);
    });

    it('createProduct refuses a price above 1000000.00 as BAD_USER_INPUT naming price', async () => {
      const response = await createWithPriceVariable('1000000.01');
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(await productCount()).toBe(0);
    });
  });

  describe('full UTF-8', () => {
    it('an emoji and accented name round-trips through createProduct, product, search and REST', async () => {
      const name = 'Pizza 🍕 Crème';
      const created = await create({ name, description: 'Käse 🧀 und 𝔘𝔫𝔦𝔠𝔬𝔡𝔢' });
      await create({ name: 'Burger 🍔', description: 'no pizza here' });
      expect(created.name).toBe(name);

      const fetched = await fetchProduct(created.id);
      expect(fetched?.name).toBe(name);
      expect(fetched?.description).toBe('Käse 🧀 und 𝔘𝔫𝔦𝔠𝔬𝔡𝔢');

      const found = await list({ search: '🍕' });
      expect(found.nodes.map((node) => node.name)).toEqual([name]);
      expect(found.totalCount).toBe(1);

      const rest = await app.api().get(`/api/products/${created.id}`).expect(200);
      expect((rest.body as { name: string }).name).toBe(name);
    });

    it('a name of 200 emoji counts as 200 characters and is stored whole', async () => {
      const name = '🍕'.repeat(200);
      const created = await create({ name });
      expect((await fetchProduct(created.id))?.name).toBe(name);
    });
  });

  describe('createProduct validation', () => {
    it.each([
      ['an empty name', { name: '' }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name of 201 characters', { name: 'n'.repeat(201) }, 'name'],
      ['a description of 5001 characters', { description: 'd'.repeat(5001) }, 'description'],
      ['a negative stock', { stock: -1 }, 'stock'],
      ['a stock above 1,000,000,000', { stock: 1_000_000_001 }, 'stock'],
      ['an empty category', { category: '' }, 'category'],
      ['a blank category', { category: '  ' }, 'category'],
      ['a category of 101 characters', { category: 'c'.repeat(101) }, 'category'],
      ['a negative price', { price: '-1' }, 'price'],
    ])('refuses %s with BAD_USER_INPUT naming the field, and stores nothing', async (_label, overrides, field) => {
      const response = await app.gql(CREATE, { input: { ...VALID_INPUT, ...overrides } }, admin);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe(field);
      expect(response.data?.createProduct ?? null).toBeNull();
      expect(await productCount()).toBe(0);
    });

    it('refuses a fractional stock literal as a GraphQL validation error and stores nothing', async () => {
      const response = await app.gql(
        `mutation { createProduct(input: {name: "Lamp", price: "1.00", stock: 1.5, category: "Home"}) { id } }`,
        undefined,
        admin,
      );
      expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.status).toBe(400);
      expect(await productCount()).toBe(0);
    });

    it('refuses a fractional stock variable and stores nothing', async () => {
      const response = await app.gql(CREATE, { input: { ...VALID_INPUT, stock: 1.5 } }, admin);
      expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(codeOf(response));
      expect(await productCount()).toBe(0);
    });

    it('accepts the limits: 200-character name, 5000-character description, stock 0 and 1,000,000,000', async () => {
      const long = await create({ name: 'n'.repeat(200), description: 'd'.repeat(5000), stock: 1_000_000_000 });
      expect(long.name).toHaveLength(200);
      expect(long.description).toHaveLength(5000);
      expect(long.stock).toBe(1_000_000_000);
      expect((await create({ stock: 0 })).stock).toBe(0);
      expect(await productCount()).toBe(2);
    });

    it('trims the name and category it stores, and defaults a missing description to empty', async () => {
      const created = await create({ name: '  Lamp  ', category: ' Home ', description: undefined });
      expect(created).toMatchObject({ name: 'Lamp', category: 'Home', description: '' });
      expect(await fetchProduct(created.id)).toMatchObject({ name: 'Lamp', category: 'Home', description: '' });
    });
  });

  describe('authorization', () => {
    const callers: [string, () => string | undefined, string][] = [
      ['anonymous', () => undefined, 'UNAUTHENTICATED'],
      ['a customer', () => customer, 'FORBIDDEN'],
      ['an invalid token', () => 'not-a-jwt', 'UNAUTHENTICATED'],
    ];

    it.each(callers)('createProduct as %s is refused and stores nothing', async (_who, token, code) => {
      const response = await app.gql(CREATE, { input: VALID_INPUT }, token());
      expect(codeOf(response)).toBe(code);
      expect(response.data?.createProduct ?? null).toBeNull();
      expect(await productCount()).toBe(0);
    });

    it.each(callers)('updateProduct as %s is refused and changes nothing', async (_who, token, code) => {
      const product = await create();
      const response = await app.gql(UPDATE, { id: product.id, input: { name: 'Hacked', price: '0.01' } }, token());
      expect(codeOf(response)).toBe(code);
      expect(await fetchProduct(product.id)).toEqual(product);
    });

    it.each(callers)('deleteProduct as %s is refused and deletes nothing', async (_who, token, code) => {
      const product = await create();
      const response = await app.gql(DELETE, { id: product.id }, token());
      expect(codeOf(response)).toBe(code);
      expect(await fetchProduct(product.id)).toEqual(product);
      expect(await productCount()).toBe(1);
    });
  });

  describe('updateProduct and deleteProduct', () => {
    it('updateProduct changes only the given fields, bumps updatedAt and returns the new values', async () => {
      const long_ago = new Date('2020-01-02T03:04:05.678Z');
      const [row] = await arrange([
        { name: 'Old Lamp', description: 'Dusty', price: 1999, stock: 5, category: 'Home', created_at: long_ago },
      ]);
      const id = String(row!.id);

      const response = await app.gql(
        UPDATE,
        { id, input: { price: '24.50', stock: 7 } },
        admin,
      );
      expect(response.errors).toBeUndefined();
      const updated = response.data!.updateProduct;
      expect(updated).toMatchObject({
        id,
        name: 'Old Lamp',
        description: 'Dusty',
        price: '24.50',
        stock: 7,
        category: 'Home',
        createdAt: long_ago.toISOString(),
      });
      expect(updated.updatedAt).toMatch(ISO_UTC);
      expect(new Date(updated.updatedAt).getTime()).toBeGreaterThan(long_ago.getTime());
      expect(await fetchProduct(id)).toEqual(updated);
    });

    it('updateProduct with every field replaces them all', async () => {
      const product = await create();
      const input = { name: 'Floor Lamp', description: 'Tall', price: 45, stock: 0, category: 'Lighting' };
      const response = await app.gql(UPDATE, { id: product.id, input }, admin);
      expect(response.errors).toBeUndefined();
      expect(response.data!.updateProduct).toMatchObject({ ...input, price: '45.00' });
      expect(await fetchProduct(product.id)).toMatchObject({ ...input, price: '45.00' });
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ name: 'n'.repeat(201) }, 'name'],
      [{ description: 'd'.repeat(5001) }, 'description'],
      [{ stock: -1 }, 'stock'],
      [{ price: '-1' }, 'price'],
      [{ category: '' }, 'category'],
      [{ name: 'Renamed', stock: -1 }, 'stock'],
    ])('updateProduct with %p is refused naming %p and leaves the product unchanged', async (input, field) => {
      const product = await create();
      const response = await app.gql(UPDATE, { id: product.id, input }, admin);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe(field);
      expect(await fetchProduct(product.id)).toEqual(product);
    });

    it('updateProduct to the values the product already has succeeds, twice in a row', async () => {
      const product = await create();
      const same = { name: product.name, price: product.price, stock: product.stock };
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await app.gql(UPDATE, { id: product.id, input: same }, admin);
        expect(response.errors).toBeUndefined();
        expect(response.data!.updateProduct).toMatchObject({ ...same, id: product.id });
      }
    });

    it('updateProduct with an empty input returns the product unchanged', async () => {
      const product = await create();
      const response = await app.gql(UPDATE, { id: product.id, input: {} }, admin);
      expect(response.errors).toBeUndefined();
      expect(response.data!.updateProduct).toEqual(product);
    });

    it('updateProduct of an unknown id is NOT_FOUND', async () => {
      const product = await create();
      const response = await app.gql(UPDATE, { id: String(Number(product.id) + 1000), input: { name: 'X' } }, admin);
      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(await fetchProduct(product.id)).toEqual(product);
    });

    it.each(['abc', '-1', '0', '1.5'])('updateProduct of id %p is BAD_USER_INPUT', async (id) => {
      const response = await app.gql(UPDATE, { id, input: { name: 'X' } }, admin);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
    });

    it('deleteProduct returns true, the product is gone, and deleting again is NOT_FOUND', async () => {
      const product = await create();
      const kept = await create({ name: 'Kept' });

      const response = await app.gql(DELETE, { id: product.id }, admin);
      expect(response.errors).toBeUndefined();
      expect(response.data?.deleteProduct).toBe(true);
      expect(await fetchProduct(product.id)).toBeNull();
      expect((await list({})).nodes.map((node) => node.id)).toEqual([kept.id]);

      const again = await app.gql(DELETE, { id: product.id }, admin);
      expect(codeOf(again)).toBe('NOT_FOUND');
      expect(await fetchProduct(kept.id)).toEqual(kept);
    });

    it('deleteProduct of id "abc" is BAD_USER_INPUT', async () => {
      expect(codeOf(await app.gql(DELETE, { id: 'abc' }, admin))).toBe('BAD_USER_INPUT');
    });
  });

  describe('products paging', () => {
    it('products returns the first 20 by default, with hasNextPage and the full totalCount', async () => {
      await arrange(Array.from({ length: 25 }, () => ({})));
      const response = await app.gql(graphql(`
        query CatalogDefaultPage { products { nodes { id } pageInfo { hasNextPage endCursor } totalCount } }
      `));
      expect(response.errors).toBeUndefined();
      const page = response.data!.products;
      expect(page.nodes).toHaveLength(20);
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect(page.pageInfo.endCursor).toEqual(expect.any(String));
      expect(page.totalCount).toBe(25);
    });

    it.each([0, 101, -1])('products refuses first: %p with BAD_USER_INPUT', async (first) => {
      const response = await app.gql(PRODUCTS, { first });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe('first');
    });

    it('products accepts first: 100 and returns up to 100', async () => {
      await arrange(Array.from({ length: 101 }, () => ({})));
      const page = await list({ first: 100 });
      expect(page.nodes).toHaveLength(100);
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect(page.totalCount).toBe(101);
    });

    it.each(SORTS)(
      'products sorted %s pages through 25 products with ties in price, name and createdAt, each once and in order',
      async (sort) => {
        const base = Date.UTC(2025, 5, 1, 12, 0, 0, 100);
        const rows = await arrange(
          Array.from({ length: 25 }, (_, i) => ({
            name: ['Charlie', 'Alpha', 'Bravo'][i % 3]!,
            price: [1000, 1000, 2500, 500, 1000][i % 5]!,
            // four instants one millisecond apart, so ties in createdAt cross page boundaries
            created_at: new Date(base + (i % 4)),
          })),
        );
        const expected = [...rows].sort(EXPECTED_ORDER[sort]).map((row) => String(row.id));

        const paged = await pageThrough(sort, 10);
        expect(paged).toEqual(expected);
        expect(new Set(paged).size).toBe(25);

        const single = await list({ first: 100, sort });
        expect(single.nodes.map((node) => node.id)).toEqual(expected);
      },
    );

    it.each(SORTS)(
      'products sorted %s pages through 25 products identical in price, name and createdAt without skipping or repeating',
      async (sort) => {
        const createdAt = new Date('2025-06-01T12:00:00.000Z');
        const rows = await arrange(
          Array.from({ length: 25 }, () => ({ name: 'Same', price: 1234, created_at: createdAt })),
        );
        const ids = rows.map((row) => String(row.id));
        const paged = await pageThrough(sort, 10);
        expect([...paged].sort()).toEqual([...ids].sort());
        expect(new Set(paged).size).toBe(25);
        expect(paged).toEqual([...rows].sort(EXPECTED_ORDER[sort]).map((row) => String(row.id)));
      },
    );

    it('products sorted NEWEST puts the most recently created product first', async () => {
      const [older, newer] = await arrange([
        { name: 'Older', created_at: new Date('2025-01-01T00:00:00.000Z') },
        { name: 'Newer', created_at: new Date('2025-01-01T00:00:00.001Z') },
        { name: 'Oldest', created_at: new Date('2024-12-31T23:59:59.999Z') },
      ]);
      const page = await list({ first: 2 });
      expect(page.nodes.map((node) => node.id)).toEqual([String(newer!.id), String(older!.id)]);
      expect(page.nodes[0]?.createdAt).toBe('2025-01-01T00:00:00.001Z');
    });

    it('products paging with a filter keeps the filter on every page', async () => {
      await arrange(
        Array.from({ length: 25 }, (_, i) => ({ name: `Item ${i}`, category: i % 2 === 0 ? 'Even' : 'Odd' })),
      );
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: ProductConnection = await list({ first: 5, after, category: 'Even', sort: 'NAME_ASC' });
        expect(page.totalCount).toBe(13);
        seen.push(...page.nodes.map((node) => node.category));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(Array(13).fill('Even'));
    });

    it.each([
      ['garbage', 'garbage'],
      ['an empty JSON object', Buffer.from('{}').toString('base64url')],
      ['a cursor with a wrong value type', Buffer.from('{"sort":"PRICE_ASC","value":"x","id":1}').toString('base64url')],
    ])('products refuses %s as after with BAD_USER_INPUT', async (_label, after) => {
      await arrange([{}, {}]);
      const response = await app.gql(PRODUCTS, { first: 1, after, sort: 'PRICE_ASC' });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
    });

    it('products refuses a PRICE_ASC cursor used with NAME_ASC', async () => {
      await arrange([{}, {}, {}]);
      const page = await list({ first: 1, sort: 'PRICE_ASC' });
      expect(page.pageInfo.endCursor).toEqual(expect.any(String));
      const response = await app.gql(PRODUCTS, { first: 1, after: page.pageInfo.endCursor, sort: 'NAME_ASC' });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      const sameSort = await list({ first: 1, after: page.pageInfo.endCursor, sort: 'PRICE_ASC' });
      expect(sameSort.nodes).toHaveLength(1);
    });

    it('products with no match has no next page and a null endCursor', async () => {
      await arrange([{ name: 'Lamp' }]);
      const page = await list({ search: 'nothing like this' });
      expect(page.nodes).toEqual([]);
      expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
      expect(page.totalCount).toBe(0);
    });

    it('products on an empty catalog has no next page and a null endCursor', async () => {
      const page = await list({});
      expect(page).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
    });

    it('products after the last product is an empty page', async () => {
      await arrange([{}, {}]);
      const page = await list({ first: 2 });
      expect(page.pageInfo.hasNextPage).toBe(false);
      const beyond = await list({ first: 2, after: page.pageInfo.endCursor });
      expect(beyond.nodes).toEqual([]);
      expect(beyond.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    });

    it('products with an explicit null sort is not an internal error', async () => {
      const [older, newer] = await arrange([
        { created_at: new Date('2025-01-01T00:00:00.000Z') },
        { created_at: new Date('2025-01-02T00:00:00.000Z') },
      ]);
      const response = await app.gql(PRODUCTS, { sort: null });
      expect(codeOf(response)).not.toBe('INTERNAL_SERVER_ERROR');
      if (response.errors) {
        expect(codeOf(response)).toBe('BAD_USER_INPUT');
      } else {
        // null means "not given": the default order, NEWEST
        expect(response.data!.products.nodes.map((node) => node.id)).toEqual([String(newer!.id), String(older!.id)]);
      }
    });
  });

  describe('products filters', () => {
    it('search is case-insensitive over name and description', async () => {
      await arrange([
        { name: 'Wireless Mouse', description: 'Two buttons' },
        { name: 'Headphones', description: 'Bluetooth wireless, over-ear' },
        { name: 'Wired Keyboard', description: 'USB' },
      ]);
      expect(await names({ search: 'WIRELESS' })).toEqual(['Headphones', 'Wireless Mouse']);
      expect(await names({ search: 'mouse' })).toEqual(['Wireless Mouse']);
      expect((await list({ search: 'WIRELESS' })).totalCount).toBe(2);
    });

    it('search folds the case of non-ASCII letters', async () => {
      await arrange([
        { name: 'crème brûlée' },
        { name: 'Plain pudding', description: 'ÉCLAIR inside' },
        { name: 'Cream soda' },
      ]);
      expect(await names({ search: 'CRÈME' })).toEqual(['crème brûlée']);
      expect(await names({ search: 'BRÛLÉE' })).toEqual(['crème brûlée']);
      expect(await names({ search: 'éclair' })).toEqual(['Plain pudding']);
    });

    it('search takes % literally', async () => {
      await arrange([{ name: 'Cotton 100% organic' }, { name: 'Cotton 100 organic' }, { name: '1000 piece puzzle' }]);
      expect(await names({ search: '100%' })).toEqual(['Cotton 100% organic']);
      expect(await names({ search: '%' })).toEqual(['Cotton 100% organic']);
    });

    it('search takes _ literally instead of matching every product', async () => {
      await arrange([{ name: 'snake_case mug' }, { name: 'Plain mug' }, { name: 'a' }]);
      expect(await names({ search: '_' })).toEqual(['snake_case mug']);
      expect(await names({ search: 'snake_c' })).toEqual(['snake_case mug']);
    });

    it('search takes the LIKE escape character and backslashes literally', async () => {
      await arrange([{ name: 'Hello!' }, { name: 'Hello' }, { name: 'C:\\temp' }, { name: 'C:temp' }]);
      expect(await names({ search: '!' })).toEqual(['Hello!']);
      expect(await names({ search: 'o!' })).toEqual(['Hello!']);
      expect(await names({ search: '\\' })).toEqual(['C:\\temp']);
    });

    it('each search word of 3+ letters must begin a word: "lamp" finds "Lamps" and "desk lamp", not "Clamp"', async () => {
      await arrange([
        { name: 'Desk lamp' },
        { name: 'Lamps, set of two' },
        { name: 'Clamp' },
        { name: 'Table', description: 'Comes with a LAMP shade' },
        { name: "L'amour candle" },
      ]);
      expect(await names({ search: 'lamp' })).toEqual(['Desk lamp', 'Lamps, set of two', 'Table']);
      expect((await list({ search: 'lamp' })).totalCount).toBe(3);
      expect(await names({ search: 'amp' })).toEqual([]);
      expect(await names({ search: 'lamp shade' })).toEqual(['Table']);
      expect(await names({ search: 'amour' })).toEqual(["L'amour candle"]);
    });

    it('a term without a word of 3+ letters matches anywhere: "77" finds "Model 1773"', async () => {
      await arrange([{ name: 'Model 1773' }, { name: 'Model 88' }]);
      expect(await names({ search: '77' })).toEqual(['Model 1773']);
      expect(await names({ search: 'l 17' })).toEqual(['Model 1773']);
    });

    it('common words ("with", "the") are searched like any other word', async () => {
      await arrange([{ name: 'Mug', description: 'Comes with the lid' }, { name: 'Cup', description: 'No lid' }]);
      expect(await names({ search: 'with' })).toEqual(['Mug']);
      expect(await names({ search: 'with the lid' })).toEqual(['Mug']);
    });

    it('a blank search matches everything, a search over 200 characters is BAD_USER_INPUT', async () => {
      await arrange([{ name: 'A' }, { name: 'B' }]);
      expect(await names({ search: '   ' })).toEqual(['A', 'B']);
      expect(codeOf(await app.gql(PRODUCTS, { search: 'x'.repeat(201) }))).toBe('BAD_USER_INPUT');
    });

    it('category matches exactly, not as a substring', async () => {
      await arrange([
        { name: 'Novel', category: 'Books' },
        { name: 'Bookshelf', category: 'Books & More' },
        { name: 'Reader', category: 'Ebooks' },
      ]);
      expect(await names({ category: 'Books' })).toEqual(['Novel']);
      expect(await names({ category: 'Book' })).toEqual([]);
      expect((await list({ category: 'Books' })).totalCount).toBe(1);
    });

    it('minPrice and maxPrice are inclusive, given as strings or numbers', async () => {
      await arrange([
        { name: 'p0999', price: 999 },
        { name: 'p1000', price: 1000 },
        { name: 'p1500', price: 1500 },
        { name: 'p2000', price: 2000 },
        { name: 'p2001', price: 2001 },
      ]);
      const inside = ['p1000', 'p1500', 'p2000'];
      expect(await names({ minPrice: '10.00', maxPrice: '20.00' })).toEqual(inside);
      expect(await names({ minPrice: 10, maxPrice: 20 })).toEqual(inside);
      expect(await names({ minPrice: '10.00' })).toEqual([...inside, 'p2001']);
      expect(await names({ maxPrice: 20 })).toEqual(['p0999', ...inside]);
      expect(await names({ minPrice: '15', maxPrice: '15.00' })).toEqual(['p1500']);

      const literal = await app.gql(graphql(`
        query CatalogPriceLiterals { products(minPrice: 10, maxPrice: "20.00") { nodes { name } totalCount } }
      `));
      expect(literal.errors).toBeUndefined();
      expect(literal.data!.products.nodes.map((node) => node.name).sort()).toEqual(inside);
      expect(literal.data!.products.totalCount).toBe(3);
    });

    it('minPrice above maxPrice is BAD_USER_INPUT', async () => {
      const response = await app.gql(PRODUCTS, { minPrice: '20.00', maxPrice: '10.00' });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
    });

    it.each([['19.999'], ['abc'], ['-1']])('a price bound of %p is BAD_USER_INPUT', async (bound) => {
      expect(codeOf(await app.gql(PRODUCTS, { minPrice: bound }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await app.gql(PRODUCTS, { maxPrice: bound }))).toBe('BAD_USER_INPUT');
    });

    it('inStock true lists only stock above 0, false only stock 0', async () => {
      await arrange([
        { name: 'none', stock: 0 },
        { name: 'one', stock: 1 },
        { name: 'many', stock: 500 },
      ]);
      expect(await names({ inStock: true })).toEqual(['many', 'one']);
      expect(await names({ inStock: false })).toEqual(['none']);
      expect(await names({ inStock: null })).toEqual(['many', 'none', 'one']);
    });

    it('totalCount counts every product matching the filters, not the page', async () => {
      await arrange(
        Array.from({ length: 12 }, (_, i) => ({
          name: `Lamp ${i}`,
          category: i < 9 ? 'Home' : 'Garden',
          stock: i % 3 === 0 ? 0 : 4,
        })),
      );
      const page = await list({ first: 2, category: 'Home', inStock: true });
      expect(page.nodes).toHaveLength(2);
      expect(page.totalCount).toBe(6);
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect((await list({ first: 1 })).totalCount).toBe(12);
    });

    it('categories lists each category once, sorted', async () => {
      await arrange([
        { category: 'Toys' },
        { category: 'Books' },
        { category: 'Garden' },
        { category: 'Books' },
        { category: 'Toys' },
      ]);
      const response = await app.gql(CATEGORIES);
      expect(response.errors).toBeUndefined();
      expect(response.data?.categories).toEqual(['Books', 'Garden', 'Toys']);
    });

    it('categories is empty on an empty catalog', async () => {
      expect((await app.gql(CATEGORIES)).data?.categories).toEqual([]);
    });
  });

  describe('product(id)', () => {
    it('product returns every field of an existing product, timestamps as ISO-8601 UTC', async () => {
      const created = await create({ name: 'Desk Lamp', price: '19.99', stock: 5, category: 'Home' });
      const fetched = await fetchProduct(created.id);
      expect(fetched).toEqual({
        id: created.id,
        name: 'Desk Lamp',
        description: 'A warm light',
        price: '19.99',
        stock: 5,
        category: 'Home',
        createdAt: expect.stringMatching(ISO_UTC),
        updatedAt: expect.stringMatching(ISO_UTC),
      });
      expect(fetched).toEqual(created);
    });

    it('product of an unknown id is null', async () => {
      const created = await create();
      expect(await fetchProduct(String(Number(created.id) + 1000))).toBeNull();
    });

    it.each(['abc', '-1', '0', '1e3', ''])('product of id %p is BAD_USER_INPUT', async (id) => {
      const response = await app.gql(PRODUCT, { id });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.data?.product ?? null).toBeNull();
    });
  });

  it('ProductConnection edges and nodes list the same products, the last cursor being endCursor', async () => {
    await arrange(Array.from({ length: 5 }, (_, i) => ({ name: `Item ${i}` })));
    const response = await app.gql(
      graphql(`
        query CatalogEdges { products(first: 3, sort: NAME_ASC) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } }
      `),
    );
    expect(response.errors).toBeUndefined();
    const { edges, nodes, pageInfo } = response.data!.products;
    expect(edges).toHaveLength(3);
    expect(edges.map((edge) => edge.node.id)).toEqual(nodes.map((node) => node.id));
    expect(new Set(edges.map((edge) => edge.cursor)).size).toBe(3);
    expect(edges.at(-1)?.cursor).toBe(pageInfo.endCursor);

    // paging on from the middle edge's cursor continues right after it
    const next = await list({ first: 1, after: edges[0]!.cursor, sort: 'NAME_ASC' });
    expect(next.nodes.map((node) => node.id)).toEqual([edges[1]!.node.id]);
  });
});
