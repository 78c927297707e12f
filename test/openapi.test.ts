import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  openApiDocument,
  type HttpMethod,
  type Operation,
  type Parameter,
  type Reference,
  type Response,
} from '../src/rest/openapi';
import { dialects } from './support/databases';
import { assertMatchesOpenApi, resolvePointer } from './support/openapiValidation';
import { startTestApp, type TestApp } from './support/testApp';

const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

function deref<T>(value: T | Reference): T {
  if (typeof value === 'object' && value !== null && '$ref' in value) {
    const target = resolvePointer(value.$ref);
    if (target === undefined) throw new Error(`unresolved ${value.$ref}`);
    return target as T;
  }
  return value;
}

const operations: { path: string; method: HttpMethod; operation: Operation }[] = Object.entries(
  openApiDocument.paths,
).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]! })),
);
const label = ({ method, path }: { method: string; path: string }) => `${method.toUpperCase()} ${path}`;

/** Every `$ref` in the document, with where it was found. */
function refsIn(node: unknown, at = '#'): { at: string; ref: string }[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [{ at, ref: value }] : refsIn(value, `${at}/${key}`),
  );
}

/** Every schema object in the document that is not itself a component, with where it is. */
function inlineSchemas(): { at: string; schema: object }[] {
  const found: { at: string; schema: object }[] = [];
  const visit = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema' && typeof value === 'object' && value !== null) found.push({ at: `${at}/schema`, schema: value });
      else visit(value, `${at}/${key}`);
    }
  };
  visit(openApiDocument.paths, '#/paths');
  visit(openApiDocument.components.responses, '#/components/responses');
  visit(openApiDocument.components.parameters, '#/components/parameters');
  visit(openApiDocument.components.requestBodies, '#/components/requestBodies');
  return found;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 with a title, a version and unique operation ids', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    expect(openApiDocument.info.title).toEqual(expect.any(String));
    expect(openApiDocument.info.version).toEqual(expect.any(String));
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref', () => {
    const refs = refsIn(openApiDocument);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter(({ ref }) => resolvePointer(ref) === undefined)).toEqual([]);
  });

  it('gives every operation responses, each described, under three-digit statuses', () => {
    for (const entry of operations) {
      const statuses = Object.keys(entry.operation.responses ?? {});
      expect({ operation: label(entry), statuses }).toEqual({
        operation: label(entry),
        statuses: expect.arrayContaining(['500']),
      });
      for (const status of statuses) {
        expect(status).toMatch(/^[1-5]\d\d$/);
        expect(deref<Response>(entry.operation.responses?.[status]).description).toEqual(expect.any(String));
      }
    }
  });

  it('declares each path template parameter, and only those, as a required path parameter', () => {
    for (const entry of operations) {
      const inTemplate = [...entry.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const declared = (entry.operation.parameters ?? []).map((parameter) => deref<Parameter>(parameter));
      const pathParameters = declared.filter((parameter) => parameter.in === 'path');
      expect({ operation: label(entry), names: pathParameters.map((parameter) => parameter.name).sort() }).toEqual({
        operation: label(entry),
        names: inTemplate,
      });
      for (const parameter of pathParameters) expect(parameter.required).toBe(true);
    }
  });

  it('documents the errors each kind of operation can meet', () => {
    const missing: string[] = [];
    const expectStatus = (entry: (typeof operations)[number], status: string, why: string) => {
      if (!entry.operation.responses?.[status]) missing.push(`${label(entry)} lacks ${status} (${why})`);
    };
    for (const entry of operations) {
      const parameterNames = (entry.operation.parameters ?? []).map((parameter) => deref<Parameter>(parameter).name);
      if (entry.operation.requestBody) {
        expectStatus(entry, '400', 'malformed JSON');
        expectStatus(entry, '413', 'body over 100 kB');
        expectStatus(entry, '422', 'invalid body');
      }
      if (entry.operation.security?.length) expectStatus(entry, '401', 'protected');
      if (entry.operation.summary?.endsWith('(admin)')) expectStatus(entry, '403', 'admin only');
      if (entry.path.includes('{id}')) expectStatus(entry, '422', 'non-integer id');
      if (parameterNames.includes('page')) expectStatus(entry, '422', 'bad page or limit');
    }
    expect(missing).toEqual([]);
  });

  it('names only declared security schemes, and protects every order and product change', () => {
    const schemes = Object.keys(openApiDocument.components.securitySchemes);
    expect(openApiDocument.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const entry of operations) {
      for (const requirement of entry.operation.security ?? []) {
        for (const scheme of Object.keys(requirement)) expect(schemes).toContain(scheme);
      }
      const isChange = entry.method !== 'get' && entry.path.startsWith('/api/products');
      if (isChange || entry.path.startsWith('/api/orders')) {
        expect({ operation: label(entry), security: entry.operation.security }).toEqual({
          operation: label(entry),
          security: [{ bearerAuth: [] }],
        });
      }
    }
  });

  it('has schemas that compile under JSON Schema 2020-12 in strict mode', () => {
    // Strict mode refuses unknown keywords, so a typo such as `minLenght` fails here.
    const ajv = new Ajv2020({ strict: true, strictTypes: false });
    addFormats(ajv);
    const id = 'https://shopgraph.invalid/schemas.json';
    const local = (schema: object) =>
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${id}#/$defs/`)) as object;
    ajv.addSchema({ $id: id, $defs: local(openApiDocument.components.schemas) });
    for (const name of Object.keys(openApiDocument.components.schemas)) {
      expect(() => ajv.getSchema(`${id}#/$defs/${name}`)).not.toThrow();
    }
    for (const { at, schema } of inlineSchemas()) {
      try {
        ajv.compile(local(schema));
      } catch (error) {
        throw new Error(`${at}: ${(error as Error).message}`, { cause: error });
      }
    }
  });
});

describe('assertMatchesOpenApi', () => {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const product = {
    id: 1,
    name: 'Lamp',
    description: '',
    price: 19.99,
    stock: 1,
    category: 'Home',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };

  it('accepts a documented response and matches path templates, ignoring the query string', () => {
    const cached = { ...json, 'cache-control': 'public, max-age=5, stale-while-revalidate=5', etag: '"a1"', vary: 'Authorization' };
    expect(() => assertMatchesOpenApi('GET', '/api/products/7?x=1', 200, cached, product)).not.toThrow();
  });

  it('refuses an answer without a header the document requires, or with one of the wrong form', () => {
    expect(() => assertMatchesOpenApi('GET', '/api/products/7', 200, json, product)).toThrow(/required header Cache-Control is missing/);
    const weak = { ...json, 'cache-control': 'private, no-store', etag: 'W/"a1"', vary: 'Authorization' };
    expect(() => assertMatchesOpenApi('GET', '/api/products/7', 200, weak, product)).toThrow(/header ETag/);
  });

  it('refuses a body that strays from its schema, naming what is wrong', () => {
    const { price: _price, ...withoutPrice } = product;
    expect(() => assertMatchesOpenApi('GET', '/api/products/7', 200, json, withoutPrice)).toThrow(/price/);
    expect(() => assertMatchesOpenApi('GET', '/api/products/7', 200, json, { ...product, price: '19.99' })).toThrow(
      /must be number/,
    );
    expect(() => assertMatchesOpenApi('GET', '/api/products/7', 200, json, { ...product, extra: 1 })).toThrow(
      /additional properties/,
    );
    expect(() =>
      assertMatchesOpenApi('GET', '/api/products/7', 404, json, { detail: 'Product not found', code: 'CONFLICT' }),
    ).toThrow(/code/);
  });

  it('refuses undocumented statuses, methods and paths, except the router’s generic 404', () => {
    expect(() => assertMatchesOpenApi('GET', '/api/health', 418, json, {})).toThrow(/status 418 is not documented/);
    expect(() => assertMatchesOpenApi('PATCH', '/api/products/1', 200, json, product)).toThrow(/PATCH .* not documented/);
    expect(() => assertMatchesOpenApi('GET', '/api/elsewhere', 200, json, {})).toThrow(/path \/api\/elsewhere/);
    const endpointNotFound = { detail: 'Endpoint not found', code: 'NOT_FOUND' };
    expect(() => assertMatchesOpenApi('GET', '/api/elsewhere', 404, json, endpointNotFound)).not.toThrow();
  });

  it('requires an empty body for 204 and the documented content type', () => {
    expect(() => assertMatchesOpenApi('DELETE', '/api/products/1', 204, {}, {})).not.toThrow();
    expect(() => assertMatchesOpenApi('DELETE', '/api/products/1', 204, json, { ok: true })).toThrow(/no body/);
    expect(() => assertMatchesOpenApi('GET', '/api/health', 200, { 'content-type': 'text/html' }, '')).toThrow(
      /content type/,
    );
  });

  it('checks documented response headers', () => {
    expect(() => assertMatchesOpenApi('POST', '/api/products', 201, json, product)).toThrow(/Location/);
    const { created_at, updated_at } = product;
    const order = { id: 1, user_id: 1, status: 'pending', total_amount: 0, items: [], created_at, updated_at };
    const created = { ...json, location: '/api/orders/1' };
    expect(() =>
      assertMatchesOpenApi('POST', '/api/orders', 201, { ...created, 'idempotent-replayed': 'yes' }, order),
    ).toThrow(/Idempotent-Replayed/);
    expect(() =>
      assertMatchesOpenApi('POST', '/api/orders', 201, { ...created, 'idempotent-replayed': 'true' }, order),
    ).not.toThrow();
    expect(() => assertMatchesOpenApi('POST', '/api/orders', 201, created, order)).not.toThrow();
  });
});

describe.each(dialects)('REST docs on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('GET /api/openapi.json serves the document', async () => {
    const response = await app.api().get('/api/openapi.json').expect(200).expect('content-type', /json/);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });

  it('GET /api/docs is a Swagger UI page whose scripts and styles are all served locally', async () => {
    const page = await app.api().get('/api/docs').expect(200).expect('content-type', /text\/html/);
    const html = page.text;
    const urls = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(urls.some((url) => /swagger-ui-bundle\.js$/.test(url))).toBe(true);
    expect(urls.some((url) => /swagger-ui\.css$/.test(url))).toBe(true);
    expect(urls.filter((url) => /^(https?:)?\/\//i.test(url))).toEqual([]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);

    for (const url of urls) {
      const asset = await app.api().get(new URL(url, `${app.url}/api/docs`).pathname).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript|css|image\/png/);
    }
  });

  it('the initializer points Swagger UI at /api/openapi.json', async () => {
    const response = await app.api().get('/api/docs/init.js').expect(200).expect('content-type', /javascript/);
    expect(response.text).toContain('"url":"/api/openapi.json"');
    expect(response.text).toContain('SwaggerUIBundle(');
  });

  it('an unknown docs asset is a coded 404', async () => {
    const response = await app.api().get('/api/docs/assets/nothing.js').expect(404);
    expect(response.body).toEqual({ detail: 'Endpoint not found', code: 'NOT_FOUND' });
  });

  it('the orders endpoints answer as documented, replays and refusals included', async () => {
    // Each response below is checked against the document by app.api().
    await app.reset();
    const admin = `Bearer ${(await app.signUp('admin@example.com', { role: 'admin' })).token}`;
    const customer = `Bearer ${(await app.signUp('customer@example.com')).token}`;
    const product = await app
      .api()
      .post('/api/products')
      .set('Authorization', admin)
      .send({ name: 'Lamp', price: '19.99', stock: 3, category: 'Home' })
      .expect(201);
    const items = [{ product_id: product.body.id as number, quantity: 2 }];

    const placed = await app
      .api()
      .post('/api/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', 'checkout-1')
      .send({ items })
      .expect(201);
    expect(placed.body).toMatchObject({ status: 'pending', total_amount: 39.98 });
    expect(placed.headers['idempotent-replayed']).toBeUndefined();
    const replay = await app
      .api()
      .post('/api/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', 'checkout-1')
      .send({ items })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(placed.body);
    const orderUrl = `/api/orders/${placed.body.id as number}`;

    await app
      .api()
      .post('/api/orders')
      .set('Authorization', customer)
      .set('Idempotency-Key', 'checkout-1')
      .send({ items: [{ ...items[0], quantity: 1 }] })
      .expect(409);
    await app.api().post('/api/orders').set('Authorization', customer).send({ items: [] }).expect(422);
    await app.api().post('/api/orders').send({ items }).expect(401);

    await app.api().get('/api/orders?page=1&limit=5').set('Authorization', customer).expect(200);
    await app.api().get('/api/orders?page=0').set('Authorization', customer).expect(422);
    await app.api().get(orderUrl).set('Authorization', admin).expect(200);
    await app.api().get('/api/orders/abc').set('Authorization', customer).expect(422);
    await app.api().patch(orderUrl).set('Authorization', customer).send({ status: 'paid' }).expect(403);
    await app.api().patch(orderUrl).set('Authorization', admin).send({ status: 'delivered' }).expect(409);
    await app.api().patch(orderUrl).set('Authorization', admin).send({ status: 'paid' }).expect(200);
    await app.api().post(`${orderUrl}/cancel`).set('Authorization', customer).expect(409);
    const cancelled = await app.api().post(`${orderUrl}/cancel`).set('Authorization', admin).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await app.api().delete(`/api/products/${product.body.id as number}`).set('Authorization', admin).expect(204);
  });

  it('an order refused for a product names it by its integer product_id', async () => {
    await app.reset();
    const admin = `Bearer ${(await app.signUp('admin@example.com', { role: 'admin' })).token}`;
    const customer = `Bearer ${(await app.signUp('customer@example.com')).token}`;
    const product = await app
      .api()
      .post('/api/products')
      .set('Authorization', admin)
      .send({ name: 'Lamp', price: 5, stock: 1, category: 'Home' })
      .expect(201);
    const id = product.body.id as number;

    const short = await app
      .api()
      .post('/api/orders')
      .set('Authorization', customer)
      .send({ items: [{ product_id: id, quantity: 2 }] })
      .expect(409);
    expect(short.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', product_id: id, available: 1 });
    const unknown = await app
      .api()
      .post('/api/orders')
      .set('Authorization', customer)
      .send({ items: [{ product_id: id + 1000, quantity: 1 }] })
      .expect(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', product_id: id + 1000 });
  });

  it('a body over 100 kB is 413 in the documented error shape', async () => {
    const response = await app
      .api()
      .post('/api/auth/login')
      .send({ email: 'a@example.com', password: 'x'.repeat(110_000) })
      .expect(413);
    expect(response.body).toEqual({ detail: 'The request body is too large', code: 'BAD_USER_INPUT' });
  });
});
