// REST's legacy orders contract: the response shape, agreement with GraphQL, list paging, and errors as HTTP statuses
// (422 for bad input). REST checks of one behaviour (idempotency, status moves, authorization) sit with it in test/orders/.
import { dialects } from '../support/databases';
import { bearer } from '../support/graphql';
import { ordersSuite, type RestOrder, type RestOrderList } from '../support/ordersSuite';

describe.each(dialects)('orders on %s', (dialect) => {
  const shop = ordersSuite(dialect);
  const { product, products, stockOf, snapshot, updateStatus, fetchOrder } = shop;

  describe('REST orders', () => {
    it('POST /api/orders answers 201 with the order in the legacy shape', async () => {
      const lamp = await product({ name: 'Desk Lamp', price: 1999, stock: 10 });
      const bulb = await product({ name: 'Bulb', price: 250, stock: 10 });

      const response = await shop.app
        .api()
        .post('/api/orders')
        .set(bearer(shop.alice))
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
      expect(order).toMatchObject({ user_id: Number(shop.aliceId), status: 'pending', total_amount: 62.47 });
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
      const placed = await shop.app
        .api()
        .post('/api/orders')
        .set(bearer(shop.alice))
        .send({ items: [{ product_id: Number(a), quantity: 3 }, { product_id: Number(b), quantity: 7 }] })
        .expect(201);
      const id = String((placed.body as RestOrder).id);
      expect((await updateStatus(shop.admin, id, 'PAID')).errors).toBeUndefined();

      const rest = (await shop.app.api().get(`/api/orders/${id}`).set(bearer(shop.alice)).expect(200)).body as RestOrder;
      const gql = (await fetchOrder(shop.alice, id)).data!.order!;

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
      const listed = (await shop.app.api().get('/api/orders').set(bearer(shop.alice)).expect(200)).body as RestOrderList;
      expect(listed.orders).toEqual([rest]);
    });

    it('GET /api/orders lists mine (all for an admin), newest first, with page/limit and pagination', async () => {
      const mug = await product({ stock: 100 });
      const line = { items: [{ product_id: Number(mug), quantity: 1 }] };
      const alices: number[] = [];
      for (let i = 0; i < 7; i++) {
        alices.push(((await shop.app.api().post('/api/orders').set(bearer(shop.alice)).send(line).expect(201)).body as RestOrder).id);
      }
      const bobs = ((await shop.app.api().post('/api/orders').set(bearer(shop.bob)).send(line).expect(201)).body as RestOrder).id;

      const pages: number[][] = [];
      for (const page of [1, 2, 3]) {
        const body = (await shop.app.api().get(`/api/orders?page=${page}&limit=3`).set(bearer(shop.alice)).expect(200))
          .body as RestOrderList;
        expect(body.pagination).toEqual({ page, limit: 3, total: 7, pages: 3 });
        for (const order of body.orders) expect(order.user_id).toBe(Number(shop.aliceId));
        pages.push(body.orders.map((order) => order.id));
      }
      expect(pages.map((ids) => ids.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual([...alices].reverse());

      const bobsList = (await shop.app.api().get('/api/orders').set(bearer(shop.bob)).expect(200)).body as RestOrderList;
      expect(bobsList.orders.map((order) => order.id)).toEqual([bobs]);
      expect(bobsList.pagination).toEqual({ page: 1, limit: 10, total: 1, pages: 1 });

      const all = (await shop.app.api().get('/api/orders?limit=100').set(bearer(shop.admin)).expect(200)).body as RestOrderList;
      expect(all.orders.map((order) => order.id)).toEqual([bobs, ...[...alices].reverse()]);
      expect(all.pagination).toEqual({ page: 1, limit: 100, total: 8, pages: 1 });
    });

    it('answers short stock with 409 INSUFFICIENT_STOCK naming the product and what is available, changing nothing', async () => {
      const plenty = await product({ name: 'Plenty', stock: 50 });
      const scarce = await product({ name: 'Scarce', stock: 2 });
      const before = await snapshot();

      const response = await shop.app
        .api()
        .post('/api/orders')
        .set(bearer(shop.alice))
        .send({ items: [{ product_id: Number(plenty), quantity: 1 }, { product_id: Number(scarce), quantity: 5 }] })
        .expect(409);

      expect(response.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 2, product_id: Number(scarce) });
      expect(await snapshot()).toEqual(before);
    });

    it('answers an unknown or archived product with 404, changing nothing', async () => {
      const mug = await product();
      const old = await product({ name: 'Old' });
      await shop.app.db('products').where({ id: Number(old) }).update({ archived: true });
      const before = await snapshot();

      for (const productId of [Number(mug) + 1000, Number(old)]) {
        const response = await shop.app
          .api()
          .post('/api/orders')
          .set(bearer(shop.alice))
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

        const response = await shop.app
          .api()
          .post('/api/orders')
          .set(bearer(shop.alice))
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

        const response = await shop.app
          .api()
          .post('/api/orders')
          .set(bearer(shop.alice))
          .send({ items: ids.map((id) => ({ product_id: Number(id), quantity: 1 })) })
          .expect(422);

        expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
        expect(await snapshot()).toEqual(before);
      });
    });
  });
});
