// The orders suites' shared set-up (test/orders/*.test.ts, test/rest/orders.test.ts): the GraphQL
// documents and answer shapes they share, and ordersSuite(), which starts the app and arranges data.
import { graphql } from './gql';
import type { OrderFieldsFragment, OrderStatus, PlaceOrderInput } from './gql/graphql';
import { codeOf } from './graphql';
import type { DialectName } from './databases';
import { startTestApp, type TestApp } from './testApp';

export type Status = OrderStatus;

/** An order as OrderFields reads it (every field, its user, its items and their products). */
export type OrderNode = OrderFieldsFragment;
export type OrderItemNode = OrderNode['items'][number];

/** An order line as placeOrder takes it. */
export interface Line {
  productId: string;
  quantity: number;
}

/** REST's legacy shapes (GET/POST /api/orders). */
export interface RestItem {
  id: number;
  product_id: number;
  product_name: string;
  quantity: number;
  price: number;
  line_total: number;
}

export interface RestOrder {
  id: number;
  user_id: number;
  status: string;
  total_amount: number;
  items: RestItem[];
  created_at: string;
  updated_at: string;
}

export interface RestOrderList {
  orders: RestOrder[];
  pagination: { page: number; limit: number; total: number; pages: number };
}

/** Every field of an order, its user, its items and their products. */
export const ORDER_FIELDS = graphql(`
  fragment OrderFields on Order {
    id status total createdAt updatedAt
    user { id email }
    items { id productName quantity unitPrice lineTotal product { id name price archived } }
  }
`);

export const PLACE = graphql(`
  mutation SuitePlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { ...OrderFields } }
`);
export const CANCEL = graphql(`
  mutation SuiteCancelOrder($id: ID!) { cancelOrder(id: $id) { ...OrderFields } }
`);
export const UPDATE_STATUS = graphql(`
  mutation SuiteUpdateOrderStatus($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { ...OrderFields } }
`);
export const ORDER = graphql(`
  query SuiteOrder($id: ID!) { order(id: $id) { ...OrderFields } }
`);

const FORWARD: Status[] = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED'];

/**
 * Call first inside `describe.each(dialects)`. Registers the hooks — one app per file and dialect;
 * before each test, empty tables and three users (an admin, alice, bob) — and returns the app,
 * those users and the helpers above. The app and users are set by the hooks: read them inside a
 * test (`shop.alice`), not when the describe block is defined; the helpers can be destructured.
 */
export function ordersSuite(dialect: DialectName) {
  let current: TestApp | undefined;
  const users = { admin: '', alice: '', aliceId: '', bob: '', bobId: '' };

  function app(): TestApp {
    if (current === undefined) throw new Error('ordersSuite: the app starts in beforeAll; use it inside a test or a hook');
    return current;
  }

  beforeAll(async () => {
    current = await startTestApp(dialect);
  });

  afterAll(async () => {
    await current?.close();
  });

  beforeEach(async () => {
    await app().reset();
    users.admin = (await app().signUp('admin@example.com', { role: 'admin' })).token;
    ({ token: users.alice, id: users.aliceId } = await app().signUp('alice@example.com'));
    ({ token: users.bob, id: users.bobId } = await app().signUp('bob@example.com'));
  });

  /** Inserts a catalog product (price in integer cents) and returns its id as GraphQL shows it. */
  async function product(
    fields: { name?: string; price?: number; stock?: number; category?: string; description?: string } = {},
  ): Promise<string> {
    const now = new Date();
    const [id] = await app().db('products').insert({
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
    await app().db('products').insert(
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
    const rows: { id: number }[] = await app().db('products').where({ category }).select('id').orderBy('id');
    return rows.map((row) => String(row.id));
  }

  async function stockOf(id: string): Promise<number> {
    const row = (await app().db('products').where({ id: Number(id) }).first('stock')) as { stock: number } | undefined;
    return Number(row?.stock);
  }

  /** The number of rows in `table`. */
  async function count(table: string): Promise<number> {
    const row = (await app().db(table).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** The order's status as stored (lower case). */
  async function statusInDb(orderId: string): Promise<string> {
    const row = (await app().db('orders').where({ id: Number(orderId) }).first('status')) as { status: string } | undefined;
    return String(row?.status);
  }

  /** Everything an order operation can change, to check that a refused one changed nothing. */
  async function snapshot() {
    const db = app().db;
    return {
      products: await db('products').select('id', 'name', 'price', 'stock', 'archived').orderBy('id'),
      orders: await db('orders').select('id', 'user_id', 'status', 'total_amount', 'updated_at').orderBy('id'),
      items: await db('order_items').select('id', 'order_id', 'product_id', 'quantity', 'price').orderBy('id'),
      keys: await db('idempotency_keys').select('user_id', 'idempotency_key', 'order_id').orderBy('id'),
    };
  }

  /** placeOrder; `items` may be deliberately malformed (the tests of invalid input send such lines). */
  function place(token: string | undefined, items: unknown[], idempotencyKey?: string) {
    return app().gql(PLACE, { input: { items: items as PlaceOrderInput['items'], ...(idempotencyKey !== undefined && { idempotencyKey }) } }, token);
  }

  /** placeOrder, expected to succeed; returns the order. */
  async function placeOk(token: string, items: Line[], idempotencyKey?: string): Promise<OrderNode> {
    const response = await place(token, items, idempotencyKey);
    expect(response.errors).toBeUndefined();
    return response.data!.placeOrder;
  }

  function updateStatus(token: string | undefined, id: string, status: Status) {
    return app().gql(UPDATE_STATUS, { id, status }, token);
  }

  function cancel(token: string | undefined, id: string) {
    return app().gql(CANCEL, { id }, token);
  }

  function fetchOrder(token: string | undefined, id: string) {
    return app().gql(ORDER, { id }, token);
  }

  /** An order of `owner`'s (alice by default; two products), moved by the admin to `status` through the API. */
  async function orderIn(status: Status, owner = users.alice): Promise<{ order: OrderNode; products: string[] }> {
    const ids = [await product({ name: 'Mug', stock: 10 }), await product({ name: 'Plate', stock: 10 })];
    const order = await placeOk(owner, [
      { productId: ids[0]!, quantity: 2 },
      { productId: ids[1]!, quantity: 3 },
    ]);
    if (status === 'CANCELLED') {
      expect(codeOf(await cancel(owner, order.id))).toBeUndefined();
    } else {
      for (const next of FORWARD.slice(1, FORWARD.indexOf(status) + 1)) {
        const moved = await updateStatus(users.admin, order.id, next);
        expect(moved.errors).toBeUndefined();
      }
    }
    expect(await statusInDb(order.id)).toBe(status.toLowerCase());
    return { order, products: ids };
  }

  return {
    /** The running app of this file and dialect (started in beforeAll). */
    get app() {
      return app();
    },
    /** The tokens and ids of the users signed up before each test. */
    get admin() {
      return users.admin;
    },
    get alice() {
      return users.alice;
    },
    get aliceId() {
      return users.aliceId;
    },
    get bob() {
      return users.bob;
    },
    get bobId() {
      return users.bobId;
    },
    product,
    products,
    stockOf,
    count,
    statusInDb,
    snapshot,
    place,
    placeOk,
    updateStatus,
    cancel,
    fetchOrder,
    orderIn,
  };
}
