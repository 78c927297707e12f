// Money arrives from the API as a decimal string with two fraction digits ("19.99"). The
// storefront adds amounts in integer cents, never in floating point, like the server does.

const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** "19.99" → 1999, "5" → 500, "0.5" → 50. Throws on anything that is not such an amount. */
export function toCents(amount: string): number {
  const match = AMOUNT.exec(amount.trim());
  if (!match) throw new Error(`Not an amount of money: "${amount}"`);
  const [, sign, units = '0', fraction = ''] = match;
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) throw new Error(`Amount out of range: "${amount}"`);
  return sign === '-' && cents !== 0 ? -cents : cents;
}

/** 1999 → "19.99": the API's own notation, for inputs. */
export function fromCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`Not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** 129999 → "$1,299.99": for display. */
export function formatCents(cents: number): string {
  const [units = '0', fraction = '00'] = fromCents(Math.abs(cents)).split('.');
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents < 0 ? '−' : ''}$${grouped}.${fraction}`;
}

/** "1299.99" → "$1,299.99". */
export function formatMoney(amount: string): string {
  return formatCents(toCents(amount));
}
