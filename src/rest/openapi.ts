import { PASSWORD_RULES } from '../auth/passwords';
import { LOGIN_LIMITS, REGISTRATION_WINDOW_SECONDS } from '../auth/loginThrottle';
import { DEFAULT_BCRYPT_QUEUE_MAX, DEFAULT_REGISTRATION_LIMIT } from '../config';
import { ORDER_STATUSES, ROLES } from '../domain';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { EXPENSIVE_READ_MAX_WAIT_MS } from '../services/expensiveReads';
import { EMAIL_RULES } from '../services/emailAddresses';

// The REST contract under /api, as an OpenAPI 3.1 document. It is served at /api/openapi.json
// and every response in the test suite is validated against it, so it cannot drift from the code.
// Success bodies are closed (additionalProperties: false): the legacy clients' shapes must not
// change silently. Error bodies stay open for extra snake_case facts (field, product_id, ...).

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect). */
export type JsonSchema = { [keyword: string]: unknown };

/** OpenAPI 3.1 lets a reference override the description of what it points to. */
export type Reference = { $ref: string; description?: string };

export interface MediaType {
  schema?: JsonSchema;
}

export interface Header {
  description?: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Response {
  description: string;
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface RequestBody {
  required?: boolean;
  description?: string;
  content: Record<string, MediaType>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: (Parameter | Reference)[];
  requestBody?: RequestBody | Reference;
  responses: Record<string, Response | Reference>;
}

export type PathItem = Partial<Record<HttpMethod, Operation>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  tags: { name: string; description?: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
    parameters: Record<string, Parameter>;
    requestBodies: Record<string, RequestBody>;
    securitySchemes: Record<string, { type: 'http'; scheme: string; bearerFormat?: string; description?: string }>;
  };
}

const schema = (name: string): Reference => ({ $ref: `#/components/schemas/${name}` });
const parameter = (name: string): Reference => ({ $ref: `#/components/parameters/${name}` });
const requestBody = (name: string): Reference => ({ $ref: `#/components/requestBodies/${name}` });
const json = (body: JsonSchema): Record<string, MediaType> => ({ 'application/json': { schema: body } });
const BEARER = [{ bearerAuth: [] }];

function retryAfterHeader(description: string): Header {
  return { description, required: true, schema: { type: 'string', pattern: '^[1-9][0-9]*$' } };
}

/** A shared error response, optionally with a description of what it means for this operation. */
function error(name: ErrorResponseName, description?: string): Reference {
  return { $ref: `#/components/responses/${name}`, ...(description !== undefined && { description }) };
}

/** An error response whose `code` is one of `codes`. */
function errorWithCode(description: string, codes: ErrorCode[]): Response {
  return { description, content: json({ allOf: [schema('Error'), { properties: { code: { enum: codes } } }] }) };
}


const ERROR_RESPONSES = {
  MalformedJson: errorWithCode(
    'The request body is not valid JSON, or holds a number written with an exponent (1e2) or with more digits than it keeps (19.999999999999999 reads as 20)',
    ['BAD_USER_INPUT'],
  ),
  PayloadTooLarge: errorWithCode('The request body is over 100 kB', ['BAD_USER_INPUT']),
  InvalidInput: errorWithCode(
    'Invalid input (`code` BAD_USER_INPUT; `field` names the offending field or parameter)',
    ['BAD_USER_INPUT'],
  ),
  Unauthenticated: errorWithCode(
    'No valid bearer token: missing where required, or present but malformed, expired, of a deleted user ' +
      'or of an ended session (after logout, a password change or a role change)',
    ['UNAUTHENTICATED'],
  ),
  InvalidToken: errorWithCode(
    'An Authorization header is present but is not a valid bearer token, or its session has ended ' +
      '(anonymous calls need none)',
    ['UNAUTHENTICATED'],
  ),
  TooManyAttempts: {
    ...errorWithCode(
      `Too many failed sign-in attempts for this email (${LOGIN_LIMITS.perEmail.failures}) or from this client ` +
        `(${LOGIN_LIMITS.perClient.failures}) in ${LOGIN_LIMITS.perEmail.windowSeconds / 60} minutes: refused ` +
        'without checking the password, even a right one. `retry_after_seconds` and Retry-After say when to retry.',
      ['RATE_LIMITED'],
    ),
    headers: { 'Retry-After': retryAfterHeader('Seconds until the limit resets') },
  },
  TooManySignUps: {
    ...errorWithCode(
      `Too many registrations from this client address (REGISTRATION_LIMIT, ${DEFAULT_REGISTRATION_LIMIT} by default, ` +
        `in ${REGISTRATION_WINDOW_SECONDS / 60} minutes; "email taken" answers count too): refused without ` +
        'hashing. `retry_after_seconds` and Retry-After say when to retry.',
      ['RATE_LIMITED'],
    ),
    headers: { 'Retry-After': retryAfterHeader('Seconds until the limit resets') },
  },
  PasswordQueueFull: {
    ...errorWithCode(
      `The server is busy hashing or checking passwords (BCRYPT_QUEUE_MAX, ${DEFAULT_BCRYPT_QUEUE_MAX} by default, ` +
        'jobs already wait): refused at once rather than queued. Nothing was created or counted; retry after ' +
        '`retry_after_seconds` (also the Retry-After header).',
      ['SERVICE_UNAVAILABLE'],
    ),
    headers: { 'Retry-After': retryAfterHeader('Seconds the queue ahead is expected to take') },
  },
  TooManySearches: {
    ...errorWithCode(
      `A search that scans the whole catalog (no word of 3 or more letters or digits) waited ${EXPENSIVE_READ_MAX_WAIT_MS} ms ` +
        'for one of the few such searches allowed at once. `retry_after_seconds` and Retry-After say when to retry.',
      ['RATE_LIMITED'],
    ),
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before retrying',
        required: true,
        schema: { type: 'string', pattern: '^[1-9][0-9]*$' },
      },
    },
  },
  Forbidden: errorWithCode('The caller is signed in but is not an administrator', ['FORBIDDEN']),
  NotFound: errorWithCode('Not found', ['NOT_FOUND']),
  Conflict: errorWithCode('Conflicts with the current state', ['CONFLICT']),
  InternalServerError: errorWithCode('An unexpected failure; no details leave the server', ['INTERNAL_SERVER_ERROR']),
} satisfies Record<string, Response>;
type ErrorResponseName = keyof typeof ERROR_RESPONSES;

/** What every operation can answer, whatever it does. */
const ALWAYS = { '500': error('InternalServerError') };
/** What every operation with a JSON body can answer before its handler runs. */
const JSON_BODY_ERRORS = { '400': error('MalformedJson'), '413': error('PayloadTooLarge') };

const timestamp = { type: 'string', format: 'date-time', examples: ['2026-01-01T12:00:00.000Z'] };
const id = { type: 'integer', minimum: 1 };

const schemas: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    description: 'Every error. Extra snake_case facts may accompany `detail` and `code`.',
    required: ['detail', 'code'],
    properties: {
      detail: { type: 'string', description: 'A message for people' },
      code: { type: 'string', enum: [...ERROR_CODES] },
      field: { type: 'string', description: 'The input field or parameter at fault (BAD_USER_INPUT)' },
      product_id: { type: 'integer', description: 'The product concerned (orders)' },
      available: { type: 'integer', description: 'Units in stock (INSUFFICIENT_STOCK)' },
      retry_after_seconds: {
        type: 'integer',
        minimum: 1,
        description: 'When to try again, also sent as the Retry-After header (RATE_LIMITED, SERVICE_UNAVAILABLE)',
      },
    },
    additionalProperties: true,
    examples: [{ detail: 'price must be from 0 to 1000000.00', code: 'BAD_USER_INPUT', field: 'price' }],
  },
  Health: {
    type: 'object',
    required: ['status', 'environment'],
    properties: {
      status: { type: 'string', examples: ['Server is running'] },
      environment: { type: 'string', description: 'NODE_ENV', examples: ['production'] },
    },
    additionalProperties: false,
  },
  Ready: {
    type: 'object',
    required: ['status'],
    properties: { status: { const: 'ready' }, replicas: { $ref: '#/components/schemas/Replicas' } },
    additionalProperties: false,
  },
  NotReady: {
    type: 'object',
    required: ['status', 'detail'],
    properties: {
      status: { const: 'not ready' },
      detail: { type: 'string', description: 'What is wrong, e.g. the pending migrations' },
      replicas: { $ref: '#/components/schemas/Replicas' },
    },
    additionalProperties: false,
  },
  Replicas: {
    type: 'array',
    description: 'With DB_REPLICAS only: each read replica as this instance last saw it (readiness follows the primary alone)',
    items: {
      type: 'object',
      required: ['address', 'state', 'lagSeconds'],
      properties: {
        address: { type: 'string', examples: ['10.0.0.12:3306'] },
        state: { enum: ['starting', 'healthy', 'lagging', 'not replicating', 'unreachable'] },
        lagSeconds: { type: ['integer', 'null'], description: 'Seconds_Behind_Master at the last check (every 250 ms)' },
      },
      additionalProperties: false,
    },
  },
  Credentials: {
    type: 'object',
    required: ['email', 'password'],
    properties: {
      email: { type: 'string', maxLength: 254, description: EMAIL_RULES, examples: ['user@example.com'] },
      password: { type: 'string', description: `At registration: ${PASSWORD_RULES}`, minLength: 1 },
    },
  },
  PasswordChange: {
    type: 'object',
    required: ['current_password', 'new_password'],
    properties: {
      current_password: { type: 'string', minLength: 1 },
      new_password: { type: 'string', description: PASSWORD_RULES, minLength: 1 },
    },
  },
  User: {
    type: 'object',
    required: ['id', 'email', 'role'],
    properties: {
      id,
      email: { type: 'string', examples: ['user@example.com'] },
      role: { type: 'string', enum: [...ROLES] },
    },
    additionalProperties: false,
  },
  AuthPayload: {
    type: 'object',
    required: ['token', 'user'],
    properties: {
      token: { type: 'string', description: 'A JWT to send as `Authorization: Bearer <token>`' },
      user: schema('User'),
    },
    additionalProperties: false,
  },
  Product: {
    type: 'object',
    required: ['id', 'name', 'description', 'price', 'stock', 'category', 'created_at', 'updated_at'],
    properties: {
      id,
      name: { type: 'string' },
      description: { type: 'string' },
      price: { type: 'number', minimum: 0, description: 'A JSON number with at most two decimals', examples: [19.99] },
      stock: { type: 'integer', minimum: 0 },
      category: { type: 'string' },
      created_at: timestamp,
      updated_at: timestamp,
    },
    additionalProperties: false,
  },
  Price: {
    description:
      'An amount from 0 to 1000000.00 with at most two decimals, as a number (19.99) or a string ("19.99"); ' +
      'a number is taken as written: 1e2 and 19.999999999999999 are refused (400), never rounded',
    anyOf: [
      { type: 'number', minimum: 0, maximum: 1_000_000 },
      { type: 'string', pattern: '^\\s*\\d{1,7}(\\.\\d{1,2})?\\s*$' },
    ],
  },
  ProductCreate: {
    type: 'object',
    required: ['name', 'price', 'stock', 'category'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      description: { type: 'string', maxLength: 5000, description: 'Empty when omitted' },
      price: schema('Price'),
      stock: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
      category: { type: 'string', minLength: 1, maxLength: 100 },
    },
  },
  ProductUpdate: {
    type: 'object',
    description: 'Only the fields given change.',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      description: { type: 'string', maxLength: 5000 },
      price: schema('Price'),
      stock: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
      category: { type: 'string', minLength: 1, maxLength: 100 },
    },
  },
  Pagination: {
    type: 'object',
    required: ['page', 'limit', 'total', 'pages'],
    properties: {
      page: { type: 'integer', minimum: 1 },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      total: { type: 'integer', minimum: 0 },
      pages: { type: 'integer', minimum: 0, description: 'ceil(total / limit)' },
    },
    additionalProperties: false,
  },
  ProductList: {
    type: 'object',
    required: ['products', 'pagination'],
    properties: { products: { type: 'array', items: schema('Product') }, pagination: schema('Pagination') },
    additionalProperties: false,
  },
  OrderStatus: { type: 'string', enum: [...ORDER_STATUSES] },
  OrderItem: {
    type: 'object',
    required: ['id', 'product_id', 'product_name', 'quantity', 'price', 'line_total'],
    properties: {
      id,
      product_id: id,
      product_name: { type: 'string', description: 'The product’s name when the order was placed' },
      quantity: { type: 'integer', minimum: 1 },
      price: { type: 'number', description: 'The unit price when the order was placed' },
      line_total: { type: 'number', description: 'price × quantity' },
    },
    additionalProperties: false,
  },
  Order: {
    type: 'object',
    required: ['id', 'user_id', 'status', 'total_amount', 'items', 'created_at', 'updated_at'],
    properties: {
      id,
      user_id: id,
      status: schema('OrderStatus'),
      total_amount: { type: 'number', minimum: 0, examples: [39.98] },
      items: { type: 'array', items: schema('OrderItem') },
      created_at: timestamp,
      updated_at: timestamp,
    },
    additionalProperties: false,
  },
  OrderList: {
    type: 'object',
    required: ['orders', 'pagination'],
    properties: { orders: { type: 'array', items: schema('Order') }, pagination: schema('Pagination') },
    additionalProperties: false,
  },
  OrderCreate: {
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        description: 'Lines for the same product are merged',
        items: {
          type: 'object',
          required: ['product_id', 'quantity'],
          properties: { product_id: id, quantity: { type: 'integer', minimum: 1, maximum: 1000 } },
        },
      },
    },
  },
  OrderStatusUpdate: {
    type: 'object',
    required: ['status'],
    properties: { status: schema('OrderStatus') },
  },
};

const parameters: Record<string, Parameter> = {
  Id: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'A positive integer; anything else is 422',
    schema: { type: 'integer', minimum: 1 },
  },
  Page: {
    name: 'page',
    in: 'query',
    description: 'Page number from 1; past the last page the list is empty. Anything else is 422.',
    schema: { type: 'integer', minimum: 1, default: 1 },
  },
  Limit: {
    name: 'limit',
    in: 'query',
    description: 'Page size from 1; values above 100 are taken as 100. Anything else is 422.',
    schema: { type: 'integer', minimum: 1, default: 10 },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    description:
      'Makes retries safe: the same key with the same body returns the order first placed with it, ' +
      'without placing another; the same key with another body is 409 CONFLICT.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
};

const requestBodies: Record<string, RequestBody> = {
  Credentials: { required: true, content: json(schema('Credentials')) },
  PasswordChange: { required: true, content: json(schema('PasswordChange')) },
  ProductCreate: { required: true, content: json(schema('ProductCreate')) },
  ProductUpdate: { required: true, content: json(schema('ProductUpdate')) },
  OrderCreate: { required: true, content: json(schema('OrderCreate')) },
  OrderStatusUpdate: { required: true, content: json(schema('OrderStatusUpdate')) },
};

const product = (description: string): Response => ({ description, content: json(schema('Product')) });
const order = (description: string): Response => ({ description, content: json(schema('Order')) });

export const openApiDocument: OpenApiDocument = {
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
  paths: {
    '/api/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Liveness: the process answers (never touches the database)',
        tags: ['Health'],
        responses: { '200': { description: 'The server is running', content: json(schema('Health')) }, ...ALWAYS },
      },
    },
    '/api/ready': {
      get: {
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers and no migration is pending',
        tags: ['Health'],
        responses: {
          '200': { description: 'Ready for traffic', content: json(schema('Ready')) },
          '503': { description: 'Not ready, with what is wrong', content: json(schema('NotReady')) },
          ...ALWAYS,
        },
      },
    },
    '/api/auth/register': {
      post: {
        operationId: 'register',
        summary: 'Create a customer account and sign in',
        description: 'The role is always `user`. The email is stored trimmed, in Unicode NFC and in lower case.',
        tags: ['Auth'],
        requestBody: requestBody('Credentials'),
        responses: {
          '201': { description: 'The account, with a token', content: json(schema('AuthPayload')) },
          ...JSON_BODY_ERRORS,
          '401': error('InvalidToken'),
          '409': error('Conflict', 'An account with this email already exists'),
          '422': error('InvalidInput', 'A missing or invalid email, or a password against the rules (`field` says which)'),
          '429': error('TooManySignUps'),
          '503': error('PasswordQueueFull'),
          ...ALWAYS,
        },
      },
    },
    '/api/auth/login': {
      post: {
        operationId: 'login',
        summary: 'Sign in with email and password',
        tags: ['Auth'],
        requestBody: requestBody('Credentials'),
        responses: {
          '200': { description: 'A token for the account', content: json(schema('AuthPayload')) },
          ...JSON_BODY_ERRORS,
          '401': error('Unauthenticated', 'Invalid email or password (or an invalid Authorization header)'),
          '422': error('InvalidInput', 'A missing or invalid email or password'),
          '429': error('TooManyAttempts'),
          '503': error('PasswordQueueFull'),
          ...ALWAYS,
        },
      },
    },
    '/api/auth/logout': {
      post: {
        operationId: 'logout',
        summary: 'End every session of the caller',
        description: 'Every token of the caller stops working, on every device.',
        tags: ['Auth'],
        security: BEARER,
        responses: {
          '204': { description: 'Signed out; no body' },
          '401': error('Unauthenticated'),
          ...ALWAYS,
        },
      },
    },
    '/api/auth/change-password': {
      post: {
        operationId: 'changePassword',
        summary: 'Change the caller’s password',
        description:
          'Needs the current password, checked under the same limits as login. Every other session ' +
          'ends: the token returned is the one to use from now on.',
        tags: ['Auth'],
        security: BEARER,
        requestBody: requestBody('PasswordChange'),
        responses: {
          '200': { description: 'A new token for the account', content: json(schema('AuthPayload')) },
          ...JSON_BODY_ERRORS,
          '401': error('Unauthenticated'),
          '422': error(
            'InvalidInput',
            'A missing field, a wrong `current_password`, or a `new_password` against the rules',
          ),
          '429': error('TooManyAttempts'),
          '503': error('PasswordQueueFull'),
          ...ALWAYS,
        },
      },
    },
    '/api/products': {
      get: {
        operationId: 'listProducts',
        summary: 'List products, newest first',
        tags: ['Products'],
        parameters: [
          parameter('Page'),
          parameter('Limit'),
          {
            name: 'search',
            in: 'query',
            description: 'Case-insensitive text in the name or description (at most 200 characters)',
            schema: { type: 'string', maxLength: 200 },
          },
          { name: 'category', in: 'query', description: 'Exactly this category', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'One page of products', content: json(schema('ProductList')) },
          '401': error('InvalidToken'),
          '422': error('InvalidInput', 'A bad page, limit or search, or a parameter given twice'),
          '429': error('TooManySearches'),
          ...ALWAYS,
        },
      },
      post: {
        operationId: 'createProduct',
        summary: 'Create a product (admin)',
        tags: ['Products'],
        security: BEARER,
        requestBody: requestBody('ProductCreate'),
        responses: {
          '201': {
            ...product('The product created'),
            headers: {
              Location: { description: 'The new product’s URL', required: true, schema: { type: 'string' } },
            },
          },
          ...JSON_BODY_ERRORS,
          '401': error('Unauthenticated'),
          '403': error('Forbidden'),
          '422': error('InvalidInput', 'A missing or invalid field, named by `field`'),
          ...ALWAYS,
        },
      },
    },
    '/api/products/{id}': {
      get: {
        operationId: 'getProduct',
        summary: 'One product',
        tags: ['Products'],
        parameters: [parameter('Id')],
        responses: {
          '200': product('The product'),
          '401': error('InvalidToken'),
          '404': error('NotFound', 'No product has this id'),
          '422': error('InvalidInput', 'The id is not a positive integer'),
          ...ALWAYS,
        },
      },
      put: {
        operationId: 'updateProduct',
        summary: 'Change some fields of a product (admin)',
        tags: ['Products'],
        security: BEARER,
        parameters: [parameter('Id')],
        requestBody: requestBody('ProductUpdate'),
        responses: {
          '200': product('The product as changed'),
          ...JSON_BODY_ERRORS,
          '401': error('Unauthenticated'),
          '403': error('Forbidden'),
          '404': error('NotFound', 'No product has this id'),
          '422': error('InvalidInput', 'The id is not a positive integer, or a field is invalid'),
          ...ALWAYS,
        },
      },
      delete: {
        operationId: 'deleteProduct',
        summary: 'Delete a product (admin)',
        description: 'A product that past orders reference is archived (hidden from listings), not destroyed.',
        tags: ['Products'],
        security: BEARER,
        parameters: [parameter('Id')],
        responses: {
          '204': { description: 'Deleted; no body' },
          '401': error('Unauthenticated'),
          '403': error('Forbidden'),
          '404': error('NotFound', 'No product has this id'),
          '422': error('InvalidInput', 'The id is not a positive integer'),
          ...ALWAYS,
        },
      },
    },
    '/api/orders': {
      get: {
        operationId: 'listOrders',
        summary: 'List orders, newest first: the caller’s own, or everyone’s for an admin',
        tags: ['Orders'],
        security: BEARER,
        parameters: [parameter('Page'), parameter('Limit')],
        responses: {
          '200': { description: 'One page of orders', content: json(schema('OrderList')) },
          '401': error('Unauthenticated'),
          '422': error('InvalidInput', 'A bad page or limit'),
          ...ALWAYS,
        },
      },
      post: {
        operationId: 'placeOrder',
        summary: 'Place an order',
        description:
          'One transaction: stock is checked and decremented for every line or for none, unit prices are ' +
          'snapshotted and the total is computed on the server.',
        tags: ['Orders'],
        security: BEARER,
        parameters: [parameter('IdempotencyKey')],
        requestBody: requestBody('OrderCreate'),
        responses: {
          '201': {
            ...order('The order placed, or, for a replayed Idempotency-Key, the order first placed with it'),
            headers: {
              Location: { description: 'The order’s URL', required: true, schema: { type: 'string' } },
              'Idempotent-Replayed': {
                description: 'Present, as `true`, when the response replays an earlier request with the same key',
                schema: { type: 'string', const: 'true' },
              },
            },
          },
          ...JSON_BODY_ERRORS,
          '401': error('Unauthenticated'),
          '404': error('NotFound', 'A product is unknown or archived (`product_id` names it)'),
          '409': errorWithCode(
            'INSUFFICIENT_STOCK: a line asks for more than is in stock (`product_id`, `available`); ' +
              'CONFLICT: the Idempotency-Key was used with another body, or the caller’s unpaid orders would hold more than ' +
              'MAX_UNPAID_UNITS_PER_USER units (`limit`, `held`, `requested`)',
            ['INSUFFICIENT_STOCK', 'CONFLICT'],
          ),
          '422': error('InvalidInput', 'No items, or a bad product_id, quantity (1–1000 per product, lines of one product added up) or Idempotency-Key'),
          ...ALWAYS,
        },
      },
    },
    '/api/orders/{id}': {
      get: {
        operationId: 'getOrder',
        summary: 'One order (its owner’s or an admin’s)',
        tags: ['Orders'],
        security: BEARER,
        parameters: [parameter('Id')],
        responses: {
          '200': order('The order'),
          '401': error('Unauthenticated'),
          '404': error('NotFound', 'No order has this id, or it is someone else’s'),
          '422': error('InvalidInput', 'The id is not a positive integer'),
          ...ALWAYS,
        },
      },
      patch: {
        operationId: 'updateOrderStatus',
        summary: 'Move an order to another status (admin)',
        description: 'Only pending → paid → shipped → delivered, and → cancelled from pending or paid.',
        tags: ['Orders'],
        security: BEARER,
        parameters: [parameter('Id')],
        requestBody: requestBody('OrderStatusUpdate'),
        responses: {
          '200': order('The order with its new status'),
          ...JSON_BODY_ERRORS,
          '401': error('Unauthenticated'),
          '403': error('Forbidden'),
          '404': error('NotFound', 'No order has this id'),
          '409': errorWithCode('The order cannot move to this status from its current one', ['INVALID_TRANSITION']),
          '422': error('InvalidInput', 'The id is not a positive integer, or the status is not one of the enum'),
          ...ALWAYS,
        },
      },
    },
    '/api/orders/{id}/cancel': {
      post: {
        operationId: 'cancelOrder',
        summary: 'Cancel an order and restock its items',
        description: 'Its owner while it is pending; an admin while it is pending or paid.',
        tags: ['Orders'],
        security: BEARER,
        parameters: [parameter('Id')],
        responses: {
          '200': order('The cancelled order'),
          '401': error('Unauthenticated'),
          '404': error('NotFound', 'No order has this id, or it is someone else’s'),
          '409': errorWithCode('The order can no longer be cancelled by this caller', ['INVALID_TRANSITION']),
          '422': error('InvalidInput', 'The id is not a positive integer'),
          ...ALWAYS,
        },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        tags: ['Docs'],
        responses: {
          '200': {
            description: 'The OpenAPI 3.1 document',
            content: json({
              type: 'object',
              required: ['openapi', 'info', 'paths'],
              properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } },
            }),
          },
          ...ALWAYS,
        },
      },
    },
    '/api/docs': {
      get: {
        operationId: 'getDocsPage',
        summary: 'This document in Swagger UI, for browsers',
        tags: ['Docs'],
        responses: {
          '200': { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
          ...ALWAYS,
        },
      },
    },
    '/api/docs/init.js': {
      get: {
        operationId: 'getDocsInitializer',
        summary: 'The script that starts Swagger UI on the docs page',
        tags: ['Docs'],
        responses: {
          '200': { description: 'JavaScript', content: { 'text/javascript': { schema: { type: 'string' } } } },
          ...ALWAYS,
        },
      },
    },
    '/api/docs/assets/{asset}': {
      get: {
        operationId: 'getDocsAsset',
        summary: 'A file of Swagger UI (scripts, styles, icons), served from the swagger-ui-dist package',
        tags: ['Docs'],
        parameters: [{ name: 'asset', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The file', content: { '*/*': {} } },
          '404': error('NotFound', 'No such file'),
          ...ALWAYS,
        },
      },
    },
  },
  components: {
    schemas,
    responses: ERROR_RESPONSES,
    parameters,
    requestBodies,
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The token from POST /api/auth/register, /api/auth/login or /api/auth/change-password',
      },
    },
  },
};
