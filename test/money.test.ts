import { AppError } from '../src/errors';
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
});
