// The documents of issue 14's finding 1: every limit passes (30 aliases, depth 11, cost about
// 2,100, well under 2,000 tokens), yet each compiles to a large function. Unique alias names make
// every document a new one for every cache.

const FRAGMENTS = `
fragment P on Product { id name description price stock category archived createdAt updatedAt }
fragment I on OrderItem { id productName quantity unitPrice lineTotal product { ...P } }
fragment O on Order { id status total createdAt updatedAt items { ...I } }`;

const NESTED = 'myOrders(first: 1) { nodes { ...O user { orders(first: 1) { nodes { ...O user { orders(first: 1) { nodes { ...O } } } } } } } }';

/** Document `index` of the heavy shape: `aliases` aliases named after `index` (and `nameLength` long). */
export function heavyDocument(index: number, { aliases = 30, nameLength = 0 }: { aliases?: number; nameLength?: number } = {}): string {
  const prefix = `d${index}_`.padEnd(Math.max(nameLength - 4, 0), 'x');
  const fields = Array.from({ length: aliases }, (_, alias) => `${prefix}a${alias}: ${NESTED}`);
  return `query Heavy${index} {\n${fields.join('\n')}\n}${FRAGMENTS}`;
}
