// The order status machine: forward moves, cancelling (restocking once), refused moves; over GraphQL and REST.
import { dialects } from '../support/databases';
import { bearer, codeOf } from '../support/graphql';
import { ordersSuite, type RestOrder, type Status } from '../support/ordersSuite';

describe.each(dialects)('orders on %s', (dialect) => {
  const shop = ordersSuite(dialect);
  const { stockOf, statusInDb, snapshot, updateStatus, cancel, orderIn } = shop;

  describe('status machine', () => {
    it('an admin moves an order PENDING → PAID → SHIPPED → DELIVERED with updateOrderStatus', async () => {
      const { order, products: ids } = await orderIn('PENDING');
      for (const status of ['PAID', 'SHIPPED', 'DELIVERED'] as const) {
        const response = await updateStatus(shop.admin, order.id, status);
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
        const response = await shop.app
          .api()
          .patch(`/api/orders/${order.id}`)
          .set(bearer(shop.admin))
          .send({ status })
          .expect(200);
        expect((response.body as RestOrder).status).toBe(status);
        expect(await statusInDb(order.id)).toBe(status);
      }
    });

    it('the owner cancels a PENDING order: every item is restocked once, and cancelling again changes nothing', async () => {
      const { order, products: ids } = await orderIn('PENDING');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([8, 7]);

      const response = await cancel(shop.alice, order.id);
      expect(response.errors).toBeUndefined();
      expect(response.data?.cancelOrder.status).toBe('CANCELLED');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);

      const before = await snapshot();
      const again = await cancel(shop.alice, order.id);
      expect(codeOf(again)).toBe('INVALID_TRANSITION');
      expect(await snapshot()).toEqual(before);
    });

    it('an admin cancels a PAID order with cancelOrder and it is restocked', async () => {
      const { order, products: ids } = await orderIn('PAID');

      const response = await cancel(shop.admin, order.id);

      expect(response.errors).toBeUndefined();
      expect(response.data?.cancelOrder.status).toBe('CANCELLED');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);
    });

    it.each(['PENDING', 'PAID'] as const)(
      'updateOrderStatus(CANCELLED) by an admin on a %s order restocks like cancelOrder',
      async (status) => {
        const { order, products: ids } = await orderIn(status);

        const response = await updateStatus(shop.admin, order.id, 'CANCELLED');

        expect(response.errors).toBeUndefined();
        expect(response.data?.updateOrderStatus.status).toBe('CANCELLED');
        expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);
        const before = await snapshot();
        expect(codeOf(await updateStatus(shop.admin, order.id, 'CANCELLED'))).toBe('INVALID_TRANSITION');
        expect(await snapshot()).toEqual(before);
      },
    );

    it('concurrent cancels of one order: exactly one succeeds and the items are restocked once', async () => {
      const { order, products: ids } = await orderIn('PENDING');

      const responses = await Promise.all([
        cancel(shop.alice, order.id),
        cancel(shop.admin, order.id),
        cancel(shop.alice, order.id),
        updateStatus(shop.admin, order.id, 'CANCELLED'),
        cancel(shop.admin, order.id),
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
      const token = actor === 'admin' ? shop.admin : shop.alice;
      const before = await snapshot();

      const response = move === 'cancelOrder' ? await cancel(token, order.id) : await updateStatus(token, order.id, move);

      expect(codeOf(response)).toBe('INVALID_TRANSITION');
      expect(await snapshot()).toEqual(before);
      expect(await statusInDb(order.id)).toBe(from.toLowerCase());
    });

    it('over REST, an invalid move is 409 INVALID_TRANSITION and changes nothing', async () => {
      const { order } = await orderIn('PENDING');
      const before = await snapshot();

      const skip = await shop.app.api().patch(`/api/orders/${order.id}`).set(bearer(shop.admin)).send({ status: 'shipped' }).expect(409);
      expect(skip.body).toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(await snapshot()).toEqual(before);
    });

    it('over REST, the owner cannot cancel a paid order (409) and the admin can (200, restocked)', async () => {
      const { order, products: ids } = await orderIn('PAID');
      const before = await snapshot();

      const refused = await shop.app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(shop.alice)).expect(409);
      expect(refused.body).toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(await snapshot()).toEqual(before);

      const done = await shop.app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(shop.admin)).expect(200);
      expect((done.body as RestOrder).status).toBe('cancelled');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);
    });

    it('over REST, the owner cancels a pending order once (200, restocked), and a second cancel is 409', async () => {
      const { order, products: ids } = await orderIn('PENDING');

      const done = await shop.app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(shop.alice)).expect(200);
      expect((done.body as RestOrder).status).toBe('cancelled');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);

      const before = await snapshot();
      await shop.app.api().post(`/api/orders/${order.id}/cancel`).set(bearer(shop.alice)).expect(409);
      expect(await snapshot()).toEqual(before);
    });

    it('over REST, PATCH {status: "cancelled"} by an admin restocks', async () => {
      const { order, products: ids } = await orderIn('PAID');
      const response = await shop.app
        .api()
        .patch(`/api/orders/${order.id}`)
        .set(bearer(shop.admin))
        .send({ status: 'cancelled' })
        .expect(200);
      expect((response.body as RestOrder).status).toBe('cancelled');
      expect([await stockOf(ids[0]!), await stockOf(ids[1]!)]).toEqual([10, 10]);
    });

    it("over REST, PATCH status 'unknown' is 422 naming status and changes nothing", async () => {
      const { order } = await orderIn('PENDING');
      const before = await snapshot();

      const response = await shop.app
        .api()
        .patch(`/api/orders/${order.id}`)
        .set(bearer(shop.admin))
        .send({ status: 'unknown' })
        .expect(422);

      expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
      expect(await snapshot()).toEqual(before);
    });

    it('a normal user, even the owner, cannot updateOrderStatus (FORBIDDEN; REST 403) and nothing changes', async () => {
      const { order } = await orderIn('PENDING');
      const before = await snapshot();

      expect(codeOf(await updateStatus(shop.alice, order.id, 'PAID'))).toBe('FORBIDDEN');
      expect(codeOf(await updateStatus(shop.bob, order.id, 'CANCELLED'))).toBe('FORBIDDEN');
      const rest = await shop.app.api().patch(`/api/orders/${order.id}`).set(bearer(shop.alice)).send({ status: 'paid' }).expect(403);
      expect(rest.body).toMatchObject({ code: 'FORBIDDEN' });
      expect(await snapshot()).toEqual(before);
    });
  });
});
