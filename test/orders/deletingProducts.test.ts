// Deleting or changing a product that orders reference: archived, gone from the catalog, kept as placed in every order.
import { dialects } from '../support/databases';
import { graphql } from '../support/gql';
import { bearer, codeOf } from '../support/graphql';
import { ordersSuite, type RestOrder } from '../support/ordersSuite';

const UPDATE_PRODUCT = graphql(`
  mutation DeletingUpdateProduct($id: ID!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) { id name price } }
`);
const DELETE_PRODUCT = graphql(`
  mutation DeletingDeleteProduct($id: ID!) { deleteProduct(id: $id) }
`);
const PRODUCT = graphql(`
  query DeletingProduct($id: ID!) { product(id: $id) { id name } }
`);
const PRODUCTS = graphql(`
  query DeletingProducts($search: String) { products(first: 100, search: $search) { nodes { id } totalCount } }
`);
const CATEGORIES = graphql(`
  query DeletingCategories { categories }
`);
const MY_ORDERS = graphql(`
  query DeletingMyOrders { myOrders { nodes { ...OrderFields } } }
`);
const ALL_ORDERS = graphql(`
  query DeletingAllOrders { orders { nodes { ...OrderFields } } }
`);

describe.each(dialects)('orders on %s', (dialect) => {
  const shop = ordersSuite(dialect);
  const { product, count, snapshot, place, placeOk, fetchOrder } = shop;

  describe('deleting products', () => {
    it('archives a product that orders reference: gone from the catalog, kept in every order', async () => {
      const keep = await product({ name: 'Teapot', category: 'Kitchen' });
      const gone = await product({ name: 'Gramophone', category: 'Vintage', price: 12000 });
      const aliceOrder = await placeOk(shop.alice, [
        { productId: gone, quantity: 1 },
        { productId: keep, quantity: 1 },
      ]);
      const bobOrder = await placeOk(shop.bob, [{ productId: gone, quantity: 2 }]);

      const deleted = await shop.app.gql(DELETE_PRODUCT, { id: gone }, shop.admin);
      expect(deleted.errors).toBeUndefined();
      expect(deleted.data?.deleteProduct).toBe(true);

      // Kept, archived.
      const row = (await shop.app.db('products').where({ id: Number(gone) }).first()) as { archived: unknown } | undefined;
      expect(row).toBeDefined();
      expect(Boolean(row?.archived)).toBe(true);

      // Gone from the catalog.
      const list = await shop.app.gql(PRODUCTS, {});
      expect(list.data?.products.nodes.map((node) => node.id)).toEqual([keep]);
      expect(list.data?.products.totalCount).toBe(1);
      const search = await shop.app.gql(PRODUCTS, {
        search: 'Gramophone',
      });
      expect(search.data?.products.nodes).toEqual([]);
      expect(search.data?.products.totalCount).toBe(0);
      const categories = await shop.app.gql(CATEGORIES);
      expect(categories.data?.categories).toEqual(['Kitchen']);
      const rest = await shop.app.api().get('/api/products?limit=100').expect(200);
      expect((rest.body as { products: { id: number }[] }).products.map((p) => String(p.id))).toEqual([keep]);
      expect((rest.body as { pagination: { total: number } }).pagination.total).toBe(1);
      const single = await shop.app.gql(PRODUCT, { id: gone });
      expect(single.errors).toBeUndefined();
      expect(single.data?.product).toBeNull();
      await shop.app.api().get(`/api/products/${gone}`).expect(404);

      // Cannot be ordered, updated or deleted again.
      const before = await snapshot();
      expect(codeOf(await place(shop.alice, [{ productId: gone, quantity: 1 }]))).toBe('NOT_FOUND');
      expect(codeOf(await shop.app.gql(UPDATE_PRODUCT, { id: gone, input: { name: 'Back' } }, shop.admin))).toBe('NOT_FOUND');
      expect(codeOf(await shop.app.gql(DELETE_PRODUCT, { id: gone }, shop.admin))).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);

      // Every order holding it still shows it, archived.
      for (const [token, order] of [
        [shop.alice, aliceOrder],
        [shop.bob, bobOrder],
        [shop.admin, aliceOrder],
        [shop.admin, bobOrder],
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
      const keptItem = (await fetchOrder(shop.alice, aliceOrder.id)).data?.order?.items.find((i) => i.product.id === keep);
      expect(keptItem?.product.archived).toBe(false);

      const mine = await shop.app.gql(MY_ORDERS, {}, shop.bob);
      expect(mine.errors).toBeUndefined();
      expect(mine.data?.myOrders.nodes[0]?.items[0]?.product).toMatchObject({ name: 'Gramophone', archived: true });
      const all = await shop.app.gql(ALL_ORDERS, {}, shop.admin);
      expect(all.errors).toBeUndefined();
      expect(all.data?.orders.nodes).toHaveLength(2);

      const restOrder = await shop.app.api().get(`/api/orders/${bobOrder.id}`).set(bearer(shop.bob)).expect(200);
      expect((restOrder.body as RestOrder).items[0]).toMatchObject({ product_id: Number(gone), product_name: 'Gramophone' });
    });

    it('REST DELETE of a product that orders reference archives it (204) and the order keeps it', async () => {
      const gone = await product({ name: 'Gramophone' });
      const order = await placeOk(shop.alice, [{ productId: gone, quantity: 1 }]);

      await shop.app.api().delete(`/api/products/${gone}`).set(bearer(shop.admin)).expect(204);

      expect(await count('products')).toBe(1);
      await shop.app.api().get(`/api/products/${gone}`).expect(404);
      await shop.app.api().delete(`/api/products/${gone}`).set(bearer(shop.admin)).expect(404);
      const response = await fetchOrder(shop.alice, order.id);
      expect(response.data?.order?.items[0]?.product).toMatchObject({ name: 'Gramophone', archived: true });
    });

    it('deletes a product that was never ordered: the row is gone', async () => {
      const ordered = await product({ name: 'Ordered' });
      const never = await product({ name: 'Never ordered' });
      await placeOk(shop.alice, [{ productId: ordered, quantity: 1 }]);

      const deleted = await shop.app.gql(DELETE_PRODUCT, { id: never }, shop.admin);

      expect(deleted.errors).toBeUndefined();
      expect(deleted.data?.deleteProduct).toBe(true);
      expect(await shop.app.db('products').where({ id: Number(never) }).first()).toBeUndefined();
      expect(codeOf(await shop.app.gql(DELETE_PRODUCT, { id: never }, shop.admin))).toBe('NOT_FOUND');
    });

    it('orders keep the name and unit price they were placed with after updateProduct; product shows the new ones', async () => {
      const lamp = await product({ name: 'Desk Lamp', price: 1999, stock: 10 });
      const order = await placeOk(shop.alice, [{ productId: lamp, quantity: 2 }]);

      const updated = await shop.app.gql(UPDATE_PRODUCT, { id: lamp, input: { name: 'Floor Lamp', price: '49.50' } }, shop.admin);
      expect(updated.errors).toBeUndefined();

      const response = await fetchOrder(shop.alice, order.id);
      expect(response.errors).toBeUndefined();
      expect(response.data?.order?.total).toBe('39.98');
      expect(response.data?.order?.items[0]).toMatchObject({
        productName: 'Desk Lamp',
        unitPrice: '19.99',
        lineTotal: '39.98',
        product: { id: lamp, name: 'Floor Lamp', price: '49.50', archived: false },
      });
      const rest = (await shop.app.api().get(`/api/orders/${order.id}`).set(bearer(shop.alice)).expect(200)).body as RestOrder;
      expect(rest.total_amount).toBe(39.98);
      expect(rest.items[0]).toMatchObject({ product_name: 'Desk Lamp', price: 19.99, line_total: 39.98 });

      // A new order takes the new price and name.
      const next = await placeOk(shop.alice, [{ productId: lamp, quantity: 1 }]);
      expect(next.items[0]).toMatchObject({ productName: 'Floor Lamp', unitPrice: '49.50' });
    });
  });
});
