// The products endpoints: what they read and answer, and the operations built from them.
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { PRIVATE_CACHE_CONTROL, publicCacheControl, REST_CATALOG_POLICY, VARY } from '../../cache/policy';
import { OFFSET_PRODUCT_SORTS, type OffsetProductSort } from '../../domain';
import { MAX_SEARCH_LENGTH, MAX_STOCK, PRODUCT_TEXT_LENGTHS, REQUIRED_PRODUCT_FIELDS, SEARCH_COUNT_CAP } from '../../services/products';
import { ALWAYS, error, JSON_BODY_ERRORS } from './errors';
import { id, jsonBody, optionalInteger, optionalPrice, optionalText, queryText, timestamp } from './fields';
import { PageQuery, paginationFields } from './paging';
import { BEARER, IdParams, json } from './routes';
import { z } from './zod';

const { name, description, category } = PRODUCT_TEXT_LENGTHS;
/** REST's spelling of the orders of numbered pages: the domain's, lower-cased. */
const REST_SORTS = OFFSET_PRODUCT_SORTS.map((sort) => sort.toLowerCase() as Lowercase<OffsetProductSort>) as [
  Lowercase<OffsetProductSort>,
  ...Lowercase<OffsetProductSort>[],
];
const toOffsetSort = (sort: Lowercase<OffsetProductSort>) => sort.toUpperCase() as OffsetProductSort;
const lengths = ({ min, max }: { min: number; max: number }) => ({ ...(min > 0 && { minLength: min }), maxLength: max });

/** A product's fields as a body gives them; the service checks each given one and, on create, that the required are there. */
const productFields = {
  name: optionalText('name').openapi(lengths(name)),
  description: optionalText('description').openapi(lengths(description)),
  price: optionalPrice,
  stock: optionalInteger('stock').openapi({ minimum: 0, maximum: MAX_STOCK }),
  category: optionalText('category').openapi(lengths(category)),
};

/** Required fields are the service's to check, after the values given (its messages come in that order). */
export const ProductCreate = jsonBody({
  ...productFields,
  description: productFields.description.openapi({ description: 'Empty when omitted' }),
}).openapi('ProductCreate', { required: Object.values(REQUIRED_PRODUCT_FIELDS) });

export const ProductUpdate = jsonBody(productFields).openapi('ProductUpdate', { description: 'Only the fields given change.' });

export const ProductQuery = PageQuery.extend({
  search: queryText('search').openapi({
    description: `Case-insensitive text in the name or description (at most ${MAX_SEARCH_LENGTH} characters)`,
    maxLength: MAX_SEARCH_LENGTH,
  }),
  category: queryText('category').openapi({ description: 'Exactly this category' }),
  sort: z
    .enum(REST_SORTS, { error: `sort must be one of ${REST_SORTS.join(', ')}` })
    .optional()
    .transform((sort) => (sort === undefined ? undefined : toOffsetSort(sort)))
    .openapi({
      description:
        '`newest` (the default) or `relevance`: with a search, products whose name alone matches first, then the others, newest first within each',
      default: 'newest',
    }),
});

export const ProductBody = z
  .strictObject({
    id,
    name: z.string(),
    description: z.string(),
    price: z.number().min(0).openapi({ description: 'A JSON number with at most two decimals', examples: [19.99] }),
    stock: z.int().min(0),
    category: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Product');

export const ProductList = z
  .strictObject({
    products: z.array(ProductBody),
    pagination: z
      .strictObject({
        ...paginationFields,
        total_exact: z.boolean().openapi({
          description: `false when a search matches more than ${SEARCH_COUNT_CAP} products: \`total\` is then ${SEARCH_COUNT_CAP} (and \`pages\` follows it)`,
        }),
      })
      .openapi('ProductPagination'),
  })
  .openapi('ProductList');

const product = (description: string) => ({ description, content: json(ProductBody) });

/** What a catalog read tells caches; src/cache/policy.ts decides it. */
const CachingHeaders = z.object({
  'Cache-Control': z.string().openapi({
    description: `\`${publicCacheControl(REST_CATALOG_POLICY.maxAge)}\` without Authorization (shared caches and CDNs may keep it); \`${PRIVATE_CACHE_CONTROL}\` with it`,
  }),
  ETag: z.string().regex(/^"[^"]*"$/).openapi({ description: 'A strong validator of the body: sent back in If-None-Match, it gets 304 while it holds' }),
  Vary: z.string().openapi({ description: `\`${VARY}\`: what a shared cache keys on besides the URL` }),
});
const Revalidation = z.object({ 'If-None-Match': z.string().optional().openapi({ description: 'The ETag of an earlier answer' }) });
const cached = <T extends object>(response: T) => ({ ...response, headers: CachingHeaders });
const NOT_MODIFIED = cached({ description: 'The ETag in If-None-Match still holds: no body' });

export const productPaths: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/products',
    operationId: 'listProducts',
    summary: 'List products, newest first',
    tags: ['Products'],
    request: { query: ProductQuery, headers: Revalidation },
    responses: {
      '200': cached({ description: 'One page of products', content: json(ProductList) }),
      '304': NOT_MODIFIED,
      '401': error('InvalidToken'),
      '422': error('InvalidInput', 'A bad page, limit or search, or a parameter given twice'),
      '429': error('TooManySearches'),
      ...ALWAYS,
    },
  },
  {
    method: 'post',
    path: '/api/products',
    operationId: 'createProduct',
    summary: 'Create a product (admin)',
    tags: ['Products'],
    security: BEARER,
    request: { body: { required: true, content: json(ProductCreate) } },
    responses: {
      '201': {
        ...product('The product created'),
        headers: z.object({ Location: z.string().openapi({ description: 'The new product’s URL' }) }),
      },
      ...JSON_BODY_ERRORS,
      '401': error('Unauthenticated'),
      '403': error('Forbidden'),
      '422': error('InvalidInput', 'A missing or invalid field, named by `field`'),
      ...ALWAYS,
    },
  },
  {
    method: 'get',
    path: '/api/products/{id}',
    operationId: 'getProduct',
    summary: 'One product',
    tags: ['Products'],
    request: { params: IdParams, headers: Revalidation },
    responses: {
      '200': cached(product('The product')),
      '304': NOT_MODIFIED,
      '401': error('InvalidToken'),
      '404': error('NotFound', 'No product has this id'),
      '422': error('InvalidInput', 'The id is not a positive integer'),
      ...ALWAYS,
    },
  },
  {
    method: 'put',
    path: '/api/products/{id}',
    operationId: 'updateProduct',
    summary: 'Change some fields of a product (admin)',
    tags: ['Products'],
    security: BEARER,
    request: { params: IdParams, body: { required: true, content: json(ProductUpdate) } },
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
  {
    method: 'delete',
    path: '/api/products/{id}',
    operationId: 'deleteProduct',
    summary: 'Delete a product (admin)',
    description: 'A product that past orders reference is archived (hidden from listings), not destroyed.',
    tags: ['Products'],
    security: BEARER,
    request: { params: IdParams },
    responses: {
      '204': { description: 'Deleted; no body' },
      '401': error('Unauthenticated'),
      '403': error('Forbidden'),
      '404': error('NotFound', 'No product has this id'),
      '422': error('InvalidInput', 'The id is not a positive integer'),
      ...ALWAYS,
    },
  },
];
