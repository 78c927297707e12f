// Placing an order (placeOrder): prices and totals, stock taken for every line or none, bounds and refused input.
import { dialects } from '../support/databases';
import { bearer, codeOf } from '../support/graphql';
import { ordersSuite, type RestOrder } from '../support/ordersSuite';
import type { GraphQLResponse } from '../support/testApp';

/** INSUFFICIENT_STOCK's facts; the product id compared as text (an ID may travel as a string or a number). */
function shortage(response: GraphQLResponse<unknown>): { productId: string; available: unknown } {
  const extensions = response.errors?.[0]?.extensions;
  return { productId: String(extensions?.productId), available: extensions?.available };
}

describe.each(dialects)('orders on %s', (dialect) => {
  const shop = ordersSuite(dialect);
  const { product, products, stockOf, count, snapshot, place, placeOk } = shop;

  describe('placeOrder', () => {
    it('snapshots names and unit prices, computes the total, decrements stock and starts PENDING', async () => {
      const lamp = await product({ name: 'Desk Lamp', price: 2500, stock: 10 });
      const bulb = await product({ name: 'Bulb', price: 350, stock: 20 });

      const order = await placeOk(shop.alice, [
        { productId: lamp, quantity: 2 },
        { productId: bulb, quantity: 4 },
      ]);

      expect(order.status).toBe('PENDING');
      expect(order.user).toEqual({ id: shop.aliceId, email: 'alice@example.com' });
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

      const stored = await shop.app.db('order_items').where({ order_id: Number(order.id) }).orderBy('product_id');
      expect(stored.map((row: { product_name: string; price: number }) => [row.product_name, Number(row.price)])).toEqual([
        ['Desk Lamp', 2500],
        ['Bulb', 350],
      ]);
    });

    it('merges two lines for the same product (2 and 3) into one item of 5', async () => {
      const mug = await product({ name: 'Mug', price: 800, stock: 10 });

      const order = await placeOk(shop.alice, [
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

      const order = await placeOk(shop.alice, [
        { productId: a, quantity: 3 },
        { productId: b, quantity: 7 },
      ]);

      expect(order.total).toBe('60.67');
      expect(order.items.map((item) => item.lineTotal).sort()).toEqual(['0.70', '59.97']);
      const rest = (await shop.app.api().get(`/api/orders/${order.id}`).set(bearer(shop.alice)).expect(200)).body as RestOrder;
      expect(rest.total_amount).toBe(60.67);
      expect(rest.items.map((item) => item.line_total).sort((x, y) => x - y)).toEqual([0.7, 59.97]);
      const row = (await shop.app.db('orders').where({ id: Number(order.id) }).first('total_amount')) as { total_amount: unknown };
      expect(Number(row.total_amount)).toBe(6067);
    });

    it('takes stock for every line or for none: a short later line leaves the earlier line’s stock untouched', async () => {
      const plenty = await product({ name: 'Plenty', stock: 50 });
      const scarce = await product({ name: 'Scarce', stock: 2 });
      const before = await snapshot();

      const response = await place(shop.alice, [
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

      const response = await place(shop.alice, [
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

      const response = await place(shop.alice, [
        { productId: mug, quantity: 2 },
        { productId: mug, quantity: 3 },
      ]);

      expect(codeOf(response)).toBe('INSUFFICIENT_STOCK');
      expect(shortage(response)).toEqual({ productId: mug, available: 4 });
      expect(await snapshot()).toEqual(before);
    });

    it('sells the last unit exactly: ordering all the stock leaves 0 and the next order is INSUFFICIENT_STOCK', async () => {
      const mug = await product({ stock: 3 });
      await placeOk(shop.alice, [{ productId: mug, quantity: 3 }]);
      expect(await stockOf(mug)).toBe(0);

      const response = await place(shop.bob, [{ productId: mug, quantity: 1 }]);
      expect(codeOf(response)).toBe('INSUFFICIENT_STOCK');
      expect(shortage(response)).toEqual({ productId: mug, available: 0 });
      expect(await count('orders')).toBe(1);
    });

    it('never oversells under concurrent orders: of 8 buyers of 3 units, exactly 3 succeed', async () => {
      const mug = await product({ stock: 3 });
      const responses = await Promise.all(Array.from({ length: 8 }, () => place(shop.alice, [{ productId: mug, quantity: 1 }])));

      const codes = responses.map((response) => codeOf(response) ?? 'OK');
      expect(codes.filter((code) => code === 'OK')).toHaveLength(3);
      expect(codes.filter((code) => code === 'INSUFFICIENT_STOCK')).toHaveLength(5);
      expect(await stockOf(mug)).toBe(0);
      expect(await count('orders')).toBe(3);
    });

    it('refuses an unknown product with NOT_FOUND and changes nothing', async () => {
      const mug = await product({ stock: 10 });
      const before = await snapshot();

      const response = await place(shop.alice, [
        { productId: mug, quantity: 1 },
        { productId: String(Number(mug) + 1000), quantity: 1 },
      ]);

      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an archived product with NOT_FOUND and changes nothing', async () => {
      const mug = await product({ stock: 10 });
      const old = await product({ name: 'Discontinued', stock: 10 });
      await shop.app.db('products').where({ id: Number(old) }).update({ archived: true });
      const before = await snapshot();

      const response = await place(shop.alice, [
        { productId: mug, quantity: 1 },
        { productId: old, quantity: 1 },
      ]);

      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('accepts 100 lines of distinct products, each taking its stock', async () => {
      const ids = await products(100, 5, 150);
      const order = await placeOk(
        shop.alice,
        ids.map((productId) => ({ productId, quantity: 2 })),
      );

      expect(order.items).toHaveLength(100);
      expect(order.total).toBe('300.00');
      const stocks: { stock: number }[] = await shop.app.db('products').whereIn('id', ids.map(Number)).select('stock');
      expect(new Set(stocks.map((row) => Number(row.stock)))).toEqual(new Set([3]));
    });

    it('accepts the largest quantity, 1000', async () => {
      const mug = await product({ stock: 1000, price: 1 });
      const order = await placeOk(shop.alice, [{ productId: mug, quantity: 1000 }]);
      expect(order.items[0]?.quantity).toBe(1000);
      expect(order.total).toBe('10.00');
      expect(await stockOf(mug)).toBe(0);
    });

    it('accepts lines of one product that add up to 1000, and refuses them at 1001 (checked after merging)', async () => {
      const mug = await product({ stock: 5000, price: 1 });
      const order = await placeOk(shop.alice, Array.from({ length: 4 }, () => ({ productId: mug, quantity: 250 })));
      expect(order.items).toHaveLength(1);
      expect(order.items[0]?.quantity).toBe(1000);
      await shop.app.db('orders').update({ status: 'paid' }); // out of the unpaid-units bound's way
      const before = await snapshot();

      const response = await place(shop.alice, [...Array.from({ length: 4 }, () => ({ productId: mug, quantity: 250 })), { productId: mug, quantity: 1 }]);

      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions.field).toBe('quantity');
      expect(await snapshot()).toEqual(before);
    });

    it('accepts an idempotency key of 255 characters', async () => {
      const mug = await product();
      await placeOk(shop.alice, [{ productId: mug, quantity: 1 }], 'k'.repeat(255));
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

        const response = await place(shop.alice, [{ productId: mug, quantity }]);

        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.extensions.field).toBe('quantity');
        expect(response.data?.placeOrder ?? null).toBeNull();
        expect(await snapshot()).toEqual(before);
      });

      it('quantity 1.5 (refused by the Int type, naming quantity)', async () => {
        const mug = await product();
        const before = await snapshot();

        const response = await place(shop.alice, [{ productId: mug, quantity: 1.5 }]);

        expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(codeOf(response));
        expect(response.errors?.[0]?.message).toMatch(/quantity/);
        expect(response.data?.placeOrder ?? null).toBeNull();
        expect(await snapshot()).toEqual(before);
      });

      it('an empty items list', async () => {
        await product();
        const before = await snapshot();

        const response = await place(shop.alice, []);

        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.extensions.field).toBe('items');
        expect(await snapshot()).toEqual(before);
      });

      it('101 lines', async () => {
        const ids = await products(101);
        const before = await snapshot();

        const response = await place(
          shop.alice,
          ids.map((productId) => ({ productId, quantity: 1 })),
        );

        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.extensions.field).toBe('items');
        expect(await snapshot()).toEqual(before);
      });

      it("productId 'abc'", async () => {
        const mug = await product();
        const before = await snapshot();

        const response = await place(shop.alice, [
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

        const response = await place(shop.alice, [{ productId: mug, quantity: 1 }], key);

        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.extensions.field).toBe('idempotencyKey');
        expect(await snapshot()).toEqual(before);
      });
    });
  });
});
