// Numbered pages (`?page&limit`) in the REST contract: the query both lists read, and the block they answer.
import { MAX_PAGE_SIZE } from '../../services/pagination';
import { z } from './zod';

/** A positive integer in a query string; absent or empty means `fallback`. */
function positiveInteger(field: string, fallback: number) {
  const message = `${field} must be a positive integer`;
  return z
    .string({ error: message })
    .regex(/^(\d{1,15})?$/, { error: message })
    .optional()
    .transform((text) => (text === undefined || text === '' ? fallback : Number(text)))
    .refine((value) => value >= 1, { error: message })
    .openapi({ type: 'integer', minimum: 1, default: fallback });
}

export const Page = positiveInteger('page', 1).openapi('Page', {
  param: {
    name: 'page',
    in: 'query',
    description: 'Page number from 1; past the last page the list is empty. Anything else is 422.',
  },
});

/** The legacy clamp to MAX_PAGE_SIZE is the REST reader's (input.ts pagination()), so it is documented here. */
export const Limit = positiveInteger('limit', 10).openapi('Limit', {
  param: {
    name: 'limit',
    in: 'query',
    description: `Page size from 1; values above ${MAX_PAGE_SIZE} are taken as ${MAX_PAGE_SIZE}. Anything else is 422.`,
  },
});

export const PageQuery = z.object({ page: Page, limit: Limit });

/** The pagination block's fields; a list may add its own (the products' `total_exact`). */
export const paginationFields = {
  page: z.int().min(1),
  limit: z.int().min(1).max(MAX_PAGE_SIZE),
  total: z.int().min(0),
  pages: z.int().min(0).openapi({ description: 'ceil(total / limit)' }),
};

export const Pagination = z.strictObject(paginationFields).openapi('Pagination');
