import { badInput } from './errors';

const DECIMAL = /^-?\d{1,13}(\.\d{1,2})?$/;

/**
 * "19.99", "15.5", 15.5 or 20 → integer cents. Anything else — more than two decimals,
 * exponents, NaN, empty strings — is refused, never rounded. A JSON number is checked as written
 * before parsing (exactJsonNumbers.ts: JSON.parse reads 19.999999999999999 as 20 and 1e2 as 100);
 * GraphQL literals arrive here as their text.
 */
export function parseMoney(value: unknown, field: string): number {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text.trim())) {
    throw badInput(field, `${field} must be an amount with at most two decimals, such as "19.99"`);
  }
  const [whole = '0', fraction = ''] = text.trim().replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return text.trim().startsWith('-') ? -cents : cents;
}

/** 1999 → "19.99" */
export function formatMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 1999 → 19.99, for the legacy REST shapes that carry prices as JSON numbers. */
export function moneyAsNumber(cents: number): number {
  return Number(formatMoney(cents));
}
