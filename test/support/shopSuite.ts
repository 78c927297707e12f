// The set-up the catalog suites share (catalog, restProducts, searchIndex): one app per file and
// dialect, emptied before each test, with an admin and a customer signed up.
import type { DialectName } from './databases';
import { startTestApp, type TestApp } from './testApp';

export interface Shop {
  app: TestApp;
  /** The admin's and the customer's tokens, new before each test. */
  admin: string;
  customer: string;
}

/**
 * Call first inside `describe.each(dialects)`. Registers the hooks and hands the shop to `use`
 * whenever it changes (the app once started, the tokens before each test), so a suite keeps
 * plain variables: `shopSuite(dialect, (shop) => ({ app, admin, customer } = shop));`.
 */
export function shopSuite(dialect: DialectName, use: (shop: Shop) => void): void {
  const shop = { admin: '', customer: '' } as Shop;

  beforeAll(async () => {
    shop.app = await startTestApp(dialect);
    use(shop);
  });

  afterAll(async () => {
    await shop.app?.close();
  });

  beforeEach(async () => {
    await shop.app.reset();
    shop.admin = (await shop.app.signUp('admin@example.com', { role: 'admin' })).token;
    shop.customer = (await shop.app.signUp('customer@example.com')).token;
    use(shop);
  });
}
