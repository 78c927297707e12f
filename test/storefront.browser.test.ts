// The storefront as people use it: headless Chromium against a real server process on a fresh
// SQLite file with the demo data. Skipped (with a message) where Chromium is not installed,
// mandatory in CI (TEST_BROWSER_REQUIRED=1).
import type { Page } from 'playwright-core';
import { graphql } from './support/gql';
import { browserAvailable, screenshot, startStorefront, unlabelledFields, type Storefront } from './support/browser';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('storefront in Chromium', () => {
  let shop: Storefront;
  beforeAll(async () => {
    shop = await startStorefront();
  }, 120_000);
  afterAll(async () => shop?.close());

  async function tokenFor(email: string, password: string): Promise<string> {
    const result = await shop.gql(
      graphql(`mutation StorefrontLogin($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`),
      { email, password },
    );
    if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.token;
  }

  async function expectLabelled(page: Page): Promise<void> {
    expect(await unlabelledFields(page)).toEqual([]);
  }

  async function register(page: Page, email: string): Promise<void> {
    await page.goto('/register');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  async function statusOf(id: string, token: string): Promise<string | undefined> {
    const result = await shop.gql(graphql(`query StorefrontOrderStatus($id: ID!) { order(id: $id) { status } }`), { id }, token);
    return result.data?.order?.status;
  }

  it(
    'a newcomer registers, searches, orders two products (a lost answer and a double click still make one order), ' +
      'sees it in their orders and cancels it',
    async () => {
      const { page, consoleErrors, context } = await shop.newPerson();
      context.setDefaultTimeout(15_000);
      const graphqlRequests: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname !== '/graphql') return;
        // Queries are persisted GETs (the operation in the URL), mutations POSTs (in the body).
        graphqlRequests.push(request.method() === 'GET' ? JSON.stringify(Object.fromEntries(url.searchParams)) : (request.postData() ?? ''));
      });

      // The first screen: seeded data in one GraphQL round trip.
      await page.goto('/');
      await page.getByText('Showing 12 of 48 products').waitFor();
      await page.waitForLoadState('networkidle');
      // One operation: its hash alone, then (the first time the server sees it) the hash with the document.
      expect(graphqlRequests.length).toBeGreaterThanOrEqual(1);
      expect(graphqlRequests.length).toBeLessThanOrEqual(2);
      for (const request of graphqlRequests) expect(request).toMatch(/"operationName":"Catalog"/);
      expect(graphqlRequests[0]).toMatch(/sha256Hash/);
      const firstScreen = graphqlRequests.length;
      await expectLabelled(page);
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.getByText('Showing 24 of 48 products').waitFor();
      expect(graphqlRequests[firstScreen]).toMatch(/"operationName":"MoreProducts"/);
      await screenshot(page, '01-catalog');

      // Register; an email that is taken is said so inline.
      await page.getByRole('link', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByRole('heading', { name: 'Create an account' }).waitFor();
      await page.getByLabel('Email').fill('user@example.com');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('alert').filter({ hasText: 'An account with this email already exists' }).waitFor();
      await expectLabelled(page);
      await screenshot(page, '02-register-email-taken');
      const email = `newcomer-${Date.now()}@example.com`;
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText(`Signed in as ${email}`).waitFor();

      // Search, then two products into the cart: one from the list, two of another from its page.
      await page.getByRole('searchbox', { name: 'Search' }).fill('wireless');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\?q=wireless/);
      await page.getByRole('link', { name: 'Aurora Wireless Headphones' }).waitFor();
      await expect(page.getByText(/Showing \d+ of \d+ product/).textContent()).resolves.not.toMatch(/of 48/);
      await screenshot(page, '03-search');
      await page.getByRole('button', { name: 'Add Aurora Wireless Headphones to cart' }).click();
      await page.getByRole('link', { name: 'Helix Mechanical Keyboard' }).click();
      await page.getByRole('heading', { name: 'Helix Mechanical Keyboard' }).waitFor();
      await page.getByLabel('Quantity').fill('2');
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByText('2 in your cart.').waitFor();
      await expectLabelled(page);
      await screenshot(page, '04-product');

      await page.getByRole('link', { name: 'Cart, 3 items' }).click();
      await page.getByRole('heading', { name: 'Your cart' }).waitFor();
      await page.getByText('Subtotal $308.99').waitFor(); // 129.99 + 2 × 89.50, in cents
      await expectLabelled(page);
      await screenshot(page, '05-cart');

      // The first answer is lost on the way back (the order is made on the server). The retry
      // — a double click — sends the same idempotency key and gets that same order.
      let lostOrderId: string | undefined;
      await page.route('**/graphql', async (route) => {
        if (lostOrderId === undefined && /"operationName":"PlaceOrder"/.test(route.request().postData() ?? '')) {
          const response = await route.fetch();
          lostOrderId = ((await response.json()) as { data: { placeOrder: { id: string } } }).data.placeOrder.id;
          await route.abort('failed');
        } else {
          await route.continue();
        }
      });
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.getByRole('alert').filter({ hasText: 'Could not reach the shop' }).waitFor();
      expect(lostOrderId).toBeDefined();
      await page.getByRole('button', { name: 'Place order' }).dblclick();
      await page.waitForURL(`**/orders?placed=${lostOrderId}`);
      await page.unroute('**/graphql');
      const keys = graphqlRequests
        .filter((body) => body.includes('"operationName":"PlaceOrder"'))
        .map((body) => (JSON.parse(body) as { variables: { input: { idempotencyKey: string } } }).variables.input.idempotencyKey);
      expect(keys.length).toBeGreaterThanOrEqual(2);
      expect(new Set(keys).size).toBe(1);
      const token = await tokenFor(email, 'correct horse battery');
      const mine = await shop.gql(graphql(`query StorefrontMyOrderCount { myOrders { totalCount } }`), {}, token);
      expect(mine.data?.myOrders.totalCount).toBe(1);

      // My orders: the new order, pending, with its two lines; the cart is empty again.
      const order = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Order #${lostOrderId}` }) });
      await page.getByText(`Thank you! Order #${lostOrderId} is placed.`).waitFor();
      await order.getByText('Pending').waitFor();
      await order.getByText('1 × Aurora Wireless Headphones').waitFor();
      await order.getByText('2 × Helix Mechanical Keyboard').waitFor();
      await order.getByText('Total $308.99').waitFor();
      await page.getByRole('link', { name: 'Cart, 0 items' }).waitFor();
      await page.evaluate('window.getSelection().removeAllRanges()'); // the double click selected text
      await screenshot(page, '06-my-orders');
      await order.getByRole('button', { name: `Cancel order #${lostOrderId}` }).click();
      await order.getByText('Cancelled').waitFor();
      expect(await order.getByRole('button', { name: /Cancel order/ }).count()).toBe(0);
      expect(await statusOf(lostOrderId!, token)).toBe('CANCELLED');
      await screenshot(page, '07-my-orders-cancelled');

      // The admin pages are not for customers.
      await page.goto('/admin/orders');
      await page.getByRole('heading', { name: 'Admins only' }).waitFor();

      // The one console error is the deliberately lost answer.
      expect(consoleErrors.filter((error) => !/net::ERR_FAILED/.test(error))).toEqual([]);
      expect(consoleErrors.length).toBeLessThanOrEqual(1);
      await context.close();
    },
    90_000,
  );

  it('an admin signs in by keyboard, creates a product that appears in the catalog, edits it, marks an order paid and deletes the product', async () => {
    const customer = await tokenFor('user@example.com', 'user123');
    const placed = await shop.gql(
      graphql(`mutation StorefrontPlaceOne { placeOrder(input: { items: [{ productId: "1", quantity: 1 }] }) { id } }`),
      {},
      customer,
    );
    const orderId = placed.data!.placeOrder.id;

    const { page, consoleErrors, context } = await shop.newPerson();
    context.setDefaultTimeout(15_000);
    await page.goto('/signin');
    await page.getByLabel('Email').focus();
    await page.keyboard.type('admin@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await expectLabelled(page);
    await screenshot(page, '08-signin-wrong-password');
    await page.getByLabel('Password').fill('');
    await page.getByLabel('Password').focus();
    await page.keyboard.type('admin123');
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as admin@example.com').waitFor();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Manage products' }).click();
    await page.getByText('48 products').waitFor();
    await screenshot(page, '09-admin-products');
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByLabel('Name').fill('Trailhead Storm Lantern');
    await page.getByLabel('Category').fill('Sports & Outdoors');
    await page.getByLabel('Price').fill('24.5');
    await page.getByLabel('Stock').fill('7');
    await page.getByLabel('Description').fill('A rechargeable camping lantern that shrugs off rain.');
    await expectLabelled(page);
    await screenshot(page, '10-admin-new-product');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('cell', { name: 'Trailhead Storm Lantern', exact: true }).waitFor();
    await page.getByText('49 products').waitFor();
    await page.getByRole('link', { name: 'Edit Trailhead Storm Lantern' }).click();
    await page.getByRole('heading', { name: 'Edit product' }).waitFor();
    expect(await page.getByLabel('Price').inputValue()).toBe('24.50');
    await page.getByLabel('Price').fill('26');
    await expectLabelled(page);
    await screenshot(page, '11-admin-edit-product');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('row').filter({ hasText: 'Trailhead Storm Lantern' }).getByText('$26.00').waitFor();

    await nav.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('storm lantern');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Trailhead Storm Lantern' }) });
    await card.getByText('$26.00').waitFor();
    await card.getByText('In stock').waitFor();

    await nav.getByRole('link', { name: 'Manage orders' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: `#${orderId}`, exact: true }) });
    await row.getByText('user@example.com').waitFor();
    await row.getByRole('button', { name: `Mark paid: order #${orderId}` }).click();
    await row.getByRole('button', { name: `Mark shipped: order #${orderId}` }).waitFor();
    await row.getByText('Paid', { exact: true }).waitFor();
    await expectLabelled(page);
    await screenshot(page, '12-admin-orders');
    expect(await statusOf(orderId, customer)).toBe('PAID');

    // Deleting it takes it out of the catalog.
    await nav.getByRole('link', { name: 'Manage products' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete Trailhead Storm Lantern' }).click();
    await page.getByText('48 products').waitFor();
    expect(await page.getByRole('cell', { name: 'Trailhead Storm Lantern', exact: true }).count()).toBe(0);
    const search = await shop.gql(graphql(`query StorefrontLanternCount { products(search: "storm lantern") { totalCount } }`));
    expect(search.data?.products.totalCount).toBe(0);

    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 90_000);

  it('a second buyer sees "only N left" when the stock runs short, and can order what is left', async () => {
    const admin = await tokenFor('admin@example.com', 'admin123');
    const created = await shop.gql(
      graphql(`mutation StorefrontCreateCandle { createProduct(input: { name: "Beeswax Pillar Candle", description: "Hand-poured.", price: "12.00", stock: 3, category: "Home & Kitchen" }) { id } }`),
      {},
      admin,
    );
    const productId = created.data!.createProduct.id;
    const first = await shop.newPerson();
    const second = await shop.newPerson();
    for (const [index, person] of [first, second].entries()) {
      person.context.setDefaultTimeout(15_000);
      await register(person.page, `candle-buyer-${index}-${Date.now()}@example.com`);
      await person.page.goto(`/products/${productId}`);
      await person.page.getByText('Only 3 left').waitFor();
      await person.page.getByLabel('Quantity').fill('2');
      await person.page.getByRole('button', { name: 'Add to cart' }).click();
      await person.page.getByRole('link', { name: 'Cart, 2 items' }).click();
    }
    await first.page.getByRole('button', { name: 'Place order' }).click();
    await first.page.waitForURL(/\/orders\?placed=/);

    await second.page.getByRole('button', { name: 'Place order' }).click();
    await second.page.getByRole('alert').filter({ hasText: 'Only 1 left of Beeswax Pillar Candle' }).waitFor();
    await second.page.getByRole('row').filter({ hasText: 'Beeswax Pillar Candle' }).getByText('Only 1 left', { exact: true }).waitFor();
    await screenshot(second.page, '13-cart-only-n-left');
    await second.page.getByLabel('Quantity of Beeswax Pillar Candle').fill('1');
    await second.page.getByRole('button', { name: 'Place order' }).click();
    await second.page.waitForURL(/\/orders\?placed=/);
    await second.page.getByText('1 × Beeswax Pillar Candle').waitFor();

    const product = await shop.gql(graphql(`query StorefrontStock($id: ID!) { product(id: $id) { stock } }`), { id: productId });
    expect(product.data?.product?.stock).toBe(0);
    expect([...first.consoleErrors, ...second.consoleErrors]).toEqual([]);
    await first.context.close();
    await second.context.close();
  }, 90_000);

  it('keeps the token in the tab (sessionStorage), out of the Sandbox tab, where only the pinned embed runs', async () => {
    const { page, context } = await shop.newPerson();
    context.setDefaultTimeout(15_000);
    // Apollo's CDN is out of reach here: every path on it answers with a stand-in that records what
    // it could read of this origin's storage, and that it ran.
    const embedUrls: string[] = [];
    await context.route('https://embeddable-sandbox.cdn.apollographql.com/**', async (route) => {
      embedUrls.push(route.request().url());
      await route.fulfill({
        contentType: 'text/javascript',
        body: `window.embedSaw = JSON.stringify([Object.assign({}, localStorage), Object.assign({}, sessionStorage)]);
          window.EmbeddedSandbox = function (config) { window.sandboxEndpoint = config.initialEndpoint; };`,
      });
    });
    await context.route(/fonts\.(googleapis|gstatic)\.com|apollo-server-landing-page\.cdn/, (route) => route.abort());

    await page.goto('/signin');
    await page.getByLabel('Email').fill('user@example.com');
    await page.getByLabel('Password').fill('user123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const stored = (await page.evaluate('[JSON.stringify(Object.assign({}, localStorage)), sessionStorage.getItem("shopgraph.session")]')) as [
      string,
      string | null,
    ];
    const token = (JSON.parse(stored[1] ?? 'null') as { token: string } | null)?.token;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored[0]).not.toContain(token!); // nothing of it in localStorage
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor(); // a reload keeps the tab signed in

    // The footer's link opens the Sandbox in a new tab without an opener: its storage starts empty.
    const [sandbox] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: '/graphql' }).click()]);
    // A function, not a string: the page's policy forbids eval, which a string predicate needs.
    await sandbox.waitForFunction(() => typeof (globalThis as { sandboxEndpoint?: unknown }).sandboxEndpoint === 'string');
    expect(await sandbox.evaluate('window.sandboxEndpoint')).toBe(`${shop.url}/graphql`);
    expect(await sandbox.evaluate('window.opener')).toBeNull();
    expect(await sandbox.evaluate('window.embedSaw')).not.toContain(token!);
    expect(embedUrls.map((url) => new URL(url).pathname)).toEqual([expect.stringMatching(/^\/[0-9a-f]{40}\/embeddable-sandbox\.umd\.production\.min\.js$/)]);

    // Apollo's own page policy lets any script from its CDN hosts and this origin run; the header does not.
    await expect(sandbox.addScriptTag({ url: 'https://embeddable-sandbox.cdn.apollographql.com/v2/embeddable-sandbox.umd.production.min.js' })).rejects.toThrow();
    const storefrontScript = (await page.evaluate('document.querySelector("script[src]").src')) as string;
    await expect(sandbox.addScriptTag({ url: storefrontScript })).rejects.toThrow();
    expect(embedUrls).toHaveLength(1);

    // A new tab of the storefront is signed out (per-tab sign-in), and the first tab still signed in.
    const other = await context.newPage();
    await other.goto('/');
    await other.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await other.evaluate('sessionStorage.getItem("shopgraph.session")')).toBeNull();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await context.close();
  }, 90_000);

  it('reads on a phone-sized window, starts with a skip link for keyboards, and says when sign-in is rate limited', async () => {
    const email = `locked-${Date.now()}@example.com`;
    await shop.gql(graphql(`mutation StorefrontRegister($email: String!) { register(input: { email: $email, password: "correct horse battery" }) { token } }`), { email });
    for (let attempt = 0; attempt < 10; attempt++) {
      await shop.gql(graphql(`mutation StorefrontWrongLogin($email: String!) { login(email: $email, password: "wrong password") { token } }`), { email });
    }

    const { page, consoleErrors, context } = await shop.newPerson({ width: 390, height: 844 });
    context.setDefaultTimeout(15_000);
    await page.goto('/');
    await page.getByText(/Showing 12 of \d+ products/).waitFor();
    const widths = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
    expect((widths as number[])[0]).toBeLessThanOrEqual((widths as number[])[1]!);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.outerHTML')).toMatch(/Skip to content/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await screenshot(page, '14-catalog-phone');

    await page.goto('/signin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /Too many failed attempts\. Try again in \d+ minutes?\./ }).waitFor();
    await screenshot(page, '15-signin-rate-limited');
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 90_000);
});
