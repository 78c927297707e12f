// Who sees and changes which orders: owners, admins, strangers and anonymous callers; the order lists and their paging.
import { dialects } from '../support/databases';
import { graphql } from '../support/gql';
import { bearer, codeOf } from '../support/graphql';
import { ordersSuite } from '../support/ordersSuite';

graphql(`
  fragment OrderConnectionFields on OrderConnection {
    edges { cursor node { id } } nodes { id status user { id } } pageInfo { hasNextPage endCursor } totalCount
  }
`);
const MY_ORDERS = graphql(`
  query Mine($first: Int, $after: String, $status: OrderStatus) {
    myOrders(first: $first, after: $after, status: $status) { ...OrderConnectionFields }
  }
`);
const ALL_ORDERS = graphql(`
  query All($first: Int, $after: String, $status: OrderStatus, $userId: ID) {
    orders(first: $first, after: $after, status: $status, userId: $userId) { ...OrderConnectionFields }
  }
`);
const ME_ORDERS = graphql(`
  query MeOrders { me { id orders(first: 100) { ...OrderConnectionFields } } }
`);
const USER_ORDERS = graphql(`
  query UserOrders($id: ID!) { user(id: $id) { id orders(first: 100) { ...OrderConnectionFields } } }
`);

describe.each(dialects)('orders on %s', (dialect) => {
  const shop = ordersSuite(dialect);
  const { product, snapshot, place, placeOk, updateStatus, cancel, fetchOrder, orderIn } = shop;

  describe('authorization', () => {
    it('an order is visible to its owner and to admins; anyone else gets NOT_FOUND', async () => {
      const { order } = await orderIn('PENDING');

      const own = await fetchOrder(shop.alice, order.id);
      expect(own.errors).toBeUndefined();
      expect(own.data?.order?.id).toBe(order.id);

      const asAdmin = await fetchOrder(shop.admin, order.id);
      expect(asAdmin.errors).toBeUndefined();
      expect(asAdmin.data?.order).toEqual(own.data?.order);

      const stranger = await fetchOrder(shop.bob, order.id);
      expect(codeOf(stranger)).toBe('NOT_FOUND');
      expect(stranger.data?.order ?? null).toBeNull();

      // The same answer as for an order that does not exist: nothing tells that it does.
      const missing = await fetchOrder(shop.bob, String(Number(order.id) + 1000));
      expect(codeOf(missing)).toBe('NOT_FOUND');
      expect(stranger.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    });

    it('over REST, GET /api/orders/:id is 200 for the owner and an admin, 404 for anyone else', async () => {
      const { order } = await orderIn('PENDING');

      await shop.app.api().get(`/api/orders/${order.id}`).set(bearer(shop.alice)).expect(200);
      await shop.app.api().get(`/api/orders/${order.id}`).set(bearer(shop.admin)).expect(200);
      const stranger = await shop.app.api().get(`/api/orders/${order.id}`).set(bearer(shop.bob)).expect(404);
      expect(stranger.body).toMatchObject({ code: 'NOT_FOUND' });
      await shop.app.api().get(`/api/orders/${Number(order.id) + 1000}`).set(bearer(shop.admin)).expect(404);
    });

    it('over REST, GET /api/orders/abc is 422 naming the id', async () => {
      const response = await shop.app.api().get('/api/orders/abc').set(bearer(shop.alice)).expect(422);
      expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    });

    it('someone else cannot cancel an order: NOT_FOUND (REST 404) and nothing changes', async () => {
      const { order } = await orderIn('PENDING');
      const before = await snapshot();

      expect(codeOf(await cancel(shop.bob, order.id))).toBe('NOT_FOUND');
      const rest = await shop.app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(shop.bob)).expect(404);
      expect(rest.body).toMatchObject({ code: 'NOT_FOUND' });
      expect(await snapshot()).toEqual(before);
    });

    it('anonymous callers get UNAUTHENTICATED for every order operation, and nothing changes', async () => {
      const { order } = await orderIn('PENDING');
      const mug = await product();
      const before = await snapshot();

      expect(codeOf(await fetchOrder(undefined, order.id))).toBe('UNAUTHENTICATED');
      expect(codeOf(await shop.app.gql(MY_ORDERS, {}))).toBe('UNAUTHENTICATED');
      expect(codeOf(await shop.app.gql(ALL_ORDERS, {}))).toBe('UNAUTHENTICATED');
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
        await shop.app.api().get('/api/orders').expect(401),
        await shop.app.api().get(`/api/orders/${order.id}`).expect(401),
        await shop.app.api().post('/api/orders').send({ items: [{ product_id: Number(mug), quantity: 1 }] }).expect(401),
        await shop.app.api().patch(`/api/orders/${order.id}`).send({ status: 'paid' }).expect(401),
        await shop.app.api().post(`/api/orders/${order.id}/cancel`).expect(401),
      ];
      for (const response of responses) expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await snapshot()).toEqual(before);
    });

    it('orders (all orders) is admin only: FORBIDDEN for a normal user', async () => {
      await orderIn('PENDING');
      const response = await shop.app.gql(ALL_ORDERS, {}, shop.alice);
      expect(codeOf(response)).toBe('FORBIDDEN');
      expect(response.data?.orders ?? null).toBeNull();
    });

    it('myOrders shows only mine; orders shows everyone’s to an admin, filtered by userId and status', async () => {
      const mug = await product({ stock: 100 });
      const line = [{ productId: mug, quantity: 1 }];
      const a1 = await placeOk(shop.alice, line);
      const a2 = await placeOk(shop.alice, line);
      const b1 = await placeOk(shop.bob, line);
      const a3 = await placeOk(shop.alice, line);
      expect((await cancel(shop.alice, a2.id)).errors).toBeUndefined();
      expect((await updateStatus(shop.admin, b1.id, 'PAID')).errors).toBeUndefined();

      const mine = await shop.app.gql(MY_ORDERS, {}, shop.alice);
      expect(mine.errors).toBeUndefined();
      expect(mine.data?.myOrders.nodes.map((node) => node.id)).toEqual([a3.id, a2.id, a1.id]);
      expect(mine.data?.myOrders.totalCount).toBe(3);

      const bobs = await shop.app.gql(MY_ORDERS, {}, shop.bob);
      expect(bobs.data?.myOrders.nodes.map((node) => node.id)).toEqual([b1.id]);

      const cancelled = await shop.app.gql(MY_ORDERS, { status: 'CANCELLED' }, shop.alice);
      expect(cancelled.data?.myOrders.nodes.map((node) => node.id)).toEqual([a2.id]);
      expect(cancelled.data?.myOrders.totalCount).toBe(1);
      const pending = await shop.app.gql(MY_ORDERS, { status: 'PENDING' }, shop.alice);
      expect(pending.data?.myOrders.nodes.map((node) => node.id)).toEqual([a3.id, a1.id]);

      const all = await shop.app.gql(ALL_ORDERS, {}, shop.admin);
      expect(all.errors).toBeUndefined();
      expect(all.data?.orders.nodes.map((node) => node.id)).toEqual([a3.id, b1.id, a2.id, a1.id]);
      expect(all.data?.orders.totalCount).toBe(4);

      const ofBob = await shop.app.gql(ALL_ORDERS, { userId: shop.bobId }, shop.admin);
      expect(ofBob.data?.orders.nodes.map((node) => node.id)).toEqual([b1.id]);

      const paid = await shop.app.gql(ALL_ORDERS, { status: 'PAID' }, shop.admin);
      expect(paid.data?.orders.nodes.map((node) => node.id)).toEqual([b1.id]);
      expect(paid.data?.orders.totalCount).toBe(1);

      const alicePending = await shop.app.gql(
        ALL_ORDERS,
        { userId: shop.aliceId, status: 'PENDING' },
        shop.admin,
      );
      expect(alicePending.data?.orders.nodes.map((node) => node.id)).toEqual([a3.id, a1.id]);
    });

    it('User.orders works through me { orders } for the user and through user(id) for an admin', async () => {
      const mug = await product({ stock: 100 });
      const a1 = await placeOk(shop.alice, [{ productId: mug, quantity: 1 }]);
      const a2 = await placeOk(shop.alice, [{ productId: mug, quantity: 1 }]);
      await placeOk(shop.bob, [{ productId: mug, quantity: 1 }]);

      const me = await shop.app.gql(ME_ORDERS, {}, shop.alice);
      expect(me.errors).toBeUndefined();
      expect(me.data?.me?.orders.nodes.map((node) => node.id)).toEqual([a2.id, a1.id]);
      expect(me.data?.me?.orders.totalCount).toBe(2);

      const viaAdmin = await shop.app.gql(USER_ORDERS, { id: shop.aliceId }, shop.admin);
      expect(viaAdmin.errors).toBeUndefined();
      expect(viaAdmin.data?.user?.orders.nodes.map((node) => node.id)).toEqual([a2.id, a1.id]);
    });

    it('pages through 7 orders with first/after, seeing each once, newest first', async () => {
      const mug = await product({ stock: 100 });
      const placed: string[] = [];
      for (let i = 0; i < 7; i++) placed.push((await placeOk(shop.alice, [{ productId: mug, quantity: 1 }])).id);
      const newestFirst = [...placed].reverse();

      // One page reader per list: myOrders as alice, orders as the admin.
      const readers = [
        async (after: string | null) => {
          const response = await shop.app.gql(MY_ORDERS, { first: 3, after }, shop.alice);
          expect(response.errors).toBeUndefined();
          return response.data!.myOrders;
        },
        async (after: string | null) => {
          const response = await shop.app.gql(ALL_ORDERS, { first: 3, after }, shop.admin);
          expect(response.errors).toBeUndefined();
          return response.data!.orders;
        },
      ];
      for (const readPage of readers) {
        const seen: string[] = [];
        const pageSizes: number[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 10; pages++) {
          const page = await readPage(after);
          expect(page.totalCount).toBe(7);
          seen.push(...page.nodes.map((node) => node.id));
          expect(page.edges.map((edge) => edge.node.id)).toEqual(page.nodes.map((node) => node.id));
          pageSizes.push(page.nodes.length);
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor ?? null;
        }
        expect(pageSizes).toEqual([3, 3, 1]);
        expect(seen).toEqual(newestFirst);
      }
    });
  });
});
