import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { AppError } from '../errors';
import { formatMoney, parseMoney } from '../money';

function inputError(error: unknown): never {
  throw new GraphQLError(error instanceof AppError ? error.message : String(error), {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** Money travels as "19.99"; inside the server it is integer cents. */
export const MoneyScalar = new GraphQLScalarType<number, string>({
  name: 'Money',
  description: 'A decimal string with two fraction digits, e.g. "19.99"',
  serialize: (cents) => formatMoney(cents as number),
  parseValue(value) {
    try {
      return parseMoney(value, 'Money');
    } catch (error) {
      return inputError(error);
    }
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) {
      return inputError('Money must be a string such as "19.99" or a number with at most two decimals');
    }
    try {
      // The literal's text, not Number(text): 19.999999999999999 and 1e2 are refused as written.
      return parseMoney(ast.value, 'Money');
    } catch (error) {
      return inputError(error);
    }
  },
});

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO_8601.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return inputError('DateTime must be an ISO-8601 string such as "2026-01-31T12:00:00Z"');
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time in UTC, e.g. "2026-11-25T01:32:58.000Z"',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});
