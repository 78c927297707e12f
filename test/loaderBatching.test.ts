// DATALOADER_BATCHING=off exists so the benchmark can measure what batching saves (S3): with it
// off, a page of orders costs a query per order and per item; with it on, a few for any page
// (the items' products come with the items, src/loaders.ts).
import { dialects } from './support/databases';
import { graphql } from './support/gql';
import { startTestApp, type TestApp } from './support/testApp';

const ORDERS = graphql(`
  query LoaderOrders($first: Int) { orders(first: $first) { nodes { id items { quantity product { name } } } } }
`);
const PLACE_ORDER = graphql(`
  mutation LoaderPlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }
`);

describe.each(dialects)('DataLoader batching on %s', (dialect) => {
  const apps: Record<'on' | 'off', TestApp | undefined> = { on: undefined, off: undefined };

  beforeAll(async () => {
    apps.on = await startTestApp(dialect);
    apps.off = await startTestApp(dialect, { DATALOADER_BATCHING: 'off' });
  });

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app?.close()));
  });

  /** 4 orders of 2 lines each over 3 products; the statements of the admin's orders query. */
  async function statementsForFourOrders(app: TestApp): Promise<number> {
    await app.reset();
    const admin = (await app.signUp('admin@example.com', { role: 'admin' })).token;
    const buyer = (await app.signUp('buyer@example.com')).token;
    const now = new Date();
    const ids: number[] = [];
    for (const name of ['Lamp', 'Mug', 'Desk']) {
      const [id] = await app.db('products').insert({ name, description: '', price: 500, stock: 50, category: 'Misc', created_at: now, updated_at: now });
      ids.push(Number(id));
    }
    for (let i = 0; i < 4; i += 1) {
      const items = [ids[i % 3]!, ids[(i + 1) % 3]!].map((productId) => ({ productId: String(productId), quantity: 1 }));
      const placed = await app.gql(PLACE_ORDER, { input: { items } }, buyer);
      expect(placed.errors).toBeUndefined();
    }
    let statements = 0;
    const listener = () => (statements += 1);
    app.db.on('query', listener);
    try {
      const answer = await app.gql(ORDERS, { first: 4 }, admin);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.orders.nodes.map((node) => node.items.length)).toEqual([2, 2, 2, 2]);
    } finally {
      app.db.removeListener('query', listener);
    }
    return statements;
  }

  it('batched: viewer, orders, and all their items with their products (3 statements)', async () => {
    expect(await statementsForFourOrders(apps.on!)).toBe(3);
  });

  it('off: a statement per order for its items and per item for its product (14 statements)', async () => {
    // viewer + orders + 4 item lists + 8 products
    expect(await statementsForFourOrders(apps.off!)).toBe(14);
  });
});
