// Statement counts (no N+1): order lists cost the same few statements however long the page.
import { dialects } from '../support/databases';
import { graphql } from '../support/gql';
import type { StatementsOrdersQuery, StatementsShoppersQuery } from '../support/gql/graphql';
import { bearer } from '../support/graphql';
import { ordersSuite, type RestOrder, type RestOrderList } from '../support/ordersSuite';
import type { GraphQLResponse } from '../support/testApp';

const CANCEL_ORDER = graphql(`
  mutation StatementsCancelOrder($id: ID!) { cancelOrder(id: $id) { id } }
`);

describe.each(dialects)('orders on %s', (dialect) => {
  const shop = ordersSuite(dialect);
  const { product, count, placeOk } = shop;

  /** How many SQL statements `work` sends through the app's database handle. */
  async function countStatements(work: () => Promise<unknown>): Promise<number> {
    let statements = 0;
    const listener = () => {
      statements += 1;
    };
    shop.app.db.on('query', listener);
    try {
      await work();
    } finally {
      shop.app.db.removeListener('query', listener);
    }
    return statements;
  }

  describe('statement counts (no N+1)', () => {
    /** 50 orders of 2 or 3 items each, across 4 users and 6 products. */
    async function arrangeFiftyOrders(): Promise<void> {
      const carol = (await shop.app.signUp('carol@example.com')).token;
      const dave = (await shop.app.signUp('dave@example.com')).token;
      const buyers = [shop.alice, shop.bob, carol, dave];
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
      const query = graphql(`
        query StatementsOrders($first: Int) {
          orders(first: $first) { nodes { id total user { email } items { quantity unitPrice product { name } } } }
        }
      `);

      // 24 is the most such a page may ask for: each order is charged for 100 lines of items and products.
      const counts: number[] = [];
      for (const first of [5, 24]) {
        let response: GraphQLResponse<StatementsOrdersQuery> | undefined;
        counts.push(
          await countStatements(async () => {
            response = await shop.app.gql(query, { first }, shop.admin);
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
        placed = (await shop.app.api().post('/api/orders').set(bearer(shop.alice)).send({ items: [{ product_id: Number(id), quantity: 2 }] }).expect(201))
          .body as RestOrder;
      });
      // viewer, BEGIN, user lock, unpaid units, catalog read, order, stock, items, COMMIT, the items for the answer
      expect(statements).toBe(10);
      const stored = (await shop.app.api().get(`/api/orders/${placed!.id}`).set(bearer(shop.alice)).expect(200)).body as RestOrder;
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
            body = (await shop.app.api().get(`/api/orders?limit=${limit}`).set(bearer(shop.admin)).expect(200)).body as RestOrderList;
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
        const { token } = await shop.app.signUp(email);
        const ids: string[] = [];
        for (let n = 0; n < 1 + (i % 4); n++) ids.push((await placeOk(token, [{ productId: apple, quantity: 1 }])).id);
        if (i % 2 === 0) await shop.app.gql(CANCEL_ORDER, { id: ids[0]! }, token);
        orderIdsByEmail.set(email, ids);
      }
      const query = graphql(`
        query StatementsShoppers($first: Int) {
          users(first: $first, search: "shopper") {
            nodes {
              email
              orders(first: 2) { totalCount nodes { id items { quantity } } }
              pending: orders(first: 5, status: PENDING) { totalCount }
            }
          }
        }
      `);

      const counts: number[] = [];
      for (const first of [2, 12]) {
        let response: GraphQLResponse<StatementsShoppersQuery> | undefined;
        counts.push(
          await countStatements(async () => {
            response = await shop.app.gql(query, { first }, shop.admin);
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
});
