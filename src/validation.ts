import { badInput } from './errors';

/** IDs are positive integers; anything else is the client's mistake, named as such. */
export function parseId(value: unknown, field = 'id'): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9]\d{0,14}$/.test(text)) {
    throw badInput(field, `${field} must be a positive integer id`);
  }
  return Number(text);
}

/** A string of `min` to `max` characters after trimming; returns the trimmed string. */
export function text(value: string, field: string, min: number, max: number): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < min) {
    throw badInput(field, min === 1 ? `${field} must not be empty` : `${field} must be at least ${min} characters`);
  }
  if (length > max) throw badInput(field, `${field} must be at most ${max} characters`);
  return trimmed;
}

export function integerInRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(field, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}
