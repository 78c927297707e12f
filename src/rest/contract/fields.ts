// The building blocks of the REST contract. Request readers check types only, with the legacy
// messages naming the field; the rules (lengths, ranges, required fields) belong to the services,
// which GraphQL shares, and appear here as documentation imported from them.
import { AppError } from '../../errors';
import { formatMoney, parseMoney } from '../../money';
import { MAX_PRICE_CENTS } from '../../services/products';
import { z } from './zod';

/** null and undefined both mean "not given" in the legacy bodies. */
const notGiven = (value: unknown) => value ?? undefined;

/** A request body: a JSON object with these fields (others are ignored). */
export function jsonBody<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.object(shape, { error: 'The request body must be a JSON object (Content-Type: application/json)' });
}

/** A string that must be there: `email is required`, `email must be a string`. */
export function requiredText(field: string) {
  return z.string({ error: (issue) => (issue.input == null ? `${field} is required` : `${field} must be a string`) });
}

/** A string, or nothing (absent or null). */
export function optionalText(field: string) {
  return z.preprocess(notGiven, z.string({ error: `${field} must be a string` }).optional()).openapi({ type: 'string' });
}

/** A JSON integer, or nothing; its range is the service's. */
export function optionalInteger(field: string) {
  const message = `${field} must be an integer`;
  return z
    .preprocess(notGiven, z.number({ error: message }).refine(Number.isInteger, { error: message }).optional())
    .openapi({ type: 'integer' });
}

const MAX_PRICE = formatMoney(MAX_PRICE_CENTS);

/**
 * `price`: an amount as a JSON number (19.99) or a string ("19.99"), read by money.ts into cents
 * with its message; its range is the service's, documented here.
 */
export const Price = z
  .unknown()
  .transform((value, context): number => {
    try {
      return parseMoney(value, 'price');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      context.addIssue({ code: 'custom', message: error.message, input: value });
      return z.NEVER;
    }
  })
  .openapi('Price', {
    description:
      `An amount from 0 to ${MAX_PRICE} with at most two decimals, as a number (19.99) or a string ("19.99"); ` +
      'a number is taken as written: 1e2 and 19.999999999999999 are refused (400), never rounded',
    anyOf: [
      { type: 'number', minimum: 0, maximum: MAX_PRICE_CENTS / 100 },
      { type: 'string', pattern: `^\\s*\\d{1,${MAX_PRICE.split('.')[0]!.length}}(\\.\\d{1,2})?\\s*$` },
    ],
  });

/** Price, or nothing (absent or null). */
export const optionalPrice = z.preprocess(notGiven, Price.optional());

/** A query-string value given at most once (`?category=a&category=b` is refused, not guessed). */
export function queryText(field: string) {
  return z.string({ error: `${field} must be given once, as text` }).optional();
}

/** A positive integer id, as the responses carry it. */
export const id = z.int().min(1);

export const timestamp = z.string().openapi({ format: 'date-time', examples: ['2026-01-01T12:00:00.000Z'] });
