import { dialects } from './support/databases';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/testApp';

type Status = 'PENDING' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

interface OrderItemNode {
  id: string;
  productName: string;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
  product: { id: string; name: string; price: string; archived: boolean };
}

interface OrderNode {
  id: string;
  status: Status;
  total: string;
  createdAt: string;
  updatedAt: string;
  user: { id: string; email: string };
  items: OrderItemNode[];
}

interface OrderConnection {
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string; status: Status; user: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

interface RestItem {
  id: number;
  product_id: number;
  product_name: string;
  quantity: number;
  price: number;
  line_total: number;
}

interface RestOrder {
  id: number;
  user_id: number;
  status: string;
  total_amount: number;
  items: RestItem[];
  created_at: string;
  updated_at: string;
}

interface RestOrderList {
  orders: RestOrder[];
  pagination: { page: number; limit: number; total: number; pages: number };
}

interface Line {
  productId: string;
  quantity: number;
}

const ORDER_FIELDS = `
  id status total createdAt updatedAt
  user { id email }
  items { id productName quantity unitPrice lineTotal product { id name price archived } }`;

const PLACE = `mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelOrder(id: $id) { ${ORDER_FIELDS} } }`;
const UPDATE_STATUS = `mutation Move($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { ${ORDER_FIELDS} } }`;
const ORDER = `query Order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const CONNECTION_FIELDS = 'edges { cursor node { id } } nodes { id status user { id } } pageInfo { hasNextPage endCursor } totalCount';
const MY_ORDERS = `query Mine($first: Int, $after: String, $status: OrderStatus) {
  myOrders(first: $first, after: $after, status: $status) { ${CONNECTION_FIELDS} } }`;
const ALL_ORDERS = `query All($first: Int, $after: String, $status: OrderStatus, $userId: ID) {
  orders(first: $first, after: $after, status: $status, userId: $userId) { ${CONNECTION_FIELDS} } }`;
const ME_ORDERS = `query { me { id orders(first: 100) { ${CONNECTION_FIELDS} } } }`;
const USER_ORDERS = `query UserOrders($id: ID!) { user(id: $id) { id orders(first: 100) { ${CONNECTION_FIELDS} } } }`;
const UPDATE_PRODUCT = `mutation UpdateProduct($id: ID!, $input: ProductUpdateInput!) {
  updateProduct(id: $id, input: $input) { id name price } }`;
const DELETE_PRODUCT = `mutation DeleteProduct($id: ID!) { deleteProduct(id: $id) }`;
const PRODUCT = `query Product($id: ID!) { product(id: $id) { id name } }`;
const PRODUCTS = `query Products($search: String) { products(first: 100, search: $search) { nodes { id } totalCount } }`;
const CATEGORIES = `query { categories }`;

function codeOf(response: GraphQLResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions.code;
}

/** INSUFFICIENT_STOCK's facts; the product id compared as text (an ID may travel as a string or a number). */
function shortage(response: GraphQLResponse<unknown>): { productId: string; available: unknown } {
  const extensions = response.errors?.[0]?.extensions;
  return { productId: String(extensions?.productId), available: extensions?.available };
}

function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

describe.each(dialects)('orders on %s', (dialect) => {
  let app: TestApp;
  let admin: string;
  let alice: string;
  let aliceId: string;
  let bob: string;
  let bobId: string;

  beforeAll(async () => {
    app = await startTestApp(dialect);
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(async () => {
    await app.reset();
    admin = (await app.signUp('admin@example.com', { role: 'admin' })).token;
    ({ token: alice, id: aliceId } = await app.signUp('alice@example.com'));
    ({ token: bob, id: bobId } = await app.signUp('bob@example.com'));
  });

  // ---------------------------------------------------------------- helpers

  /** Inserts a catalog product (price in integer cents) and returns its id as GraphQL shows it. */
  async function product(
    fields: { name?: string; price?: number; stock?: number; category?: string; description?: string } = {},
  ): Promise<string> {
    const now = new Date();
    const [id] = await app.db('products').insert({
      name: 'Widget',
      description: '',
      price: 1000,
      stock: 100,
      category: 'Misc',
      archived: false,
      created_at: now,
      updated_at: now,
      ...fields,
    });
    return String(id);
  }

  /** Inserts `count` products at once; returns their ids in id order. */
  async function products(count: number, stock = 10, price = 100): Promise<string[]> {
    const now = new Date();
    const category = `Bulk-${count}-${stock}`;
    await app.db('products').insert(
      Array.from({ length: count }, (_, index) => ({
        name: `Bulk ${index}`,
        description: '',
        price,
        stock,
        category,
        archived: false,
        created_at: now,
        updated_at: now,
      })),
    );
    const rows: { id: number }[] = await app.db('products').where({ category }).select('id').orderBy('id');
    return rows.map((row) => String(row.id));
  }

  async function stockOf(id: string): Promise<number> {
    const row = (await app.db('products').where({ id: Number(id) }).first('stock')) as { stock: number } | undefined;
    return Number(row?.stock);
  }

  async function count(table: string): Promise<number> {
    const row = (await app.db(table).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  async function statusInDb(orderId: string): Promise<string> {
    const row = (await app.db('orders').where({ id: Number(orderId) }).first('status')) as { status: string } | undefined;
    return String(row?.status);
  }

  /** Everything an order operation can change, to check that a refused one changed nothing. */
  async function snapshot() {
    return {
      products: await app.db('products').select('id', 'name', 'price', 'stock', 'archived').orderBy('id'),
      orders: await app.db('orders').select('id', 'user_id', 'status', 'total_amount', 'updated_at').orderBy('id'),
      items: await app.db('order_items').select('id', 'order_id', 'product_id', 'quantity', 'price').orderBy('id'),
      keys: await app.db('idempotency_keys').select('user_id', 'idempotency_key', 'order_id').orderBy('id'),
    };
  }

  function place(token: string | undefined, items: unknown[], idempotencyKey?: string) {
    return app.gql<{ placeOrder: OrderNode }>(
      PLACE,
      { input: { items, ...(idempotencyKey !== undefined && { idempotencyKey }) } },
      token,
    );
  }

  async function placeOk(token: string, items: Line[], idempotencyKey?: string): Promise<OrderNode> {
    const response = await place(token, items, idempotencyKey);
    expect(response.errors).toBeUndefined();
    return response.data!.placeOrder;
  }

  function updateStatus(token: string | undefined, id: string, status: Status) {
    return app.gql<{ updateOrderStatus: OrderNode }>(UPDATE_STATUS, { id, status }, token);
  }

  function cancel(token: string | undefined, id: string) {
    return app.gql<{ cancelOrder: OrderNode }>(CANCEL, { id }, token);
  }

  function fetchOrder(token: string | undefined, id: string) {
    return app.gql<{ order: OrderNode | null }>(ORDER, { id }, token);
  }

  const FORWARD: Status[] = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED'];

  /** An order of `owner`'s (two products), moved by the admin to `status` through the API. */
  async function orderIn(status: Status, owner = alice): Promise<{ order: OrderNode; products: string[] }> {
    const ids = [await product({ name: 'Mug', stock: 10 }), await product({ name: 'Plate', stock: 10 })];
    const order = await placeOk(owner, [
      { productId: ids[0]!, quantity: 2 },
      { productId: ids[1]!, quantity: 3 },
    ]);
    if (status === 'CANCELLED') {
      expect(codeOf(await cancel(owner, order.id))).toBeUndefined();
    } else {
      for (const next of FORWARD.slice(1, FORWARD.indexOf(status) + 1)) {
        const moved = await updateStatus(admin, order.id, next);
        expect(moved.errors).toBeUndefined();
      }
    }
    expect(await statusInDb(order.id)).toBe(status.toLowerCase());
    return { order, products: ids };
  }

  async function countStatements(work: () => Promise<unknown>): Promise<number> {
    let statements = 0;
    const listener = () => {
      statements += 1;
    };
    app.db.on('query', listener);
    try {
      await work();
    } finally {
      app.db.removeListener('query', listener);
    }
    return statements;
  }

  // ---------------------------------------------------------------- placeOrder

  describe('placeOrder', () => {
    it('snapshots names and unit prices, computes the total, decrements stock and starts PENDING', async () => {
      const lamp = await product({ name: 'Desk Lamp', price: 2500, stock: 10 });
      const bulb = await product({ name: 'Bulb', price: 350, stock: 20 });

      const order = await placeOk(alice, [
        { productId: lamp, quantity: 2 },
        { productId: bulb, quantity: 4 },
      ]);

      expect(order.status).toBe('PENDING');
      expect(order.user).toEqual({ id: aliceId, email: 'alice@example.com' });
      expect(order.total).toBe('64.00');
      const items = [...order.items].sort((a, b) => Number(a.product.id) - Number(b.product.id));
      expect(items.map(({ productName, quantity, unitPrice, lineTotal, product: p }) => ({
        productName,
        quantity,
        unitPrice,
        lineTotal,
        productId: p.id,
      }))).toEqual([
        { productName: 'Desk Lamp', quantity: 2, unitPrice: '25.00', lineTotal: '50.00', productId: lamp },
        { productName: 'Bulb', quantity: 4, unitPrice: '3.50', lineTotal: '14.00', productId: bulb },
      ]);
      expect(await stockOf(lamp)).toBe(8);
      expect(await stockOf(bulb)).toBe(16);

      const stored = await app.db('order_items').where({ order_id: Number(order.id) }).orderBy('product_id');
      expect(stored.map((row: { product_name: string; price: number }) => [row.product_name, Number(row.price)])).toEqual([
        ['Desk Lamp', 2500],
        ['Bulb', 350],
      ]);
    });

    it('merges two lines for the same product (2 and 3) into one item of 5', async () => {
      const mug = await product({ name: 'Mug', price: 800, stock: 10 });

      const order = await placeOk(alice, [
        { productId: mug, quantity: 2 },
        { productId: mug, quantity: 3 },
      ]);

      expect(order.items).toHaveLength(1);
      expect(order.items[0]).toMatchObject({ quantity: 5, unitPrice: '8.00', lineTotal: '40.00' });
      expect(order.total).toBe('40.00');
      expect(await stockOf(mug)).toBe(5);
      expect(await count('order_items')).toBe(1);
    });

    it('adds prices exactly: 19.99 × 3 + 0.10 × 7 = 60.67 in GraphQL, REST and the database', async () => {
      const a = await product({ name: 'Nineteen ninety-nine', price: 1999 });
      const b = await product({ name: 'Ten cents', price: 10 });

      const order = await placeOk(alice, [
        { productId: a, quantity: 3 },
        { productId: b, quantity: 7 },
      ]);

      expect(order.total).toBe('60.67');
      expect(order.items.map((item) => item.lineTotal).sort()).toEqual(['0.70', '59.97']);
      const rest = (await app.api().get(`/api/orders/${order.id}`).set(bearer(alice)).expect(200)).body as RestOrder;
      expect(rest.total_amount).toBe(60.67);
      expect(rest.items.map((item) => item.line_total).sort((x, y) => x - y)).toEqual([0.7, 59.97]);
      const row = (await app.db('orders').where({ id: Number(order.id) }).first('total_amount')) as { total_amount: unknown };
      expect(Number(row.total_amount)).toBe(6067);
    });

    it('takes stock for every line or for none: a short later line leaves the earlier line’s stock untouched', async () => {
      const plenty = await product({ name: 'Plenty', stock: 50 });
      const scarce = await product({ name: 'Scarce', stock: 2 });
      const before = await snapshot();

      const response = await place(alice, [
        { productId: plenty, quantity: 5 },
        { productId: scarce, quantity: 3 },
      ]);

      expect(codeOf(response)).toBe('INSUFFICIENT_STOCK');
      expect(shortage(response)).toEqual({ productId: scarce, available: 2 });
      expect(response.data?.placeOrder ?? null).toBeNull();
      expect(await snapshot()).toEqual(before);
    });

    it('reports the short product when it comes first, too', async () => {
      const scarce = await product({ name: 'Scarce', stock: 1 });
      const plenty = await product({ name: 'Plenty', stock: 50 });
      const before = await snapshot();

      const response = await place(alice, [
        { productId: plenty, quantity: 5 },
        { productId: scarce, quantity: 2 },
      ]);

      expect(codeOf(response)).toBe('INSUFFICIENT_STOCK');
      expect(shortage(response)).toEqual({ productId: scarce, available: 1 });
      expect(await snapshot()).toEqual(before);
    });

    it('checks merged quantities against stock: 2 + 3 of a product with 4 left is INSUFFICIENT_STOCK', async () => {
      const mug = await product({ name: 'Mug', stock: 4 });
      const before = await snapshot();

      const response = await place(alice, [
        { productId: mug, quantity: 2 },
        { productId: mug, quantity: 3 },
      ]);

      expect(codeOf(response)).toBe('INSUFFICIENT_STOCK');
      expect(shortage(response)).toEqual({ productId: mug, available: 4 });
      expect(await snapshot()).toEqual(before);
    });

    it('sells the last unit exactly: ordering all the stock leaves 0 and the next order is INSUFFICIENT_STOCK', async () => {
      const mug = await product({ stock: 3 });
      await placeOk(alice, [{ productId: mug, quantity: 3 }]);
      expect(await stockOf(mug)).toBe(0);

      const response = await place(bob, [{ productId: mug, quantity: 1 }]);
      expect(codeOf(response)).toBe('INSUFFICIENT_STOCK');
      expect(shortage(response)).toEqual({ productId: mug, available: 0 });
      expect(await count('orders')).toBe(1);
    });

    it('never oversells under concurrent orders: of 8 buyers of 3 units, exactly 3 succeed', async () => {
      const mug = await product({ stock: 3 });
      const responses = await Promise.all(Array.from({ length: 8 }, () => place(alice, [{ productId: mug, quantity: 1 }])));

      const codes = responses.map((response) => codeOf(response) ?? 'OK');
      expect(codes.filter((code) => code === 'OK')).toHaveLength(3);
      expect(codes.filter((code) => code === 'INSUFFICIENT_STOCK')).toHaveLength(5);
      expect(await stockOf(mug)).toBe(0);
      expect(await count('orders')).toBe(3);
    });

    it('refuses an unknown product with NOT_FOUND and changes nothing', async () => {
      const mug = await product({ stock: 10 });
      const before = await snapshot();

      const response = await place(alice, [
        { productId: mug, quantity: 1 },
        { productId: String(Number(mug) + 1000), quantity: 1 },
      ]);

      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an archived product with NOT_FOUND and changes nothing', async () => {
      const mug = await product({ stock: 10 });
      const old = await product({ name: 'Discontinued', stock: 10 });
      await app.db('products').where({ id: Number(old) }).update({ archived: true });
      const before = await snapshot();

      const response = await place(alice, [
        { productId: mug, quantity: 1 },
        { productId: old, quantity: 1 },
      ]);

      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('accepts 100 lines of distinct products, each taking its stock', async () => {
      const ids = await products(100, 5, 150);
      const order = await placeOk(
        alice,
        ids.map((productId) => ({ productId, quantity: 2 })),
      );

      expect(order.items).toHaveLength(100);
      expect(order.total).toBe('300.00');
      const stocks: { stock: number }[] = await app.db('products').whereIn('id', ids.map(Number)).select('stock');
      expect(new Set(stocks.map((row) => Number(row.stock)))).toEqual(new Set([3]));
    });

    it('accepts the largest quantity, 1000', async () => {
      const mug = await product({ stock: 1000, price: 1 });
      const order = await placeOk(alice, [{ productId: mug, quantity: 1000 }]);
      expect(order.items[0]?.quantity).toBe(1000);
      expect(order.total).toBe('10.00');
      expect(await stockOf(mug)).toBe(0);
    });

    it('accepts lines of one product that add up to 1000, and refuses them at 1001 (checked after merging)', async () => {
      const mug = await product({ stock: 5000, price: 1 });
      const order = await placeOk(alice, Array.from({ length: 4 }, () => ({ productId: mug, quantity: 250 })));
      expect(order.items).toHaveLength(1);
      expect(order.items[0]?.quantity).toBe(1000);
      await app.db('orders').update({ status: 'paid' }); // out of the unpaid-units bound's way
      const before = await snapshot();

      const response = await place(alice, [...Array.from({ length: 4 }, () => ({ productId: mug, quantity: 250 })), { productId: mug, quantity: 1 }]);

      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions.field).toBe('quantity');
      expect(await snapshot()).toEqual(before);
    });

    it('accepts an idempotency key of 255 characters', async () => {
      const mug = await product();
      await placeOk(alice, [{ productId: mug, quantity: 1 }], 'k'.repeat(255));
      expect(await count('orders')).toBe(1);
    });

    describe('refuses bad input with BAD_USER_INPUT naming the field, changing nothing', () => {
      it.each([
        ['quantity 0', 0],
        ['quantity -1', -1],
        ['quantity 1001', 1001],
        ['quantity 10^9', 1_000_000_000],
      ])('%s', async (_label, quantity) => {
        const mug = await product({ stock: 1_000_000_000 });
        const before = await snapshot();

        const response = await place(alice, [{ productId: mug, quantity }]);

        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.extensions.field).toBe('quantity');
        expect(response.data?.placeOrder ?? null).toBeNull();
        expect(await snapshot()).toEqual(before);
      });

      it('quantity 1.5 (refused by the Int type, naming quantity)', async () => {
        const mug = await product();
        const before = await snapshot();

        const response = await place(alice, [{ productId: mug, quantity: 1.5 }]);

        expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(codeOf(response));
        expect(response.errors?.[0]?.message).toMatch(/quantity/);
        expect(response.data?.placeOrder ?? null).toBeNull();
        expect(await snapshot()).toEqual(before);
      });

      it('an empty items list', async () => {
        await product();
        const before = await snapshot();

        const response = await place(alice, []);

        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.extensions.field).toBe('items');
        expect(await snapshot()).toEqual(before);
      });

      it('101 lines', async () => {
        const ids = await products(101);
        const before = await snapshot();

        const response = await place(
          alice,
          ids.map((productId) => ({ productId, quantity: 1 })),
        );

        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.extensions.field).toBe('items');
        expect(await snapshot()).toEqual(before);
      });

      it("productId 'abc'", async () => {
        const mug = await product();
        const before = await snapshot();

        const response = await place(alice, [
          { productId: mug, quantity: 1 },
          { productId: 'abc', quantity: 1 },
        ]);

        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.extensions.field).toBe('productId');
        expect(await snapshot()).toEqual(before);
      });

      it.each([
        ['an empty idempotency key', ''],
        ['an idempotency key of 256 characters', 'k'.repeat(256)],
      ])('%s', async (_label, key) => {
        const mug = await product();
        const before = await snapshot();

        const response = await place(alice, [{ productId: mug, quantity: 1 }], key);

        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.extensions.field).toBe('idempotencyKey');
        expect(await snapshot()).toEqual(before);
      });
    });
  });

  // ---------------------------------------------------------------- idempotency

  describe('idempotency', () => {
    it('a retry with the same key returns the original order and changes nothing', async () => {
      const mug = await product({ stock: 10 });
      const first = await placeOk(alice, [{ productId: mug, quantity: 2 }], 'checkout-1');
      const after = await snapshot();

      const retry = await placeOk(alice, [{ productId: mug, quantity: 2 }], 'checkout-1');

      expect(retry).toEqual(first);
      expect(await snapshot()).toEqual(after);
      expect(await stockOf(mug)).toBe(8);
      expect(await count('orders')).toBe(1);
    });

    it('the same key with different items is CONFLICT and changes nothing', async () => {
      const mug = await product({ stock: 10 });
      await placeOk(alice, [{ productId: mug, quantity: 2 }], 'checkout-1');
      const after = await snapshot();

      const response = await place(alice, [{ productId: mug, quantity: 3 }], 'checkout-1');

      expect(codeOf(response)).toBe('CONFLICT');
      expect(await snapshot()).toEqual(after);
    });

    it('keys are per user: another user with the same key gets an order of their own', async () => {
      const mug = await product({ stock: 10 });
      const alices = await placeOk(alice, [{ productId: mug, quantity: 2 }], 'checkout-1');

      const bobs = await placeOk(bob, [{ productId: mug, quantity: 2 }], 'checkout-1');

      expect(bobs.id).not.toBe(alices.id);
      expect(bobs.user.id).toBe(bobId);
      expect(await stockOf(mug)).toBe(6);
      expect(await count('orders')).toBe(2);
    });

    it('concurrent requests with one key place one order and all answer with it', async () => {
      const mug = await product({ stock: 10 });
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => place(alice, [{ productId: mug, quantity: 1 }], 'double-click')),
      );

      for (const response of responses) expect(response.errors).toBeUndefined();
      expect(new Set(responses.map((response) => response.data?.placeOrder.id)).size).toBe(1);
      expect(await count('orders')).toBe(1);
      expect(await stockOf(mug)).toBe(9);
    });

    it('over REST, a retry answers 201 with Idempotent-Replayed: true and the same order, changing nothing', async () => {
      const mug = await product({ stock: 10 });
      const body = { items: [{ product_id: Number(mug), quantity: 2 }] };

      const first = await app
        .api()
        .post('/api/orders')
        .set(bearer(alice))
        .set('Idempotency-Key', 'rest-1')
        .send(body)
        .expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const after = await snapshot();

      const retry = await app
        .api()
        .post('/api/orders')
        .set(bearer(alice))
        .set('Idempotency-Key', 'rest-1')
        .send(body)
        .expect(201);

      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await snapshot()).toEqual(after);
      expect(await stockOf(mug)).toBe(8);
    });

    it('over REST, the same key with another body is 409 CONFLICT and changes nothing', async () => {
      const mug = await product({ stock: 10 });
      await app
        .api()
        .post('/api/orders')
        .set(bearer(alice))
        .set('Idempotency-Key', 'rest-1')
        .send({ items: [{ product_id: Number(mug), quantity: 2 }] })
        .expect(201);
      const after = await snapshot();

      const response = await app
        .api()
        .post('/api/orders')
        .set(bearer(alice))
        .set('Idempotency-Key', 'rest-1')
        .send({ items: [{ product_id: Number(mug), quantity: 1 }] })
        .expect(409);

      expect(response.body).toMatchObject({ code: 'CONFLICT' });
      expect(await snapshot()).toEqual(after);
    });

    it('over REST, another user with the same key gets their own order', async () => {
      const mug = await product({ stock: 10 });
      const body = { items: [{ product_id: Number(mug), quantity: 1 }] };
      const alices = await app.api().post('/api/orders').set(bearer(alice)).set('Idempotency-Key', 'k').send(body).expect(201);
      const bobs = await app.api().post('/api/orders').set(bearer(bob)).set('Idempotency-Key', 'k').send(body).expect(201);

      expect(bobs.headers['idempotent-replayed']).toBeUndefined();
      expect((bobs.body as RestOrder).id).not.toBe((alices.body as RestOrder).id);
      expect((bobs.body as RestOrder).user_id).toBe(Number(bobId));
      expect(await stockOf(mug)).toBe(8);
    });
  });

  // ---------------------------------------------------------------- status machine

  describe('status machine', () => {
    it('an admin moves an order PENDING → PAID → SHIPPED → DELIVERED with updateOrderStatus', async () => {
      const { order, products: ids } = await orderIn('PENDING');
      for (const status of ['PAID', 'SHIPPED', 'DELIVERED'] as const) {
        const response = await updateStatus(admin, order.id, status);
        expect(response.errors).toBeUndefined();
        expect(response.data?.updateOrderStatus.status).toBe(status);
        expect(await statusInDb(order.id)).toBe(status.toLowerCase());
      }
      // Moving forward never touches stock.
      expect(await stockOf(ids[0]!)).toBe(8);
      expect(await stockOf(ids[1]!)).toBe(7);
    });

    it('an admin moves an order pending → paid → shipped → delivered with REST PATCH', async () => {
      const { order } = await orderIn('PENDING');
      for (const status of ['paid', 'shipped', 'delivered']) {
        const response = await app
          .api()
          .patch(`/api/orders/${order.id}`)
          .set(bearer(admin))
          .send({ status })
          .expect(200);
        expect((response.body as RestOrder).status).toBe(status);
        expect(await statusInDb(order.id)).toBe(status);
      }
    });

    it('the owner cancels a PENDING order: every item is restocked once, and cancelling again changes nothing', async () => {
      const { order, products: ids } = await orderIn('PENDING');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([8, 7]);

      const response = await cancel(alice, order.id);
      expect(response.errors).toBeUndefined();
      expect(response.data?.cancelOrder.status).toBe('CANCELLED');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);

      const before = await snapshot();
      const again = await cancel(alice, order.id);
      expect(codeOf(again)).toBe('INVALID_TRANSITION');
      expect(await snapshot()).toEqual(before);
    });

    it('an admin cancels a PAID order with cancelOrder and it is restocked', async () => {
      const { order, products: ids } = await orderIn('PAID');

      const response = await cancel(admin, order.id);

      expect(response.errors).toBeUndefined();
      expect(response.data?.cancelOrder.status).toBe('CANCELLED');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);
    });

    it.each(['PENDING', 'PAID'] as const)(
      'updateOrderStatus(CANCELLED) by an admin on a %s order restocks like cancelOrder',
      async (status) => {
        const { order, products: ids } = await orderIn(status);

        const response = await updateStatus(admin, order.id, 'CANCELLED');

        expect(response.errors).toBeUndefined();
        expect(response.data?.updateOrderStatus.status).toBe('CANCELLED');
        expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);
        const before = await snapshot();
        expect(codeOf(await updateStatus(admin, order.id, 'CANCELLED'))).toBe('INVALID_TRANSITION');
        expect(await snapshot()).toEqual(before);
      },
    );

    it('concurrent cancels of one order: exactly one succeeds and the items are restocked once', async () => {
      const { order, products: ids } = await orderIn('PENDING');

      const responses = await Promise.all([
        cancel(alice, order.id),
        cancel(admin, order.id),
        cancel(alice, order.id),
        updateStatus(admin, order.id, 'CANCELLED'),
        cancel(admin, order.id),
      ]);

      const codes = responses.map((response) => codeOf(response) ?? 'OK');
      expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
      expect(codes.filter((code) => code === 'INVALID_TRANSITION')).toHaveLength(4);
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);
    });

    type Move = Status | 'cancelOrder';
    it.each<[string, Status, 'admin' | 'owner', Move]>([
      ['PENDING → SHIPPED (skipping PAID)', 'PENDING', 'admin', 'SHIPPED'],
      ['PENDING → DELIVERED', 'PENDING', 'admin', 'DELIVERED'],
      ['PENDING → PENDING', 'PENDING', 'admin', 'PENDING'],
      ['PAID → PENDING (backwards)', 'PAID', 'admin', 'PENDING'],
      ['PAID → DELIVERED (skipping SHIPPED)', 'PAID', 'admin', 'DELIVERED'],
      ['SHIPPED → PAID (backwards)', 'SHIPPED', 'admin', 'PAID'],
      ['SHIPPED → CANCELLED', 'SHIPPED', 'admin', 'CANCELLED'],
      ['cancelOrder of a SHIPPED order by an admin', 'SHIPPED', 'admin', 'cancelOrder'],
      ['DELIVERED → SHIPPED', 'DELIVERED', 'admin', 'SHIPPED'],
      ['DELIVERED → PENDING', 'DELIVERED', 'admin', 'PENDING'],
      ['DELIVERED → CANCELLED', 'DELIVERED', 'admin', 'CANCELLED'],
      ['cancelOrder of a DELIVERED order by an admin', 'DELIVERED', 'admin', 'cancelOrder'],
      ['CANCELLED → PENDING', 'CANCELLED', 'admin', 'PENDING'],
      ['CANCELLED → PAID', 'CANCELLED', 'admin', 'PAID'],
      ['CANCELLED → CANCELLED', 'CANCELLED', 'admin', 'CANCELLED'],
      ['cancelOrder of a CANCELLED order by an admin', 'CANCELLED', 'admin', 'cancelOrder'],
      ['cancelOrder of a CANCELLED order by its owner', 'CANCELLED', 'owner', 'cancelOrder'],
      ['cancelOrder of a PAID order by its owner', 'PAID', 'owner', 'cancelOrder'],
      ['cancelOrder of a SHIPPED order by its owner', 'SHIPPED', 'owner', 'cancelOrder'],
    ])('%s is INVALID_TRANSITION and changes nothing', async (_label, from, actor, move) => {
      const { order } = await orderIn(from);
      const token = actor === 'admin' ? admin : alice;
      const before = await snapshot();

      const response = move === 'cancelOrder' ? await cancel(token, order.id) : await updateStatus(token, order.id, move);

      expect(codeOf(response)).toBe('INVALID_TRANSITION');
      expect(await snapshot()).toEqual(before);
      expect(await statusInDb(order.id)).toBe(from.toLowerCase());
    });

    it('over REST, an invalid move is 409 INVALID_TRANSITION and changes nothing', async () => {
      const { order } = await orderIn('PENDING');
      const before = await snapshot();

      const skip = await app.api().patch(`/api/orders/${order.id}`).set(bearer(admin)).send({ status: 'shipped' }).expect(409);
      expect(skip.body).toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(await snapshot()).toEqual(before);
    });

    it('over REST, the owner cannot cancel a paid order (409) and the admin can (200, restocked)', async () => {
      const { order, products: ids } = await orderIn('PAID');
      const before = await snapshot();

      const refused = await app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(alice)).expect(409);
      expect(refused.body).toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(await snapshot()).toEqual(before);

      const done = await app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(admin)).expect(200);
      expect((done.body as RestOrder).status).toBe('cancelled');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);
    });

    it('over REST, the owner cancels a pending order once (200, restocked), and a second cancel is 409', async () => {
      const { order, products: ids } = await orderIn('PENDING');

      const done = await app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(alice)).expect(200);
      expect((done.body as RestOrder).status).toBe('cancelled');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);

      const before = await snapshot();
      await app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(alice)).expect(409);
      expect(await snapshot()).toEqual(before);
    });

    it('over REST, PATCH {status: "cancelled"} by an admin restocks', async () => {
      const { order, products: ids } = await orderIn('PAID');
      const response = await app
        .api()
        .patch(`/api/orders/${order.id}`)
        .set(bearer(admin))
        .send({ status: 'cancelled' })
        .expect(200);
      expect((response.body as RestOrder).status).toBe('cancelled');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);
    });

    it("over REST, PATCH status 'unknown' is 422 naming status and changes nothing", async () => {
      const { order } = await orderIn('PENDING');
      const before = await snapshot();

      const response = await app
        .api()
        .patch(`/api/orders/${order.id}`)
        .set(bearer(admin))
        .send({ status: 'unknown' })
        .expect(422);

      expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
      expect(await snapshot()).toEqual(before);
    });

    it('a normal user, even the owner, cannot updateOrderStatus (FORBIDDEN; REST 403) and nothing changes', async () => {
      const { order } = await orderIn('PENDING');
      const before = await snapshot();

      expect(codeOf(await updateStatus(alice, order.id, 'PAID'))).toBe('FORBIDDEN');
      expect(codeOf(await updateStatus(bob, order.id, 'CANCELLED'))).toBe('FORBIDDEN');
      const rest = await app.api().patch(`/api/orders/${order.id}`).set(bearer(alice)).send({ status: 'paid' }).expect(403);
      expect(rest.body).toMatchObject({ code: 'FORBIDDEN' });
      expect(await snapshot()).toEqual(before);
    });
  });

  // ---------------------------------------------------------------- authorization

  describe('authorization', () => {
    it('an order is visible to its owner and to admins; anyone else gets NOT_FOUND', async () => {
      const { order } = await orderIn('PENDING');

      const own = await fetchOrder(alice, order.id);
      expect(own.errors).toBeUndefined();
      expect(own.data?.order?.id).toBe(order.id);

      const asAdmin = await fetchOrder(admin, order.id);
      expect(asAdmin.errors).toBeUndefined();
      expect(asAdmin.data?.order).toEqual(own.data?.order);

      const stranger = await fetchOrder(bob, order.id);
      expect(codeOf(stranger)).toBe('NOT_FOUND');
      expect(stranger.data?.order ?? null).toBeNull();

      // The same answer as for an order that does not exist: nothing tells that it does.
      const missing = await fetchOrder(bob, String(Number(order.id) + 1000));
      expect(codeOf(missing)).toBe('NOT_FOUND');
      expect(stranger.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    });

    it('over REST, GET /api/orders/:id is 200 for the owner and an admin, 404 for anyone else', async () => {
      const { order } = await orderIn('PENDING');

      await app.api().get(`/api/orders/${order.id}`).set(bearer(alice)).expect(200);
      await app.api().get(`/api/orders/${order.id}`).set(bearer(admin)).expect(200);
      const stranger = await app.api().get(`/api/orders/${order.id}`).set(bearer(bob)).expect(404);
      expect(stranger.body).toMatchObject({ code: 'NOT_FOUND' });
      await app.api().get(`/api/orders/${Number(order.id) + 1000}`).set(bearer(admin)).expect(404);
    });

    it('over REST, GET /api/orders/abc is 422 naming the id', async () => {
      const response = await app.api().get('/api/orders/abc').set(bearer(alice)).expect(422);
      expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    });

    it('someone else cannot cancel an order: NOT_FOUND (REST 404) and nothing changes', async () => {
      const { order } = await orderIn('PENDING');
      const before = await snapshot();

      expect(codeOf(await cancel(bob, order.id))).toBe('NOT_FOUND');
      const rest = await app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(bob)).expect(404);
      expect(rest.body).toMatchObject({ code: 'NOT_FOUND' });
      expect(await snapshot()).toEqual(before);
    });

    it('anonymous callers get UNAUTHENTICATED for every order operation, and nothing changes', async () => {
      const { order } = await orderIn('PENDING');
      const mug = await product();
      const before = await snapshot();

      expect(codeOf(await fetchOrder(undefined, order.id))).toBe('UNAUTHENTICATED');
      expect(codeOf(await app.gql(MY_ORDERS, {}))).toBe('UNAUTHENTICATED');
      expect(codeOf(await app.gql(ALL_ORDERS, {}))).toBe('UNAUTHENTICATED');
      expect(codeOf(await place(undefined, [{ productId: mug, quantity: 1 }]))).toBe('UNAUTHENTICATED');
      expect(codeOf(await cancel(undefined, order.id))).toBe('UNAUTHENTICATED');
      expect(codeOf(await updateStatus(undefined, order.id, 'PAID'))).toBe('UNAUTHENTICATED');
      expect(await snapshot()).toEqual(before);
    });

    it('anonymous REST callers get 401 for every order endpoint, and nothing changes', async () => {
      const { order } = await orderIn('PENDING');
      const mug = await product();
      const before = await snapshot();

      const responses = [
        await app.api().get('/api/orders').expect(401),
        await app.api().get(`/api/orders/${order.id}`).expect(401),
        await app.api().post('/api/orders').send({ items: [{ product_id: Number(mug), quantity: 1 }] }).expect(401),
        await app.api().patch(`/api/orders/${order.id}`).send({ status: 'paid' }).expect(401),
        await app.api().post(`/api/orders/${order.id}/cancel`).expect(401),
      ];
      for (const response of responses) expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await snapshot()).toEqual(before);
    });

    it('orders (all orders) is admin only: FORBIDDEN for a normal user', async () => {
      await orderIn('PENDING');
      const response = await app.gql<{ orders: OrderConnection }>(ALL_ORDERS, {}, alice);
      expect(codeOf(response)).toBe('FORBIDDEN');
      expect(response.data?.orders ?? null).toBeNull();
    });

    it('myOrders shows only mine; orders shows everyone’s to an admin, filtered by userId and status', async () => {
      const mug = await product({ stock: 100 });
      const line = [{ productId: mug, quantity: 1 }];
      const a1 = await placeOk(alice, line);
      const a2 = await placeOk(alice, line);
      const b1 = await placeOk(bob, line);
      const a3 = await placeOk(alice, line);
      expect((await cancel(alice, a2.id)).errors).toBeUndefined();
      expect((await updateStatus(admin, b1.id, 'PAID')).errors).toBeUndefined();

      const mine = await app.gql<{ myOrders: OrderConnection }>(MY_ORDERS, {}, alice);
      expect(mine.errors).toBeUndefined();
      expect(mine.data?.myOrders.nodes.map((node) => node.id)).toEqual([a3.id, a2.id, a1.id]);
      expect(mine.data?.myOrders.totalCount).toBe(3);

      const bobs = await app.gql<{ myOrders: OrderConnection }>(MY_ORDERS, {}, bob);
      expect(bobs.data?.myOrders.nodes.map((node) => node.id)).toEqual([b1.id]);

      const cancelled = await app.gql<{ myOrders: OrderConnection }>(MY_ORDERS, { status: 'CANCELLED' }, alice);
      expect(cancelled.data?.myOrders.nodes.map((node) => node.id)).toEqual([a2.id]);
      expect(cancelled.data?.myOrders.totalCount).toBe(1);
      const pending = await app.gql<{ myOrders: OrderConnection }>(MY_ORDERS, { status: 'PENDING' }, alice);
      expect(pending.data?.myOrders.nodes.map((node) => node.id)).toEqual([a3.id, a1.id]);

      const all = await app.gql<{ orders: OrderConnection }>(ALL_ORDERS, {}, admin);
      expect(all.errors).toBeUndefined();
      expect(all.data?.orders.nodes.map((node) => node.id)).toEqual([a3.id, b1.id, a2.id, a1.id]);
      expect(all.data?.orders.totalCount).toBe(4);

      const ofBob = await app.gql<{ orders: OrderConnection }>(ALL_ORDERS, { userId: bobId }, admin);
      expect(ofBob.data?.orders.nodes.map((node) => node.id)).toEqual([b1.id]);

      const paid = await app.gql<{ orders: OrderConnection }>(ALL_ORDERS, { status: 'PAID' }, admin);
      expect(paid.data?.orders.nodes.map((node) => node.id)).toEqual([b1.id]);
      expect(paid.data?.orders.totalCount).toBe(1);

      const alicePending = await app.gql<{ orders: OrderConnection }>(
        ALL_ORDERS,
        { userId: aliceId, status: 'PENDING' },
        admin,
      );
      expect(alicePending.data?.orders.nodes.map((node) => node.id)).toEqual([a3.id, a1.id]);
    });

    it('User.orders works through me { orders } for the user and through user(id) for an admin', async () => {
      const mug = await product({ stock: 100 });
      const a1 = await placeOk(alice, [{ productId: mug, quantity: 1 }]);
      const a2 = await placeOk(alice, [{ productId: mug, quantity: 1 }]);
      await placeOk(bob, [{ productId: mug, quantity: 1 }]);

      const me = await app.gql<{ me: { id: string; orders: OrderConnection } }>(ME_ORDERS, {}, alice);
      expect(me.errors).toBeUndefined();
      expect(me.data?.me.orders.nodes.map((node) => node.id)).toEqual([a2.id, a1.id]);
      expect(me.data?.me.orders.totalCount).toBe(2);

      const viaAdmin = await app.gql<{ user: { id: string; orders: OrderConnection } }>(USER_ORDERS, { id: aliceId }, admin);
      expect(viaAdmin.errors).toBeUndefined();
      expect(viaAdmin.data?.user.orders.nodes.map((node) => node.id)).toEqual([a2.id, a1.id]);
    });

    it('pages through 7 orders with first/after, seeing each once, newest first', async () => {
      const mug = await product({ stock: 100 });
      const placed: string[] = [];
      for (let i = 0; i < 7; i++) placed.push((await placeOk(alice, [{ productId: mug, quantity: 1 }])).id);
      const newestFirst = [...placed].reverse();

      for (const [query, token, key] of [
        [MY_ORDERS, alice, 'myOrders'],
        [ALL_ORDERS, admin, 'orders'],
      ] as const) {
        const seen: string[] = [];
        const pageSizes: number[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 10; pages++) {
          const response: GraphQLResponse<Record<string, OrderConnection>> = await app.gql<Record<string, OrderConnection>>(
            query,
            { first: 3, after },
            token,
          );
          expect(response.errors).toBeUndefined();
          const page = response.data![key]!;
          expect(page.totalCount).toBe(7);
          seen.push(...page.nodes.map((node) => node.id));
          expect(page.edges.map((edge) => edge.node.id)).toEqual(page.nodes.map((node) => node.id));
          pageSizes.push(page.nodes.length);
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(pageSizes).toEqual([3, 3, 1]);
        expect(seen).toEqual(newestFirst);
      }
    });
  });

  // ---------------------------------------------------------------- deleting products

  describe('deleting products', () => {
    it('archives a product that orders reference: gone from the catalog, kept in every order', async () => {
      const keep = await product({ name: 'Teapot', category: 'Kitchen' });
      const gone = await product({ name: 'Gramophone', category: 'Vintage', price: 12000 });
      const aliceOrder = await placeOk(alice, [
        { productId: gone, quantity: 1 },
        { productId: keep, quantity: 1 },
      ]);
      const bobOrder = await placeOk(bob, [{ productId: gone, quantity: 2 }]);

      const deleted = await app.gql<{ deleteProduct: boolean }>(DELETE_PRODUCT, { id: gone }, admin);
      expect(deleted.errors).toBeUndefined();
      expect(deleted.data?.deleteProduct).toBe(true);

      // Kept, archived.
      const row = (await app.db('products').where({ id: Number(gone) }).first()) as { archived: unknown } | undefined;
      expect(row).toBeDefined();
      expect(Boolean(row?.archived)).toBe(true);

      // Gone from the catalog.
      const list = await app.gql<{ products: { nodes: { id: string }[]; totalCount: number } }>(PRODUCTS, {});
      expect(list.data?.products.nodes.map((node) => node.id)).toEqual([keep]);
      expect(list.data?.products.totalCount).toBe(1);
      const search = await app.gql<{ products: { nodes: { id: string }[]; totalCount: number } }>(PRODUCTS, {
        search: 'Gramophone',
      });
      expect(search.data?.products.nodes).toEqual([]);
      expect(search.data?.products.totalCount).toBe(0);
      const categories = await app.gql<{ categories: string[] }>(CATEGORIES);
      expect(categories.data?.categories).toEqual(['Kitchen']);
      const rest = await app.api().get('/api/products?limit=100').expect(200);
      expect((rest.body as { products: { id: number }[] }).products.map((p) => String(p.id))).toEqual([keep]);
      expect((rest.body as { pagination: { total: number } }).pagination.total).toBe(1);
      const single = await app.gql<{ product: unknown }>(PRODUCT, { id: gone });
      expect(single.errors).toBeUndefined();
      expect(single.data?.product).toBeNull();
      await app.api().get(`/api/products/${gone}`).expect(404);

      // Cannot be ordered, updated or deleted again.
      const before = await snapshot();
      expect(codeOf(await place(alice, [{ productId: gone, quantity: 1 }]))).toBe('NOT_FOUND');
      expect(codeOf(await app.gql(UPDATE_PRODUCT, { id: gone, input: { name: 'Back' } }, admin))).toBe('NOT_FOUND');
      expect(codeOf(await app.gql(DELETE_PRODUCT, { id: gone }, admin))).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);

      // Every order holding it still shows it, archived.
      for (const [token, order] of [
        [alice, aliceOrder],
        [bob, bobOrder],
        [admin, aliceOrder],
        [admin, bobOrder],
      ] as const) {
        const response = await fetchOrder(token, order.id);
        expect(response.errors).toBeUndefined();
        const item = response.data?.order?.items.find((candidate) => candidate.product.id === gone);
        expect(item).toMatchObject({
          productName: 'Gramophone',
          unitPrice: '120.00',
          product: { id: gone, name: 'Gramophone', archived: true },
        });
      }
      const keptItem = (await fetchOrder(alice, aliceOrder.id)).data?.order?.items.find((i) => i.product.id === keep);
      expect(keptItem?.product.archived).toBe(false);

      const mine = await app.gql<{ myOrders: { nodes: OrderNode[] } }>(
        `query { myOrders { nodes { ${ORDER_FIELDS} } } }`,
        {},
        bob,
      );
      expect(mine.errors).toBeUndefined();
      expect(mine.data?.myOrders.nodes[0]?.items[0]?.product).toMatchObject({ name: 'Gramophone', archived: true });
      const all = await app.gql<{ orders: { nodes: OrderNode[] } }>(`query { orders { nodes { ${ORDER_FIELDS} } } }`, {}, admin);
      expect(all.errors).toBeUndefined();
      expect(all.data?.orders.nodes).toHaveLength(2);

      const restOrder = await app.api().get(`/api/orders/${bobOrder.id}`).set(bearer(bob)).expect(200);
      expect((restOrder.body as RestOrder).items[0]).toMatchObject({ product_id: Number(gone), product_name: 'Gramophone' });
    });

    it('REST DELETE of a product that orders reference archives it (204) and the order keeps it', async () => {
      const gone = await product({ name: 'Gramophone' });
      const order = await placeOk(alice, [{ productId: gone, quantity: 1 }]);

      await app.api().delete(`/api/products/${gone}`).set(bearer(admin)).expect(204);

      expect(await count('products')).toBe(1);
      await app.api().get(`/api/products/${gone}`).expect(404);
      await app.api().delete(`/api/products/${gone}`).set(bearer(admin)).expect(404);
      const response = await fetchOrder(alice, order.id);
      expect(response.data?.order?.items[0]?.product).toMatchObject({ name: 'Gramophone', archived: true });
    });

    it('deletes a product that was never ordered: the row is gone', async () => {
      const ordered = await product({ name: 'Ordered' });
      const never = await product({ name: 'Never ordered' });
      await placeOk(alice, [{ productId: ordered, quantity: 1 }]);

      const deleted = await app.gql<{ deleteProduct: boolean }>(DELETE_PRODUCT, { id: never }, admin);

      expect(deleted.errors).toBeUndefined();
      expect(deleted.data?.deleteProduct).toBe(true);
      expect(await app.db('products').where({ id: Number(never) }).first()).toBeUndefined();
      expect(codeOf(await app.gql(DELETE_PRODUCT, { id: never }, admin))).toBe('NOT_FOUND');
    });

    it('orders keep the name and unit price they were placed with after updateProduct; product shows the new ones', async () => {
      const lamp = await product({ name: 'Desk Lamp', price: 1999, stock: 10 });
      const order = await placeOk(alice, [{ productId: lamp, quantity: 2 }]);

      const updated = await app.gql(UPDATE_PRODUCT, { id: lamp, input: { name: 'Floor Lamp', price: '49.50' } }, admin);
      expect(updated.errors).toBeUndefined();

      const response = await fetchOrder(alice, order.id);
      expect(response.errors).toBeUndefined();
      expect(response.data?.order?.total).toBe('39.98');
      expect(response.data?.order?.items[0]).toMatchObject({
        productName: 'Desk Lamp',
        unitPrice: '19.99',
        lineTotal: '39.98',
        product: { id: lamp, name: 'Floor Lamp', price: '49.50', archived: false },
      });
      const rest = (await app.api().get(`/api/orders/${order.id}`).set(bearer(alice)).expect(200)).body as RestOrder;
      expect(rest.total_amount).toBe(39.98);
      expect(rest.items[0]).toMatchObject({ product_name: 'Desk Lamp', price: 19.99, line_total: 39.98 });

      // A new order takes the new price and name.
      const next = await placeOk(alice, [{ productId: lamp, quantity: 1 }]);
      expect(next.items[0]).toMatchObject({ productName: 'Floor Lamp', unitPrice: '49.50' });
    });
  });

  // ---------------------------------------------------------------- N+1

  describe('statement counts (no N+1)', () => {
    /** 50 orders of 2 or 3 items each, across 4 users and 6 products. */
    async function arrangeFiftyOrders(): Promise<void> {
      const carol = (await app.signUp('carol@example.com')).token;
      const dave = (await app.signUp('dave@example.com')).token;
      const buyers = [alice, bob, carol, dave];
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await product({ name: `Item ${i}`, price: 100 + i * 37, stock: 10_000 }));
      for (let i = 0; i < 50; i++) {
        const lines = i % 3 === 0 ? 3 : 2;
        await placeOk(
          buyers[i % buyers.length]!,
          Array.from({ length: lines }, (_, j) => ({ productId: ids[(i + j) % ids.length]!, quantity: 1 + ((i + j) % 4) })),
        );
      }
      expect(await count('orders')).toBe(50);
    }

    it('GraphQL orders(first: N) with users, items and products costs the same few statements for 5 and 24', async () => {
      await arrangeFiftyOrders();
      const query = `query ($first: Int) { orders(first: $first) { nodes {
        id total user { email } items { quantity unitPrice product { name } } } } }`;

      // 24 is the most such a page may ask for: each order is charged for 100 lines of items and products.
      const counts: number[] = [];
      for (const first of [5, 24]) {
        let response: GraphQLResponse<{ orders: { nodes: { user: { email: string }; items: unknown[] }[] } }> | undefined;
        counts.push(
          await countStatements(async () => {
            response = await app.gql(query, { first }, admin);
          }),
        );
        expect(response?.errors).toBeUndefined();
        const nodes = response!.data!.orders.nodes;
        expect(nodes).toHaveLength(first);
        for (const node of nodes) expect([2, 3]).toContain(node.items.length);
        if (first === 24) expect(new Set(nodes.map((node) => node.user.email)).size).toBe(4);
      }

      expect(counts[1]).toBe(counts[0]);
      expect(counts[1]).toBeLessThanOrEqual(6);
    });

    it('REST POST /api/orders answers the order as stored without reading it back (10 statements)', async () => {
      const id = await product({ name: 'Kettle', price: 2999, stock: 5 });
      let placed: RestOrder | undefined;
      const statements = await countStatements(async () => {
        placed = (await app.api().post('/api/orders').set(bearer(alice)).send({ items: [{ product_id: Number(id), quantity: 2 }] }).expect(201))
          .body as RestOrder;
      });
      // viewer, BEGIN, user lock, unpaid units, catalog read, order, stock, items, COMMIT, the items for the answer
      expect(statements).toBe(10);
      const stored = (await app.api().get(`/api/orders/${placed!.id}`).set(bearer(alice)).expect(200)).body as RestOrder;
      expect(placed).toEqual(stored);
      expect(placed).toMatchObject({ status: 'pending', total_amount: 59.98 });
    });

    it('REST GET /api/orders?limit=N as an admin costs the same few statements for 5 and 24', async () => {
      await arrangeFiftyOrders();

      const counts: number[] = [];
      for (const limit of [5, 50]) {
        let body: RestOrderList | undefined;
        counts.push(
          await countStatements(async () => {
            body = (await app.api().get(`/api/orders?limit=${limit}`).set(bearer(admin)).expect(200)).body as RestOrderList;
          }),
        );
        expect(body?.orders).toHaveLength(limit);
        for (const order of body!.orders) expect([2, 3]).toContain(order.items.length);
        expect(body?.pagination.total).toBe(50);
      }

      expect(counts[1]).toBe(counts[0]);
      expect(counts[1]).toBeLessThanOrEqual(6);
    });

    it('users { orders } costs the same few statements for 2 users and for 12, with each user’s own newest orders', async () => {
      const apple = await product({ name: 'Apple', price: 100, stock: 10_000 });
      const orderIdsByEmail = new Map<string, string[]>();
      for (let i = 0; i < 12; i++) {
        const email = `shopper${String(i).padStart(2, '0')}@example.com`;
        const { token } = await app.signUp(email);
        const ids: string[] = [];
        for (let n = 0; n < 1 + (i % 4); n++) ids.push((await placeOk(token, [{ productId: apple, quantity: 1 }])).id);
        if (i % 2 === 0) await app.gql('mutation ($id: ID!) { cancelOrder(id: $id) { id } }', { id: ids[0] }, token);
        orderIdsByEmail.set(email, ids);
      }
      const query = `query ($first: Int) { users(first: $first, search: "shopper") { nodes {
        email orders(first: 2) { totalCount nodes { id items { quantity } } }
        pending: orders(first: 5, status: PENDING) { totalCount } } } }`;
      type Shopper = {
        email: string;
        orders: { totalCount: number; nodes: { id: string; items: unknown[] }[] };
        pending: { totalCount: number };
      };

      const counts: number[] = [];
      for (const first of [2, 12]) {
        let response: GraphQLResponse<{ users: { nodes: Shopper[] } }> | undefined;
        counts.push(
          await countStatements(async () => {
            response = await app.gql(query, { first }, admin);
          }),
        );
        expect(response?.errors).toBeUndefined();
        const shoppers = response!.data!.users.nodes;
        expect(shoppers).toHaveLength(first);
        shoppers.forEach((shopper, i) => {
          const ids = orderIdsByEmail.get(shopper.email)!;
          expect(shopper.orders.totalCount).toBe(ids.length);
          expect(shopper.orders.nodes.map((order) => order.id)).toEqual([...ids].reverse().slice(0, 2));
          expect(shopper.pending.totalCount).toBe(i % 2 === 0 ? ids.length - 1 : ids.length);
        });
      }

      expect(counts[1]).toBe(counts[0]);
      expect(counts[1]).toBeLessThanOrEqual(8);
    });
  });

  // ---------------------------------------------------------------- REST

  describe('REST orders', () => {
    it('POST /api/orders answers 201 with the order in the legacy shape', async () => {
      const lamp = await product({ name: 'Desk Lamp', price: 1999, stock: 10 });
      const bulb = await product({ name: 'Bulb', price: 250, stock: 10 });

      const response = await app
        .api()
        .post('/api/orders')
        .set(bearer(alice))
        .send({
          items: [
            { product_id: Number(lamp), quantity: 2 },
            { product_id: Number(bulb), quantity: 1 },
            { product_id: Number(lamp), quantity: 1 },
          ],
        })
        .expect(201)
        .expect('content-type', /json/);

      const order = response.body as RestOrder;
      expect(Object.keys(order).sort()).toEqual(
        ['created_at', 'id', 'items', 'status', 'total_amount', 'updated_at', 'user_id'].sort(),
      );
      expect(order).toMatchObject({ user_id: Number(aliceId), status: 'pending', total_amount: 62.47 });
      expect(typeof order.id).toBe('number');
      expect(order.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const items = [...order.items].sort((a, b) => a.product_id - b.product_id);
      expect(items.map(({ id: _id, ...rest }) => rest)).toEqual([
        { product_id: Number(lamp), product_name: 'Desk Lamp', quantity: 3, price: 19.99, line_total: 59.97 },
        { product_id: Number(bulb), product_name: 'Bulb', quantity: 1, price: 2.5, line_total: 2.5 },
      ]);
      for (const item of order.items) expect(Object.keys(item).sort()).toEqual(
        ['id', 'line_total', 'price', 'product_id', 'product_name', 'quantity'],
      );
      expect(response.headers.location).toBe(`/api/orders/${order.id}`);
      expect(await stockOf(lamp)).toBe(7);
      expect(await stockOf(bulb)).toBe(9);
    });

    it('GraphQL and REST agree on every field of the same order', async () => {
      const a = await product({ name: 'Alpha', price: 1999, stock: 10 });
      const b = await product({ name: 'Beta', price: 10, stock: 10 });
      const placed = await app
        .api()
        .post('/api/orders')
        .set(bearer(alice))
        .send({ items: [{ product_id: Number(a), quantity: 3 }, { product_id: Number(b), quantity: 7 }] })
        .expect(201);
      const id = String((placed.body as RestOrder).id);
      expect((await updateStatus(admin, id, 'PAID')).errors).toBeUndefined();

      const rest = (await app.api().get(`/api/orders/${id}`).set(bearer(alice)).expect(200)).body as RestOrder;
      const gql = (await fetchOrder(alice, id)).data!.order!;

      expect(String(rest.id)).toBe(gql.id);
      expect(String(rest.user_id)).toBe(gql.user.id);
      expect(rest.status.toUpperCase()).toBe(gql.status);
      expect(rest.status).toBe('paid');
      expect(rest.total_amount).toBe(Number(gql.total));
      expect(rest.created_at).toBe(gql.createdAt);
      expect(rest.updated_at).toBe(gql.updatedAt);
      const restItems = rest.items.map((item) => ({
        id: String(item.id),
        productId: String(item.product_id),
        productName: item.product_name,
        quantity: item.quantity,
        unitPrice: item.price,
        lineTotal: item.line_total,
      }));
      const gqlItems = gql.items.map((item) => ({
        id: item.id,
        productId: item.product.id,
        productName: item.productName,
        quantity: item.quantity,
        unitPrice: Number(item.unitPrice),
        lineTotal: Number(item.lineTotal),
      }));
      expect(restItems).toEqual(gqlItems);
      expect(restItems).toHaveLength(2);

      // The PATCH response and the list entry agree too.
      const listed = (await app.api().get('/api/orders').set(bearer(alice)).expect(200)).body as RestOrderList;
      expect(listed.orders).toEqual([rest]);
    });

    it('GET /api/orders lists mine (all for an admin), newest first, with page/limit and pagination', async () => {
      const mug = await product({ stock: 100 });
      const line = { items: [{ product_id: Number(mug), quantity: 1 }] };
      const alices: number[] = [];
      for (let i = 0; i < 7; i++) {
        alices.push(((await app.api().post('/api/orders').set(bearer(alice)).send(line).expect(201)).body as RestOrder).id);
      }
      const bobs = ((await app.api().post('/api/orders').set(bearer(bob)).send(line).expect(201)).body as RestOrder).id;

      const pages: number[][] = [];
      for (const page of [1, 2, 3]) {
        const body = (await app.api().get(`/api/orders?page=${page}&limit=3`).set(bearer(alice)).expect(200))
          .body as RestOrderList;
        expect(body.pagination).toEqual({ page, limit: 3, total: 7, pages: 3 });
        for (const order of body.orders) expect(order.user_id).toBe(Number(aliceId));
        pages.push(body.orders.map((order) => order.id));
      }
      expect(pages.map((ids) => ids.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual([...alices].reverse());

      const bobsList = (await app.api().get('/api/orders').set(bearer(bob)).expect(200)).body as RestOrderList;
      expect(bobsList.orders.map((order) => order.id)).toEqual([bobs]);
      expect(bobsList.pagination).toEqual({ page: 1, limit: 10, total: 1, pages: 1 });

      const all = (await app.api().get('/api/orders?limit=100').set(bearer(admin)).expect(200)).body as RestOrderList;
      expect(all.orders.map((order) => order.id)).toEqual([bobs, ...[...alices].reverse()]);
      expect(all.pagination).toEqual({ page: 1, limit: 100, total: 8, pages: 1 });
    });

    it('answers short stock with 409 INSUFFICIENT_STOCK naming the product and what is available, changing nothing', async () => {
      const plenty = await product({ name: 'Plenty', stock: 50 });
      const scarce = await product({ name: 'Scarce', stock: 2 });
      const before = await snapshot();

      const response = await app
        .api()
        .post('/api/orders')
        .set(bearer(alice))
        .send({ items: [{ product_id: Number(plenty), quantity: 1 }, { product_id: Number(scarce), quantity: 5 }] })
        .expect(409);

      expect(response.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 2, product_id: Number(scarce) });
      expect(await snapshot()).toEqual(before);
    });

    it('answers an unknown or archived product with 404, changing nothing', async () => {
      const mug = await product();
      const old = await product({ name: 'Old' });
      await app.db('products').where({ id: Number(old) }).update({ archived: true });
      const before = await snapshot();

      for (const productId of [Number(mug) + 1000, Number(old)]) {
        const response = await app
          .api()
          .post('/api/orders')
          .set(bearer(alice))
          .send({ items: [{ product_id: Number(mug), quantity: 1 }, { product_id: productId, quantity: 1 }] })
          .expect(404);
        expect(response.body).toMatchObject({ code: 'NOT_FOUND' });
      }
      expect(await snapshot()).toEqual(before);
    });

    describe('POST /api/orders refuses bad input with 422 naming the field, changing nothing', () => {
      type Case = [string, (product: number) => unknown, string | RegExp, Record<string, string>?];
      it.each<Case>([
        ['items missing', () => ({}), 'items'],
        ['items not an array', (id) => ({ items: { product_id: id, quantity: 1 } }), 'items'],
        ['items empty', () => ({ items: [] }), 'items'],
        ['an item without product_id', () => ({ items: [{ quantity: 1 }] }), 'product_id'],
        ['quantity "2" (a string)', (id) => ({ items: [{ product_id: id, quantity: '2' }] }), 'quantity'],
        ['quantity missing', (id) => ({ items: [{ product_id: id }] }), 'quantity'],
        ['quantity 0', (id) => ({ items: [{ product_id: id, quantity: 0 }] }), 'quantity'],
        ['quantity -1', (id) => ({ items: [{ product_id: id, quantity: -1 }] }), 'quantity'],
        ['quantity 1.5', (id) => ({ items: [{ product_id: id, quantity: 1.5 }] }), 'quantity'],
        ['quantity 1001', (id) => ({ items: [{ product_id: id, quantity: 1001 }] }), 'quantity'],
        ['quantity 10^9', (id) => ({ items: [{ product_id: id, quantity: 1_000_000_000 }] }), 'quantity'],
        ["product_id 'abc'", () => ({ items: [{ product_id: 'abc', quantity: 1 }] }), 'product_id'],
        ['a body that is a JSON array, not an object', (id) => [{ product_id: id, quantity: 1 }], 'body'],
        ['an item that is not an object', () => ({ items: [5] }), 'items'],
        [
          'an empty Idempotency-Key',
          (id) => ({ items: [{ product_id: id, quantity: 1 }] }),
          /^idempotency.?key$/i,
          { 'Idempotency-Key': '' },
        ],
        [
          'an Idempotency-Key of 256 characters',
          (id) => ({ items: [{ product_id: id, quantity: 1 }] }),
          /^idempotency.?key$/i,
          { 'Idempotency-Key': 'k'.repeat(256) },
        ],
      ])('%s', async (_label, body, field, headers = {}) => {
        const mug = Number(await product({ stock: 1_000_000_000 }));
        const before = await snapshot();

        const response = await app
          .api()
          .post('/api/orders')
          .set(bearer(alice))
          .set(headers)
          .send(body(mug) as object)
          .expect(422);

        expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT' });
        const named = (response.body as { field?: string }).field;
        if (typeof field === 'string') expect(named).toBe(field);
        else expect(named).toMatch(field);
        expect(await snapshot()).toEqual(before);
      });

      it('101 lines', async () => {
        const ids = await products(101);
        const before = await snapshot();

        const response = await app
          .api()
          .post('/api/orders')
          .set(bearer(alice))
          .send({ items: ids.map((id) => ({ product_id: Number(id), quantity: 1 })) })
          .expect(422);

        expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
        expect(await snapshot()).toEqual(before);
      });
    });
  });
});
