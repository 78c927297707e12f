import { reindexProducts } from '../src/db/productSearchWords';
import { dialects } from './support/databases';
import { shopSuite } from './support/shopSuite';
import type { TestApp } from './support/testApp';

const PRODUCT_KEYS = ['category', 'created_at', 'description', 'id', 'name', 'price', 'stock', 'updated_at'];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface RestProduct {
  id: number;
  name: string;
  description: string;
  price: number;
  stock: number;
  category: string;
  created_at: string;
  updated_at: string;
}

interface ProductList {
  products: RestProduct[];
  pagination: { page: number; limit: number; total: number; pages: number; total_exact: boolean };
}

interface RestError {
  detail: string;
  code: string;
  field?: string;
}

const VALID_BODY = { name: 'Desk Lamp', description: 'A warm light', price: 19.99, stock: 5, category: 'Home' };

describe.each(dialects)('REST /api/products on %s', (dialect) => {
  let app: TestApp;
  let admin: string;
  let customer: string;

  shopSuite(dialect, (shop) => ({ app, admin, customer } = shop));

  async function productCount(): Promise<number> {
    const row = (await app.db('products').count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  async function post(body: Record<string, unknown>, expectedStatus = 201): Promise<RestProduct> {
    const response = await app
      .api()
      .post('/api/products')
      .set('Authorization', `Bearer ${admin}`)
      .send(body)
      .expect(expectedStatus);
    return response.body as RestProduct;
  }

  async function getList(query: string): Promise<ProductList> {
    const response = await app.api().get(`/api/products${query}`).expect(200);
    return response.body as ProductList;
  }

  async function getProduct(id: number | string): Promise<RestProduct> {
    return (await app.api().get(`/api/products/${id}`).expect(200)).body as RestProduct;
  }

  /** Inserts rows one by one and returns their ids in insertion order. */
  async function arrange(rows: { name?: string; description?: string; price?: number; stock?: number; category?: string; created_at?: Date }[]) {
    const ids: number[] = [];
    for (const [index, row] of rows.entries()) {
      const createdAt = row.created_at ?? new Date();
      const [id] = await app.db('products').insert({
        name: `Product ${index}`,
        description: '',
        price: 1000,
        stock: 1,
        category: 'Misc',
        ...row,
        created_at: createdAt,
        updated_at: createdAt,
      });
      await reindexProducts(app.db, [Number(id)]); // what the app's own inserts do in their transaction
      ids.push(Number(id));
    }
    return ids;
  }

  function expectError(body: unknown, code: string, mentioning?: string): void {
    const error = body as RestError;
    expect(error).toEqual(expect.objectContaining({ detail: expect.any(String), code }));
    if (mentioning) expect(error.detail).toContain(mentioning);
  }

  describe('GET /api/products', () => {
    it('lists products in the legacy shape: numeric ids and prices, snake_case timestamps, pagination', async () => {
      const lamp = await post({ ...VALID_BODY, price: 19.99 });
      const mug = await post({ name: 'Mug', description: 'Holds tea', price: 15.5, stock: 0, category: 'Kitchen' });

      const response = await app.api().get('/api/products').expect(200).expect('content-type', /json/);
      const body = response.body as ProductList;
      expect(Object.keys(body).sort()).toEqual(['pagination', 'products']);
      expect(body.pagination).toEqual({ page: 1, limit: 10, total: 2, pages: 1, total_exact: true });
      expect(body.products).toHaveLength(2);
      for (const product of body.products) {
        expect(Object.keys(product).sort()).toEqual(PRODUCT_KEYS);
        expect(typeof product.id).toBe('number');
        expect(typeof product.price).toBe('number');
        expect(typeof product.stock).toBe('number');
        expect(product.created_at).toMatch(ISO_UTC);
        expect(product.updated_at).toMatch(ISO_UTC);
      }
      const byName = new Map(body.products.map((product) => [product.name, product]));
      expect(byName.get('Desk Lamp')).toEqual({ ...lamp, price: 19.99 });
      expect(byName.get('Mug')).toEqual({ ...mug, price: 15.5, stock: 0, category: 'Kitchen' });
      expect(response.text).toContain('"price":15.5');
      expect(response.text).toContain('"price":19.99');
    });

    it('pages 10 at a time by default, newest first, each page continuing where the last stopped', async () => {
      const base = Date.UTC(2025, 0, 1);
      const ids = await arrange(Array.from({ length: 25 }, (_, i) => ({ created_at: new Date(base + i * 1000) })));
      const newestFirst = [...ids].reverse();

      const page1 = await getList('');
      expect(page1.pagination).toEqual({ page: 1, limit: 10, total: 25, pages: 3, total_exact: true });
      expect(page1.products.map((product) => product.id)).toEqual(newestFirst.slice(0, 10));

      const page2 = await getList('?page=2');
      expect(page2.pagination).toEqual({ page: 2, limit: 10, total: 25, pages: 3, total_exact: true });
      expect(page2.products.map((product) => product.id)).toEqual(newestFirst.slice(10, 20));

      const page3 = await getList('?page=3&limit=10');
      expect(page3.products.map((product) => product.id)).toEqual(newestFirst.slice(20));
    });

    it('pages = ceil(total / limit) for any limit', async () => {
      await arrange(Array.from({ length: 25 }, () => ({})));
      expect((await getList('?limit=7')).pagination).toEqual({ page: 1, limit: 7, total: 25, pages: 4, total_exact: true });
      expect((await getList('?limit=5')).pagination).toEqual({ page: 1, limit: 5, total: 25, pages: 5, total_exact: true });
      expect((await getList('?limit=25')).pagination).toEqual({ page: 1, limit: 25, total: 25, pages: 1, total_exact: true });
      expect((await getList('?page=4&limit=7')).products).toHaveLength(4);
    });

    it('pages through products created at the same instant without skipping or repeating', async () => {
      const sameInstant = new Date('2025-03-01T10:00:00.000Z');
      const ids = await arrange(Array.from({ length: 25 }, () => ({ created_at: sameInstant })));
      const seen: number[] = [];
      for (let page = 1; page <= 3; page++) {
        seen.push(...(await getList(`?page=${page}&limit=10`)).products.map((product) => product.id));
      }
      expect(seen).toHaveLength(25);
      expect([...seen].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    });

    it('a page past the last is empty, not an error', async () => {
      await arrange([{}, {}]);
      const body = await getList('?page=999999999&limit=100');
      expect(body.products).toEqual([]);
      expect(body.pagination).toEqual({ page: 999999999, limit: 100, total: 2, pages: 1, total_exact: true });
    });

    it('an empty catalog has no products and no pages', async () => {
      expect(await getList('')).toEqual({ products: [], pagination: { page: 1, limit: 10, total: 0, pages: 0, total_exact: true } });
    });

    it('search matches name and description case-insensitively, with % and _ taken literally', async () => {
      await arrange([
        { name: 'Wireless Mouse' },
        { name: 'Headphones', description: 'bluetooth WIRELESS' },
        { name: 'Wired Keyboard' },
        { name: 'Cotton 100% organic' },
        { name: 'Cotton 1000 threads' },
        { name: 'snake_case mug' },
      ]);
      const names = async (query: string) =>
        (await getList(query)).products.map((product) => product.name).sort();
      expect(await names('?search=wireless')).toEqual(['Headphones', 'Wireless Mouse']);
      expect((await getList('?search=wireless')).pagination.total).toBe(2);
      expect(await names(`?search=${encodeURIComponent('100%')}`)).toEqual(['Cotton 100% organic']);
      expect(await names('?search=_')).toEqual(['snake_case mug']);
      expect(await names(`?search=${encodeURIComponent('CRÈME')}`)).toEqual([]);
      expect((await getList('?search=')).pagination.total).toBe(6);
    });

    it('search folds non-ASCII case and finds emoji', async () => {
      await arrange([{ name: 'Pizza 🍕 Crème' }, { name: 'Burger 🍔' }]);
      const names = async (search: string) =>
        (await getList(`?search=${encodeURIComponent(search)}`)).products.map((product) => product.name);
      expect(await names('CRÈME')).toEqual(['Pizza 🍕 Crème']);
      expect(await names('🍕')).toEqual(['Pizza 🍕 Crème']);
    });

    it('category filters exactly and counts only its products', async () => {
      await arrange([
        { name: 'Novel', category: 'Books' },
        { name: 'Atlas', category: 'Books' },
        { name: 'Shelf', category: 'Books & More' },
        { name: 'Spade', category: 'Garden' },
      ]);
      const body = await getList('?category=Books');
      expect(body.products.map((product) => product.name).sort()).toEqual(['Atlas', 'Novel']);
      expect(body.pagination).toEqual({ page: 1, limit: 10, total: 2, pages: 1, total_exact: true });
      expect((await getList(`?category=${encodeURIComponent('Books & More')}`)).pagination.total).toBe(1);
      expect((await getList('?category=Books&search=atl')).products.map((product) => product.name)).toEqual(['Atlas']);
    });

    it.each([
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=abc', 'page'],
      ['page=1.5', 'page'],
      ['limit=abc', 'limit'],
      ['limit=0', 'limit'],
      ['limit=-5', 'limit'],
      ['category=a&category=b', 'category'],
      ['search=a&search=b', 'search'],
      ['page=1&page=2', 'page'],
      [`search=${'x'.repeat(201)}`, 'search'],
    ])('?%s is 422 BAD_USER_INPUT naming %s, never a 500', async (query, parameter) => {
      const response = await app.api().get(`/api/products?${query}`).expect(422);
      expectError(response.body, 'BAD_USER_INPUT', parameter);
    });

    it('clamps limit=100000 to 100', async () => {
      await arrange(Array.from({ length: 101 }, () => ({})));
      const body = await getList('?limit=100000');
      expect(body.pagination).toEqual({ page: 1, limit: 100, total: 101, pages: 2, total_exact: true });
      expect(body.products).toHaveLength(100);
    });
  });

  describe('GET /api/products/:id', () => {
    it('returns the product in the legacy shape', async () => {
      const created = await post(VALID_BODY);
      const response = await app.api().get(`/api/products/${created.id}`).expect(200);
      expect(response.body).toEqual({
        id: created.id,
        name: 'Desk Lamp',
        description: 'A warm light',
        price: 19.99,
        stock: 5,
        category: 'Home',
        created_at: expect.stringMatching(ISO_UTC),
        updated_at: expect.stringMatching(ISO_UTC),
      });
      expect(response.body).toEqual(created);
    });

    it('an unknown id is 404 NOT_FOUND', async () => {
      const created = await post(VALID_BODY);
      const response = await app.api().get(`/api/products/${created.id + 1000}`).expect(404);
      expectError(response.body, 'NOT_FOUND');
    });

    it.each(['abc', '0', '-1', '1.5'])('id %p is 422 BAD_USER_INPUT', async (id) => {
      const response = await app.api().get(`/api/products/${id}`).expect(422);
      expectError(response.body, 'BAD_USER_INPUT', 'id');
    });
  });

  describe('POST /api/products', () => {
    it('creates a product as an admin: 201 with the product, price as a number', async () => {
      const response = await app
        .api()
        .post('/api/products')
        .set('Authorization', `Bearer ${admin}`)
        .send(VALID_BODY)
        .expect(201);
      const created = response.body as RestProduct;
      expect(created).toEqual({
        id: expect.any(Number),
        ...VALID_BODY,
        created_at: expect.stringMatching(ISO_UTC),
        updated_at: expect.stringMatching(ISO_UTC),
      });
      expect(await getProduct(created.id)).toEqual(created);
      expect(await productCount()).toBe(1);
    });

    it('accepts the price as a string "19.99" and returns it as the number 19.99', async () => {
      const created = await post({ ...VALID_BODY, price: '19.99' });
      expect(created.price).toBe(19.99);
      expect((await getProduct(created.id)).price).toBe(19.99);
    });

    it('accepts a product without a description, storing an empty one', async () => {
      const created = await post({ name: 'Mug', price: 3, stock: 1, category: 'Kitchen' });
      expect(created).toMatchObject({ name: 'Mug', description: '', price: 3 });
    });

    it('stores emoji and accented text exactly', async () => {
      const created = await post({ ...VALID_BODY, name: 'Pizza 🍕 Crème', description: 'Käse 🧀' });
      expect(await getProduct(created.id)).toMatchObject({ name: 'Pizza 🍕 Crème', description: 'Käse 🧀' });
    });

    it('is 401 without a token and stores nothing', async () => {
      const response = await app.api().post('/api/products').send(VALID_BODY).expect(401);
      expectError(response.body, 'UNAUTHENTICATED');
      expect(await productCount()).toBe(0);
    });

    it('is 403 for a customer and stores nothing', async () => {
      const response = await app
        .api()
        .post('/api/products')
        .set('Authorization', `Bearer ${customer}`)
        .send(VALID_BODY)
        .expect(403);
      expectError(response.body, 'FORBIDDEN');
      expect(await productCount()).toBe(0);
    });

    it.each([
      ['a missing name', { name: undefined }, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['a name of 201 characters', { name: 'n'.repeat(201) }, 'name'],
      ['a numeric name', { name: 42 }, 'name'],
      ['a missing price', { price: undefined }, 'price'],
      ['a null price', { price: null }, 'price'],
      ['price "abc"', { price: 'abc' }, 'price'],
      ['price 1.999', { price: 1.999 }, 'price'],
      ['a negative price', { price: -1 }, 'price'],
      ['a price above 1000000.00', { price: 1000000.01 }, 'price'],
      ['stock "5" (a string)', { stock: '5' }, 'stock'],
      ['stock 1.5', { stock: 1.5 }, 'stock'],
      ['a negative stock', { stock: -1 }, 'stock'],
      ['a missing stock', { stock: undefined }, 'stock'],
      ['a missing category', { category: undefined }, 'category'],
      ['a description of 5001 characters', { description: 'd'.repeat(5001) }, 'description'],
    ])('refuses %s with 422 naming the field, storing nothing', async (_label, overrides, field) => {
      const response = await app
        .api()
        .post('/api/products')
        .set('Authorization', `Bearer ${admin}`)
        .send({ ...VALID_BODY, ...overrides })
        .expect(422);
      expectError(response.body, 'BAD_USER_INPUT', field);
      expect((response.body as RestError).field).toBe(field);
      expect(await productCount()).toBe(0);
    });

    it.each([
      ['a JSON array', '[1, 2]'],
      ['a JSON string', '"lamp"'],
    ])('refuses %s as the body with 422', async (_label, raw) => {
      const response = await app
        .api()
        .post('/api/products')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'application/json')
        .send(raw);
      expect([400, 422]).toContain(response.status);
      expectError(response.body, 'BAD_USER_INPUT');
      expect(await productCount()).toBe(0);
    });

    it('answers malformed JSON with 400 {detail, code}', async () => {
      const response = await app
        .api()
        .post('/api/products')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'application/json')
        .send('{"name":')
        .expect(400)
        .expect('content-type', /json/);
      expectError(response.body, 'BAD_USER_INPUT');
      expect(await productCount()).toBe(0);
    });

    it('answers a body over 100kb with 413 {detail, code}', async () => {
      const response = await app
        .api()
        .post('/api/products')
        .set('Authorization', `Bearer ${admin}`)
        .send({ ...VALID_BODY, description: 'd'.repeat(150 * 1024) })
        .expect(413)
        .expect('content-type', /json/);
      expect(response.body).toEqual(expect.objectContaining({ detail: expect.any(String), code: expect.any(String) }));
      expect(await productCount()).toBe(0);
    });
  });

  describe('PUT /api/products/:id', () => {
    it('updates only the given fields and returns the new values with a later updated_at', async () => {
      const longAgo = new Date('2020-01-02T03:04:05.678Z');
      const [id] = await arrange([
        { name: 'Old Lamp', description: 'Dusty', price: 1999, stock: 5, category: 'Home', created_at: longAgo },
      ]);
      const response = await app
        .api()
        .put(`/api/products/${id}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ price: 24.5, stock: 7 })
        .expect(200);
      const updated = response.body as RestProduct;
      expect(updated).toEqual({
        id,
        name: 'Old Lamp',
        description: 'Dusty',
        price: 24.5,
        stock: 7,
        category: 'Home',
        created_at: longAgo.toISOString(),
        updated_at: expect.stringMatching(ISO_UTC),
      });
      expect(new Date(updated.updated_at).getTime()).toBeGreaterThan(longAgo.getTime());
      expect(await getProduct(id!)).toEqual(updated);
    });

    it('an unknown id is 404', async () => {
      const created = await post(VALID_BODY);
      const response = await app
        .api()
        .put(`/api/products/${created.id + 1000}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ name: 'Other' })
        .expect(404);
      expectError(response.body, 'NOT_FOUND');
      expect(await getProduct(created.id)).toEqual(created);
    });

    it('id "abc" is 422', async () => {
      const response = await app
        .api()
        .put('/api/products/abc')
        .set('Authorization', `Bearer ${admin}`)
        .send({ name: 'Other' })
        .expect(422);
      expectError(response.body, 'BAD_USER_INPUT', 'id');
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ price: 'abc' }, 'price'],
      [{ price: 1.999 }, 'price'],
      [{ stock: '5' }, 'stock'],
      [{ stock: -1 }, 'stock'],
      [{ name: 'Renamed', category: '' }, 'category'],
    ])('refuses %p with 422 naming %s and leaves the product unchanged', async (body, field) => {
      const created = await post(VALID_BODY);
      const response = await app
        .api()
        .put(`/api/products/${created.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .send(body)
        .expect(422);
      expectError(response.body, 'BAD_USER_INPUT', field);
      expect(await getProduct(created.id)).toEqual(created);
    });

    it('is 401 anonymous and 403 for a customer, changing nothing', async () => {
      const created = await post(VALID_BODY);
      await app.api().put(`/api/products/${created.id}`).send({ price: 0.01 }).expect(401);
      await app
        .api()
        .put(`/api/products/${created.id}`)
        .set('Authorization', `Bearer ${customer}`)
        .send({ price: 0.01 })
        .expect(403);
      expect(await getProduct(created.id)).toEqual(created);
    });
  });

  describe('DELETE /api/products/:id', () => {
    it('deletes as an admin with 204, after which GET is 404', async () => {
      const created = await post(VALID_BODY);
      const kept = await post({ ...VALID_BODY, name: 'Kept' });
      const response = await app
        .api()
        .delete(`/api/products/${created.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(204);
      expect(response.text).toBe('');
      await app.api().get(`/api/products/${created.id}`).expect(404);
      expect((await getList('')).products.map((product) => product.id)).toEqual([kept.id]);

      const again = await app
        .api()
        .delete(`/api/products/${created.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(404);
      expectError(again.body, 'NOT_FOUND');
    });

    it('is 403 for a customer and 401 anonymous, deleting nothing', async () => {
      const created = await post(VALID_BODY);
      const forbidden = await app
        .api()
        .delete(`/api/products/${created.id}`)
        .set('Authorization', `Bearer ${customer}`)
        .expect(403);
      expectError(forbidden.body, 'FORBIDDEN');
      await app.api().delete(`/api/products/${created.id}`).expect(401);
      expect(await getProduct(created.id)).toEqual(created);
    });

    it('id "abc" is 422', async () => {
      const response = await app
        .api()
        .delete('/api/products/abc')
        .set('Authorization', `Bearer ${admin}`)
        .expect(422);
      expectError(response.body, 'BAD_USER_INPUT');
    });
  });
});
