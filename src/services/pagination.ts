import type { Connection } from '../domain';
import { badInput } from '../errors';
import { integerInRange } from '../validation';

export const MAX_PAGE_SIZE = 100;

export function checkFirst(first: number): number {
  return integerInRange(first, 'first', 1, MAX_PAGE_SIZE);
}

/** A numbered page (REST's `?page&limit`): page 1 or more, limit 1 to MAX_PAGE_SIZE; the rows it skips. */
export function offsetPage({ page, limit }: { page: number; limit: number }): { offset: number; limit: number } {
  integerInRange(page, 'page', 1, Number.MAX_SAFE_INTEGER);
  integerInRange(limit, 'limit', 1, MAX_PAGE_SIZE);
  return { offset: (page - 1) * limit, limit };
}

/** Cursors are opaque to clients: base64url of a small JSON object. */
export function encodeCursor(payload: object): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, isValid: (payload: unknown) => payload is T): T {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  if (!isValid(payload)) throw badInput('after', 'after is not a cursor returned by this list (with the same sort)');
  return payload;
}

/** The cursor of lists ordered by id alone. */
export function isIdCursor(payload: unknown): payload is { id: number } {
  return typeof payload === 'object' && payload !== null && Number.isInteger((payload as { id?: unknown }).id);
}

/**
 * Builds a page from up to `first + 1` rows: the extra row only tells that there is a next page.
 */
export function connectionFrom<T>(
  rows: T[],
  first: number,
  cursorOf: (node: T) => string,
  countTotal: () => Promise<number>,
): Connection<T> {
  const edges = rows.slice(0, first).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: countTotal,
  };
}
