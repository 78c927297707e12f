// Idempotency keys: a retry answers the first order, another body is CONFLICT, keys are per user; over GraphQL and REST.
import { dialects } from '../support/databases';
import { bearer, codeOf } from '../support/graphql';
import { ordersSuite, type RestOrder } from '../support/ordersSuite';

describe.each(dialects)('orders on %s', (dialect) => {
  const shop = ordersSuite(dialect);
  const { product, stockOf, count, snapshot, place, placeOk } = shop;

  describe('idempotency', () => {
    it('a retry with the same key returns the original order and changes nothing', async () => {
      const mug = await product({ stock: 10 });
      const first = await placeOk(shop.alice, [{ productId: mug, quantity: 2 }], 'checkout-1');
      const after = await snapshot();

      const retry = await placeOk(shop.alice, [{ productId: mug, quantity: 2 }], 'checkout-1');

      expect(retry).toEqual(first);
      expect(await snapshot()).toEqual(after);
      expect(await stockOf(mug)).toBe(8);
      expect(await count('orders')).toBe(1);
    });

    it('the same key with different items is CONFLICT and changes nothing', async () => {
      const mug = await product({ stock: 10 });
      await placeOk(shop.alice, [{ productId: mug, quantity: 2 }], 'checkout-1');
      const after = await snapshot();

      const response = await place(shop.alice, [{ productId: mug, quantity: 3 }], 'checkout-1');

      expect(codeOf(response)).toBe('CONFLICT');
      expect(await snapshot()).toEqual(after);
    });

    it('keys are per user: another user with the same key gets an order of their own', async () => {
      const mug = await product({ stock: 10 });
      const alices = await placeOk(shop.alice, [{ productId: mug, quantity: 2 }], 'checkout-1');

      const bobs = await placeOk(shop.bob, [{ productId: mug, quantity: 2 }], 'checkout-1');

      expect(bobs.id).not.toBe(alices.id);
      expect(bobs.user.id).toBe(shop.bobId);
      expect(await stockOf(mug)).toBe(6);
      expect(await count('orders')).toBe(2);
    });

    it('concurrent requests with one key place one order and all answer with it', async () => {
      const mug = await product({ stock: 10 });
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => place(shop.alice, [{ productId: mug, quantity: 1 }], 'double-click')),
      );

      for (const response of responses) expect(response.errors).toBeUndefined();
      expect(new Set(responses.map((response) => response.data?.placeOrder.id)).size).toBe(1);
      expect(await count('orders')).toBe(1);
      expect(await stockOf(mug)).toBe(9);
    });

    it('over REST, a retry answers 201 with Idempotent-Replayed: true and the same order, changing nothing', async () => {
      const mug = await product({ stock: 10 });
      const body = { items: [{ product_id: Number(mug), quantity: 2 }] };

      const first = await shop.app
        .api()
        .post('/api/orders')
        .set(bearer(shop.alice))
        .set('Idempotency-Key', 'rest-1')
        .send(body)
        .expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const after = await snapshot();

      const retry = await shop.app
        .api()
        .post('/api/orders')
        .set(bearer(shop.alice))
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
      await shop.app
        .api()
        .post('/api/orders')
        .set(bearer(shop.alice))
        .set('Idempotency-Key', 'rest-1')
        .send({ items: [{ product_id: Number(mug), quantity: 2 }] })
        .expect(201);
      const after = await snapshot();

      const response = await shop.app
        .api()
        .post('/api/orders')
        .set(bearer(shop.alice))
        .set('Idempotency-Key', 'rest-1')
        .send({ items: [{ product_id: Number(mug), quantity: 1 }] })
        .expect(409);

      expect(response.body).toMatchObject({ code: 'CONFLICT' });
      expect(await snapshot()).toEqual(after);
    });

    it('over REST, another user with the same key gets their own order', async () => {
      const mug = await product({ stock: 10 });
      const body = { items: [{ product_id: Number(mug), quantity: 1 }] };
      const alices = await shop.app.api().post('/api/orders').set(bearer(shop.alice)).set('Idempotency-Key', 'k').send(body).expect(201);
      const bobs = await shop.app.api().post('/api/orders').set(bearer(shop.bob)).set('Idempotency-Key', 'k').send(body).expect(201);

      expect(bobs.headers['idempotent-replayed']).toBeUndefined();
      expect((bobs.body as RestOrder).id).not.toBe((alices.body as RestOrder).id);
      expect((bobs.body as RestOrder).user_id).toBe(Number(shop.bobId));
      expect(await stockOf(mug)).toBe(8);
    });
  });
});
