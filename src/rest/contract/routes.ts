// What operations share: JSON content, the bearer requirement, the `{id}` path parameter.
import type { ZodType } from 'zod';
import { z } from './zod';

export const json = (schema: ZodType) => ({ 'application/json': { schema } });

export const BEARER = [{ bearerAuth: [] }];

/**
 * `{id}` in a path. The services read it (validation.ts parseId, shared with GraphQL), so this
 * schema documents what they accept.
 */
export const Id = z
  .string()
  .openapi('Id', {
    param: { name: 'id', in: 'path', required: true, description: 'A positive integer; anything else is 422' },
    type: 'integer',
    minimum: 1,
  });

export const IdParams = z.object({ id: Id });
