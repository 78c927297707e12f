import { Kind, parseValue } from 'graphql';
import { AppError } from '../src/errors';
import { findInexactNumber } from '../src/exactJsonNumbers';
import { MoneyScalar } from '../src/graphql/scalars';
import { formatMoney, moneyAsNumber, parseMoney } from '../src/money';

describe('money', () => {
  it.each([
    ['19.99', 1999],
    ['15.5', 1550],
    ['20', 2000],
    ['0', 0],
    ['0.01', 1],
    [' 7.10 ', 710],
    ['-3.25', -325],
    [15.5, 1550],
    [20, 2000],
    [0.07, 7],
    [1234567.89, 123456789],
  ])('parses %p as %p cents', (input, cents) => {
    expect(parseMoney(input, 'price')).toBe(cents);
  });

  it.each([['19.999'], [19.999], ['abc'], [''], ['1e3'], [1e21], [Number.NaN], [Infinity], ['1.'], ['.5'], [null], [true], [{}]])(
    'refuses %p, naming the field',
    (input) => {
      expect(() => parseMoney(input, 'price')).toThrow(AppError);
      expect(() => parseMoney(input, 'price')).toThrow(/price/);
    },
  );

  it('refuses floating-point sums instead of rounding them', () => {
    expect(() => parseMoney(0.1 + 0.2, 'price')).toThrow(AppError);
  });

  it.each([
    [1999, '19.99'],
    [1550, '15.50'],
    [5, '0.05'],
    [0, '0.00'],
    [-325, '-3.25'],
    [100_000_000, '1000000.00'],
  ])('formats %p cents as %p', (cents, text) => {
    expect(formatMoney(cents)).toBe(text);
  });

  it('gives REST clients JSON numbers', () => {
    expect(moneyAsNumber(1999)).toBe(19.99);
    expect(moneyAsNumber(1550)).toBe(15.5);
  });

  describe('as a GraphQL literal, read from its text', () => {
    it.each([['19.99', 1999], ['20', 2000], ['"7.10"', 710], ['0.5', 50]])('takes %s as %p cents', (literal, cents) => {
      expect(MoneyScalar.parseLiteral(parseValue(literal))).toBe(cents);
    });

    it.each(['19.999999999999999', '1e2', '1E2', '2.5e-1', '19.999'])('refuses %s (Number() of it would pass)', (literal) => {
      const ast = parseValue(literal);
      expect([Kind.FLOAT, Kind.INT]).toContain(ast.kind);
      expect(() => MoneyScalar.parseLiteral(ast)).toThrow(/at most two decimals/);
    });
  });

  describe('JSON numbers in request bodies, checked as written', () => {
    it.each([
      ['{"price": 19.999999999999999}', /19\.999999999999999 .*read as 20/],
      ['{"price": 1e2}', /exponent/],
      ['{"input": {"price": 1E2}}', /exponent/],
      ['[0.5, -2.5e-3]', /exponent/],
      ['{"quantity": 9007199254740993}', /read as 9007199254740992/],
      ['{"price": 0.1000000000000000055511151231257827}', /read as 0\.1/],
    ])('refuses %s', (json, problem) => {
      expect(findInexactNumber(json)).toMatch(problem);
    });

    it.each([
      '{"price": 19.99, "stock": 3, "n": -0, "z": 0.0, "t": 19.990}',
      '{"s": "1e2 and 19.999999999999999 inside a string", "q": "\\"1e2\\""}',
      '{"sum": 0.30000000000000004, "big": 1000000000000000000000}',
      '{"query": "{ products(minPrice: 1e2) { totalCount } }"}',
    ])('takes %s as written', (json) => {
      expect(findInexactNumber(json)).toBeNull();
    });
  });
});
