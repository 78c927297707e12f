// The REST reader: bodies and query strings are parsed with the contract's schemas (contract/),
// the ones the OpenAPI document is generated from. Wrong types are the client's mistake (422),
// named by field, before anything reaches a service.
import type { z } from 'zod';
import { badInput } from '../errors';
import { MAX_PAGE_SIZE } from '../services/pagination';

/**
 * `schema`'s reading of `value`, or the first problem as badInput(field, message): the field is
 * the innermost name on the issue's path (`items[2].quantity` → quantity), `body` when the body
 * itself is wrong.
 */
export function read<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue?.path.findLast((key): key is string => typeof key === 'string') ?? 'body';
  throw badInput(field, issue?.message ?? 'The request is invalid');
}

/**
 * `?page=2&limit=10` (defaults 1 and 10) and whatever else `schema` reads. The services hold the
 * paging rule (limit at most MAX_PAGE_SIZE); one legacy step stays here: the old API clamped a
 * larger `limit` silently rather than refusing it, so REST clients asking for more get
 * MAX_PAGE_SIZE rows (contract/paging.ts documents it).
 */
export function pagination<T extends z.ZodType<{ page: number; limit: number }, unknown>>(
  schema: T,
  query: unknown,
): z.output<T> {
  const args = read(schema, query);
  return { ...args, limit: Math.min(args.limit, MAX_PAGE_SIZE) };
}
