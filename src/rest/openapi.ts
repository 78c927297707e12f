// The REST contract under /api as an OpenAPI 3.1 document, generated from the zod schemas in
// contract/ that the routes parse requests with and type their answers by. It is served at
// /api/openapi.json, and every response in the test suite is validated against it.
// Success bodies are closed (additionalProperties: false): the legacy clients' shapes must not
// change silently. Error bodies stay open for extra snake_case facts (field, product_id, ...).
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { authPaths } from './contract/auth';
import { docsPaths } from './contract/docs';
import { ERROR_RESPONSES, ErrorBody } from './contract/errors';
import { healthPaths } from './contract/health';
import { IdempotencyKey, orderPaths } from './contract/orders';
import { Limit, Page } from './contract/paging';
import { productPaths } from './contract/products';
import { Id } from './contract/routes';

type Generated = ReturnType<OpenApiGeneratorV31['generateDocument']>;
type Components = NonNullable<Generated['components']>;

/** The document as generated: it always has paths and these components. */
export type OpenApiDocument = Omit<Generated, 'paths' | 'components' | 'webhooks'> & {
  paths: NonNullable<Generated['paths']>;
  components: Components & Required<Pick<Components, 'schemas' | 'responses' | 'parameters' | 'securitySchemes'>>;
};
// The library's OpenAPI 3.1 types, named for the tests that walk the document.
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type PathItem = OpenApiDocument['paths'][string];
export type Operation = NonNullable<PathItem[HttpMethod]>;
export type Reference = Extract<NonNullable<Operation['parameters']>[number], { $ref: string }>;
export type Parameter = Exclude<NonNullable<Operation['parameters']>[number], Reference>;
export type Response = Exclude<NonNullable<Components['responses']>[string], Reference>;

function generate(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.register('Error', ErrorBody);
  for (const [name, parameter] of Object.entries({ Id, Page, Limit, IdempotencyKey })) registry.registerParameter(name, parameter);
  for (const [name, response] of Object.entries(ERROR_RESPONSES)) registry.registerComponent('responses', name, response);
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The token from POST /api/auth/register, /api/auth/login or /api/auth/change-password',
  });
  for (const route of [...healthPaths, ...authPaths, ...productPaths, ...orderPaths, ...docsPaths]) {
    registry.registerPath(route);
  }
  const { webhooks: _none, ...document } = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Shopgraph REST API',
      version: '1.0.0',
      description:
        'The REST wrappers of Shopgraph for legacy clients (the GraphQL API is at /graphql). JSON in and out, ' +
        'snake_case fields, prices as JSON numbers. Errors are `{"detail","code"}`. Protected operations take ' +
        '`Authorization: Bearer <JWT>` from register or login. Any other path under /api answers ' +
        '404 `{"detail":"Endpoint not found","code":"NOT_FOUND"}`.',
    },
    tags: [
      { name: 'Health', description: 'Liveness and readiness probes' },
      { name: 'Auth', description: 'Accounts and tokens' },
      { name: 'Products', description: 'The catalog; changes are for administrators' },
      { name: 'Orders', description: 'A customer’s orders; administrators see and manage all' },
      { name: 'Docs', description: 'This document and its browsable form' },
    ],
  });
  const { paths = {}, components = {} } = document;
  const { schemas = {}, responses = {}, parameters = {}, securitySchemes = {} } = components;
  return { ...document, paths, components: { ...components, schemas, responses, parameters, securitySchemes } };
}

export const openApiDocument = generate();
