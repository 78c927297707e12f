// Support for the storefront's browser suite: Debian's Chromium driven by playwright-core,
// against a real server process (src/index.ts, as `npm start` runs it) on a fresh SQLite file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { graphqlClient, type GraphQLClient } from './graphql';
import { freePort, runServer, waitUntilListening, type ServerProcess } from './serverProcess';
import { TEST_JWT_SECRET } from './testApp';

const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
/** Set by CI (.ci/run): a missing browser fails the run instead of skipping the suite. */
export const BROWSER_REQUIRED = process.env.TEST_BROWSER_REQUIRED === '1';

// Without the background-networking flags Chromium keeps dialing Google's hosts, which this
// machine's closed network refuses.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when the browser suite can run; says why not (or throws, in CI) when it cannot. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (BROWSER_REQUIRED) throw new Error(`TEST_BROWSER_REQUIRED=1 but ${CHROMIUM} is not installed (apt-get install -y chromium).`);
  process.stderr.write(`\n${CHROMIUM} not found: the storefront browser suite is skipped (apt-get install -y chromium to run it).\n`);
  return false;
}

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

/** `npm install` builds web/dist; rebuild it here only when web/ changed since (development). */
export function ensureStorefrontBuilt(): void {
  const index = path.join(ROOT, 'web', 'dist', 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.mts'].map((entry) => path.join(ROOT, 'web', entry));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' }, // jest's "test" would change the bundle
    stdio: 'inherit',
  });
}

export interface Storefront {
  url: string;
  server: ServerProcess;
  browser: Browser;
  /** A fresh browser profile (own localStorage), like a second person on another machine. */
  newPerson(options?: { width?: number; height?: number }): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }>;
  /** POST /graphql to this server, as the tests' other apps do (./graphql.ts). */
  gql: GraphQLClient;
  close(): Promise<void>;
}

/**
 * A development server (so it seeds the demo catalog and accounts, as a newcomer's first
 * `npm start` does) on a free port over a fresh SQLite file, and a headless Chromium.
 */
export async function startStorefront(): Promise<Storefront> {
  ensureStorefrontBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'shopgraph-storefront-'));
  const port = await freePort();
  const server = runServer(
    {
      NODE_ENV: 'development',
      PORT: String(port),
      SQLITE_FILE: path.join(dir, 'shop.sqlite'),
      JWT_SECRET: TEST_JWT_SECRET,
      BCRYPT_ROUNDS: '4',
      // Every journey registers from this machine's one address.
      REGISTRATION_LIMIT: '1000',
      LOG_LEVEL: 'warn',
    },
    dir,
  );
  await waitUntilListening(server);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const url = server.url;
  return {
    url,
    server,
    browser,
    async newPerson({ width = 1280, height = 900 } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, baseURL: url });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
      return { context, page, consoleErrors };
    },
    gql: graphqlClient(url),
    async close() {
      await browser.close();
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Every form control on the page has a label (a <label>, aria-label or aria-labelledby). */
export async function unlabelledFields(page: Page): Promise<string[]> {
  // Runs in the page; typed structurally, as the test project has no DOM library.
  type Control = { labels: { length: number } | null; outerHTML: string; getAttribute(name: string): string | null };
  return page.$$eval('input, select, textarea', (elements) =>
    (elements as unknown as Control[])
      .filter((control) => (control.labels?.length ?? 0) === 0 && !control.getAttribute('aria-label') && !control.getAttribute('aria-labelledby'))
      .map((control) => control.outerHTML),
  );
}
