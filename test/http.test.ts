import { dialects } from './support/databases';
import { graphql } from './support/gql';
import { startTestApp, type TestApp } from './support/testApp';

const PRODUCT_COUNT = graphql(`
  query HttpProductCount { products(first: 1) { totalCount } }
`);

describe.each(dialects)('HTTP surface on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(dialect, { FRONTEND_URL: 'https://shop.example.com' });
  });
  afterAll(async () => app.close());

  it('GET /api/health answers with the environment', async () => {
    const response = await app.api().get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'Server is running', environment: 'test' });
  });

  it('GET /api/ready is 200 when the database answers and the schema is current', async () => {
    const response = await app.api().get('/api/ready').expect(200);
    expect(response.body).toEqual({ status: 'ready' });
  });

  it('GET /api/ready is 503 naming a pending migration', async () => {
    const [latest] = await app.db('knex_migrations').orderBy('id', 'desc').limit(1);
    await app.db('knex_migrations').where({ id: latest.id }).delete();
    try {
      const response = await app.api().get('/api/ready').expect(503);
      expect(response.body.detail).toContain(latest.name);
    } finally {
      await app.db('knex_migrations').insert(latest);
    }
  });

  it('serves the Apollo Sandbox to browsers on GET /graphql', async () => {
    const response = await app.api().get('/graphql').set('accept', 'text/html').expect(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toMatch(/new window.EmbeddedSandbox\(/);
  });

  it('answers unknown REST endpoints with a coded 404', async () => {
    const response = await app.api().get('/api/nothing-here').expect(404);
    expect(response.body).toEqual({ detail: 'Endpoint not found', code: 'NOT_FOUND' });
  });

  it('answers malformed JSON with 400 in each API’s own error shape', async () => {
    const rest = await app.api().post('/api/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(rest.status).toBe(400);
    expect(rest.body).toEqual({ detail: 'The request body is not valid JSON', code: 'BAD_USER_INPUT' });

    const graphql = await app.api().post('/graphql').set('content-type', 'application/json').send('{"query":');
    expect(graphql.status).toBe(400);
    expect(graphql.body).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }] });

    // Express matches paths without regard to case: /GraphQL is the GraphQL endpoint, and so is its error shape.
    const upperCase = await app.api().post('/GraphQL').set('content-type', 'application/json').send('{"query":');
    expect(upperCase.status).toBe(400);
    expect(upperCase.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const tooLarge = await app.api().post('/graphql').set('content-type', 'application/json').send(JSON.stringify({ query: 'x'.repeat(200_000) }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errors[0]).toEqual({ message: 'The request body is too large', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('keeps CSRF prevention on: a text/plain POST to /graphql is refused', async () => {
    const response = await app
      .api()
      .post('/graphql')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ query: '{ categories }' }));
    expect(response.status).toBe(400);
  });

  it('allows CORS only for FRONTEND_URL origins', async () => {
    const allowed = await app.api().get('/api/health').set('origin', 'https://shop.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    const other = await app.api().get('/api/health').set('origin', 'https://evil.example.net');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reports unexpected failures as INTERNAL_SERVER_ERROR without SQL or stack traces', async () => {
    await app.db.schema.renameTable('products', 'products_moved');
    try {
      const graphql = await app.gql(PRODUCT_COUNT);
      expect(graphql.errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      const rest = await app.api().get('/api/products').expect(500);
      expect(rest.body).toEqual({ detail: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' });
      for (const body of [JSON.stringify(graphql), rest.text]) {
        expect(body).not.toMatch(/select|products_moved|stack|at .*\.ts/i);
      }
    } finally {
      await app.db.schema.renameTable('products_moved', 'products');
    }
  });

  it('keeps /api/health free of the database', async () => {
    await app.db.destroy();
    await app.api().get('/api/health').expect(200);
    await app.api().get('/api/ready').expect(503);
  });
});

// Production needs MySQL (DB_HOST), so this runs where the MySQL suite does.
if (dialects.includes('mysql')) {
  describe('HTTP surface in production on mysql', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp('mysql', { NODE_ENV: 'production' });
    });
    afterAll(async () => app.close());

    it('still serves the Apollo Sandbox on GET /graphql, for admins', async () => {
      const response = await app.api().get('/graphql').set('accept', 'text/html').expect(200);
      expect(response.text).toMatch(/new window.EmbeddedSandbox\(/);
    });

    it('reports the environment in /api/health', async () => {
      const response = await app.api().get('/api/health').expect(200);
      expect(response.body).toEqual({ status: 'Server is running', environment: 'production' });
    });
  });
}
