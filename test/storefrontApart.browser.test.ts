// The storefront hosted apart from the API, as on Render (render.yaml: a static site built with
// VITE_API_URL): built with the API's origin, served by a plain static server on a second port,
// against the API on the first with FRONTEND_URL naming the storefront's origin. The same files
// from an origin FRONTEND_URL does not name get no answers (the browser's CORS check).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { browserAvailable, CHROMIUM, CHROMIUM_ARGS } from './support/browser';
import { freePort, runServer, waitUntilListening, type ServerProcess } from './support/serverProcess';
import { TEST_JWT_SECRET } from './support/testApp';

const ROOT = path.resolve(__dirname, '..');
const describeInBrowser = browserAvailable() ? describe : describe.skip;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.ico': 'image/x-icon' };

/** What a static host does: the file asked for, else index.html (the storefront routes itself). */
function staticSite(dir: string): Server {
  return createServer((request, response) => {
    const wanted = path.join(dir, path.normalize(new URL(request.url ?? '/', 'http://x').pathname));
    const file = wanted.startsWith(dir) && existsSync(wanted) && !wanted.endsWith(path.sep) && path.extname(wanted) ? wanted : path.join(dir, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
}

describeInBrowser('storefront hosted apart from the API', () => {
  let dir: string;
  let api: ServerProcess;
  let site: Server;
  let browser: Browser;
  let apiOrigin: string;
  let sitePort: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-apart-'));
    const apiPort = await freePort();
    sitePort = await freePort();
    apiOrigin = `http://127.0.0.1:${apiPort}`;
    const outDir = path.join(dir, 'site');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts', '--outDir', outDir, '--logLevel', 'warn'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', VITE_API_URL: `${apiOrigin}/` },
      stdio: 'inherit',
    });
    site = staticSite(outDir);
    await new Promise<void>((resolve) => site.listen(sitePort, '127.0.0.1', resolve));
    api = runServer(
      {
        NODE_ENV: 'development',
        PORT: String(apiPort),
        SQLITE_FILE: path.join(dir, 'shop.sqlite'),
        JWT_SECRET: TEST_JWT_SECRET,
        BCRYPT_ROUNDS: '4',
        LOG_LEVEL: 'warn',
        FRONTEND_URL: `http://127.0.0.1:${sitePort}`,
      },
      dir,
    );
    await waitUntilListening(api);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    api?.child.kill('SIGTERM');
    await api?.exited;
    await new Promise((resolve) => site?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('from the origin FRONTEND_URL names, the catalog loads and a customer signs in, every GraphQL request going to VITE_API_URL', async () => {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${sitePort}` });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const graphqlUrls: string[] = [];
    page.on('request', (request) => {
      // Where each went, without the query string (catalog reads are persisted GETs with their hash in it).
      const { origin, pathname } = new URL(request.url());
      if (pathname.includes('graphql')) graphqlUrls.push(`${origin}${pathname}`);
    });
    await page.goto('/');
    await page.getByText('Showing 12 of 48 products').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill('user@example.com');
    await page.getByLabel('Password').fill('user123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as user@example.com').waitFor();
    expect(graphqlUrls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(graphqlUrls)).toEqual(new Set([`${apiOrigin}/graphql`]));
    await context.close();
  });

  it('from an origin FRONTEND_URL does not name (localhost instead of 127.0.0.1), the browser gets no catalog', async () => {
    const context = await browser.newContext({ baseURL: `http://localhost:${sitePort}` });
    const page = await context.newPage();
    const corsErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /CORS|Access-Control/i.test(message.text())) corsErrors.push(message.text());
    });
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Showing 12 of 48 products').count()).toBe(0);
    expect(corsErrors.length).toBeGreaterThan(0);
    await context.close();
  });
});
