// The document's own endpoints.
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { ALWAYS, error } from './errors';
import { json } from './routes';
import { z } from './zod';

const text = (mediaType: string) => ({ [mediaType]: { schema: z.string() } });

export const docsPaths: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    tags: ['Docs'],
    responses: {
      '200': {
        description: 'The OpenAPI 3.1 document',
        content: json(z.object({ openapi: z.literal('3.1.0'), info: z.object({}), paths: z.object({}) })),
      },
      ...ALWAYS,
    },
  },
  {
    method: 'get',
    path: '/api/docs',
    operationId: 'getDocsPage',
    summary: 'This document in Swagger UI, for browsers',
    tags: ['Docs'],
    responses: { '200': { description: 'An HTML page', content: text('text/html') }, ...ALWAYS },
  },
  {
    method: 'get',
    path: '/api/docs/init.js',
    operationId: 'getDocsInitializer',
    summary: 'The script that starts Swagger UI on the docs page',
    tags: ['Docs'],
    responses: { '200': { description: 'JavaScript', content: text('text/javascript') }, ...ALWAYS },
  },
  {
    method: 'get',
    path: '/api/docs/assets/{asset}',
    operationId: 'getDocsAsset',
    summary: 'A file of Swagger UI (scripts, styles, icons), served from the swagger-ui-dist package',
    tags: ['Docs'],
    request: { params: z.object({ asset: z.string() }) },
    responses: {
      '200': { description: 'The file', content: { '*/*': {} } },
      '404': error('NotFound', 'No such file'),
      ...ALWAYS,
    },
  },
];
