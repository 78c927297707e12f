// How the Express app serves the storefront: caching by file kind, the page for client-side
// routes, its own content policy, and the API paths left as they were.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { isStorefrontPath, storefront } from '../src/storefront';
import { startTestApp, type TestApp } from './support/testApp';

describe('storefront serving', () => {
  let dir: string;
  let app: express.Express;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Shopgraph</title><script type="module" src="/assets/index-abc123.js"></script>');
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = express();
    app.use(storefront(dir));
    app.use((_req, res) => void res.status(404).send('next'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves index.html at / and for client-side routes, never cached without revalidation', async () => {
    for (const url of ['/', '/index.html', '/orders', '/products/12', '/admin/products/3']) {
      const response = await request(app).get(url).set('accept', 'text/html').expect(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<title>Shopgraph</title>');
    }
  });

  it('lets hashed assets be cached for a year, other public files revalidated', async () => {
    const asset = await request(app).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const icon = await request(app).get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset with 404, not with the page', async () => {
    await request(app).get('/assets/index-gone.js').expect(404, 'next');
    await request(app).get('/robots.txt').expect(404, 'next');
    await request(app).get('/orders').set('accept', 'application/json').expect(404, 'next');
  });

  it('leaves the API paths and non-GET requests alone', async () => {
    await request(app).get('/api/products').set('accept', 'text/html').expect(404, 'next');
    await request(app).get('/graphql').set('accept', 'text/html').expect(404, 'next');
    await request(app).post('/orders').expect(404, 'next');
    expect(isStorefrontPath('/api')).toBe(false);
    expect(isStorefrontPath('/graphql/x')).toBe(false);
    expect(isStorefrontPath('/apiary')).toBe(true);
  });

  it('says how to build it when web/dist is missing', async () => {
    const bare = express().use(storefront(path.join(dir, 'nothing-here')));
    const response = await request(bare).get('/').expect(503);
    expect(response.text).toContain('npm run build:web');
  });
});

describe('storefront headers in the app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('sqlite');
  });
  afterAll(async () => app.close());

  it('gives the storefront a strict policy of its own: same-origin scripts, styles and GraphQL, nothing inline', async () => {
    const response = await app.api().get('/').set('accept', 'text/html');
    expect([200, 503]).toContain(response.status); // 503 until web/dist is built
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the JSON API on its deny-all policy', async () => {
    const response = await app.api().get('/api/health').expect(200);
    expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  });
});
