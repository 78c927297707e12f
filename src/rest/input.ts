// Readers for REST bodies and query strings: wrong types are the client's mistake (422),
// named by field, before anything reaches a service.
import { badInput } from '../errors';
import { parseMoney } from '../money';
import { MAX_PAGE_SIZE } from '../services/pagination';

export type Body = Record<string, unknown>;

export function jsonObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badInput('body', 'The request body must be a JSON object (Content-Type: application/json)');
  }
  return body as Body;
}

export function requiredString(body: Body, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined) throw badInput(field, `${field} is required`);
  return value;
}

export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badInput(field, `${field} must be a string`);
  return value;
}

export function optionalInteger(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw badInput(field, `${field} must be an integer`);
  return value;
}

export function optionalMoney(body: Body, field: string): number | undefined {
  const value = body[field];
  return value === undefined || value === null ? undefined : parseMoney(value, field);
}

/**
 * `?page=2&limit=10` (defaults 1 and 10). The services hold the paging rule (limit at most
 * MAX_PAGE_SIZE); one legacy step stays here: the old API clamped a larger `limit` silently
 * rather than refusing it, so REST clients asking for more get MAX_PAGE_SIZE rows.
 */
export function pagination(query: Record<string, unknown>): { page: number; limit: number } {
  const page = positiveInteger(query.page, 'page', 1);
  const limit = Math.min(positiveInteger(query.limit, 'limit', 10), MAX_PAGE_SIZE);
  return { page, limit };
}

function positiveInteger(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value) || Number(value) < 1) {
    throw badInput(field, `${field} must be a positive integer`);
  }
  return Number(value);
}

/** A single optional query-string value (`?category=a&category=b` is refused, not guessed). */
export function queryString(query: Record<string, unknown>, field: string): string | undefined {
  const value = query[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badInput(field, `${field} must be given once, as text`);
  return value;
}
