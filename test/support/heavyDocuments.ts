// The documents of issue 14's finding 1, reshaped to what the limits let through now: the
// finding's 30 aliases of nested order lists with items and products in each order cost 18,240
// once `items` was charged for the 100 lines an order may hold (finding 5), so they are refused
// before anything compiles. The heaviest shape that passes keeps 30 aliases and the nesting
// (depth 12, cost about 3,300, about 700 tokens) with items at one level only: about 1,600
// fields per document, each compiling to a large function. Unique alias names make every
// document a new one for every cache.

// Nested through fragments, so 30 aliases stay far under the token limit; depth 12 at the last level.
const FRAGMENTS = `
fragment O on Order { id status total createdAt updatedAt }
fragment I on OrderItem { id productName quantity unitPrice lineTotal }
fragment U on User { id email role createdAt updatedAt }
fragment L3 on Order { ...O user { ...U orders(first: 1) { nodes { ...O } } } }
fragment L2 on Order { ...O user { ...U orders(first: 1) { nodes { ...L3 } } } }
fragment L1 on Order { ...O items { ...I } user { ...U orders(first: 1) { nodes { ...L2 } } } }`;

const NESTED = 'myOrders(first: 1) { nodes { ...L1 } }';

/** Document `index` of the heavy shape: `aliases` aliases named after `index` (and `nameLength` long). */
export function heavyDocument(index: number, { aliases = 30, nameLength = 0 }: { aliases?: number; nameLength?: number } = {}): string {
  const prefix = `d${index}_`.padEnd(Math.max(nameLength - 4, 0), 'x');
  const fields = Array.from({ length: aliases }, (_, alias) => `${prefix}a${alias}: ${NESTED}`);
  return `query Heavy${index} {\n${fields.join('\n')}\n}${FRAGMENTS}`;
}
