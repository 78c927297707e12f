import { createHash } from 'node:crypto';
import { isDatabaseUnavailable } from '../src/db/knex';
import { SANDBOX_EMBED_SCRIPT, SANDBOX_EMBED_VERSION } from '../src/graphql/sandboxPage';
import { dialects } from './support/databases';
import { graphql } from './support/gql';
import { startTestApp, type TestApp } from './support/testApp';

const SIGN_IN = graphql(`
  mutation HardeningSignIn($e: String!, $p: String!) { login(email: $e, password: $p) { token } }
`);
const ME = graphql(`
  query HardeningMe { me { email } }
`);

/** Collects the app's JSON log lines. */
function logCollector() {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  };
}

describe.each(dialects)('HTTP hardening on %s', (dialect) => {
  let app: TestApp;
  const logs = logCollector();
  beforeAll(async () => {
    app = await startTestApp(dialect, { LOG_LEVEL: 'info' }, { logs: logs.stream });
  });
  afterAll(async () => app.close());

  it('sends security headers, with a deny-all content policy on the JSON API', async () => {
    const response = await app.api().get('/api/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the Sandbox with a pinned embed, and a policy that lets only that script and the page\'s own inline one run', async () => {
    const response = await app.api().get('/graphql').set('accept', 'text/html').expect(200);
    const html = response.text;
    // The embed is the pinned build, not Apollo's floating v2.
    const external = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map(([, src]) => src?.split('?')[0]);
    expect(external).toEqual([SANDBOX_EMBED_SCRIPT]);
    expect(SANDBOX_EMBED_SCRIPT).toContain(`/${SANDBOX_EMBED_VERSION}/`);
    expect(SANDBOX_EMBED_VERSION).toMatch(/^[0-9a-f]{40}$/);
    expect(html).not.toMatch(/cdn\.apollographql\.com\/(v\d+|_latest)\//);
    // Apollo's own nonce policy stays in the page; the header narrows script-src to the pinned URL
    // and the hashes of the page's inline scripts, each of which it covers.
    expect(html).toMatch(/http-equiv="Content-Security-Policy"[^>]*nonce-/);
    const policy = String(response.headers['content-security-policy']);
    const scriptSrc = /(?:^|;)script-src ([^;]*)/.exec(policy)?.[1]?.split(' ') ?? [];
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      ([, body]) => `'sha256-${createHash('sha256').update(body ?? '').digest('base64')}'`,
    );
    expect(inline.length).toBeGreaterThan(0);
    expect(scriptSrc.sort()).toEqual([SANDBOX_EMBED_SCRIPT, ...inline].sort());
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/'self'|'unsafe-|nonce-/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('echoes a sane X-Request-Id, makes one otherwise, and logs each request with it', async () => {
    const given = await app.api().get('/api/health').set('x-request-id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await app.api().get('/api/health').set('x-request-id', 'bad id with spaces <script>').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const line = logs.lines.find((entry) => (entry.req as { id?: string } | undefined)?.id === 'abc-123');
    expect(line).toMatchObject({ req: { method: 'GET', url: '/api/health' }, res: { statusCode: 200 } });
    expect(typeof line?.responseTime).toBe('number');
  });

  it('logs the GraphQL operation, and never a password or a token', async () => {
    const password = 'a-very-secret-password';
    const { token } = await app.signUp('logged@example.com', { password });
    const before = logs.lines.length;
    await app.gql(SIGN_IN, { e: 'logged@example.com', p: password });
    await app.gql(ME, {}, token);
    // Anonymous on purpose (logged as plain 'query'), so a plain string: codegen wants names.
    await app.gql('{ categories }');
    const lines = logs.lines.slice(before);
    expect(lines.map((line) => line.operation)).toEqual(expect.arrayContaining(['mutation HardeningSignIn', 'query HardeningMe', 'query']));
    const text = JSON.stringify(logs.lines);
    expect(text).not.toContain(password);
    expect(text).not.toContain(token);
  });
});

// Statement timeouts are set per connection on MySQL/MariaDB; SQLite has none (see README).
if (dialects.includes('mysql')) {
  describe('database statement timeout on mysql', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp('mysql');
    });
    afterAll(async () => app.close());

    it('interrupts a statement that runs past 5 s, and calls that an outage (503), not a bug', async () => {
      const error: unknown = await app.db
        .raw('SELECT COUNT(*) FROM information_schema.columns a, information_schema.columns b, information_schema.columns c')
        .then(() => null, (caught: unknown) => caught);
      expect([1969, 3024]).toContain((error as { errno?: number }).errno); // MariaDB / MySQL statement timeout
      expect(isDatabaseUnavailable(error)).toBe(true);
    }, 30_000);
  });
}
