// The benchmark's data set, generated from the row's index alone: the same index always gives
// the same row, whatever was generated before it, so the catalog can grow from 10,000 to
// 100,000 products and still hold the first 10,000 unchanged.

/** mulberry32: a tiny deterministic PRNG; good enough to spread benchmark data. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SALT = { product: 0x5eed0001, order: 0x5eed0002 } as const;

function rngFor(kind: keyof typeof SALT, index: number): () => number {
  return prng(Math.imul(index + 1, 0x9e3779b1) ^ SALT[kind]);
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const DEPARTMENTS = ['Home', 'Garden', 'Kitchen', 'Office', 'Outdoor', 'Sports', 'Toys', 'Audio', 'Computers', 'Beauty'];
const LINES = ['Basics', 'Essentials', 'Pro', 'Accessories', 'Classics'];
/** 50 categories: 10 departments × 5 lines. */
export const CATEGORIES: readonly string[] = DEPARTMENTS.flatMap((department) => LINES.map((line) => `${department} ${line}`));

const ADJECTIVES = [
  'Compact', 'Deluxe', 'Ergonomic', 'Foldable', 'Handcrafted', 'Lightweight', 'Modern', 'Portable', 'Rugged',
  'Sleek', 'Smart', 'Vintage', 'Wireless', 'Quiet', 'Heavy-Duty', 'Adjustable', 'Classic', 'Premium',
];
const MATERIALS = ['Walnut', 'Bamboo', 'Steel', 'Ceramic', 'Cotton', 'Leather', 'Aluminium', 'Glass', 'Linen', 'Oak', 'Copper', 'Wool'];
const NOUNS = [
  'Lamp', 'Kettle', 'Chair', 'Backpack', 'Speaker', 'Keyboard', 'Blender', 'Planter', 'Notebook', 'Headphones',
  'Tent', 'Skillet', 'Desk', 'Mug', 'Blanket', 'Drill', 'Monitor', 'Racket', 'Puzzle', 'Candle', 'Jacket', 'Shelf',
  'Router', 'Mirror', 'Thermos',
];
const FEATURES = [
  'with a two-year warranty', 'built to last', 'easy to clean', 'for small spaces', 'with fast charging',
  'that folds flat for storage', 'in a gift box', 'with replaceable parts', 'designed in Lisbon', 'tested outdoors',
];

export interface ProductSeed {
  id: number;
  name: string;
  description: string;
  price: number;
  stock: number;
  category: string;
  created_at: Date;
  updated_at: Date;
}

const EPOCH = Date.UTC(2026, 0, 1);

/** Product number `id` (1-based). Newer ids are newer products (one minute apart). */
export function productAt(id: number): ProductSeed {
  const random = rngFor('product', id);
  const adjective = pick(random, ADJECTIVES);
  const material = pick(random, MATERIALS);
  const noun = pick(random, NOUNS);
  const name = `${adjective} ${material} ${noun} ${100 + (id % 900)}`;
  const description = `A ${adjective.toLowerCase()} ${noun.toLowerCase()} in ${material.toLowerCase()}, ${pick(random, FEATURES)}. Model ${id}.`;
  const createdAt = new Date(EPOCH + id * 60_000);
  return {
    id,
    name,
    description,
    price: 199 + Math.floor(random() * 149_800), // 1.99 to 1,499.99
    stock: random() < 0.05 ? 0 : 1 + Math.floor(random() * 500),
    category: CATEGORIES[Math.floor(random() * CATEGORIES.length)]!,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

const STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'delivered', 'delivered', 'cancelled'] as const;

export interface OrderSeed {
  order: { id: number; user_id: number; total_amount: number; status: string; created_at: Date; updated_at: Date };
  items: { order_id: number; product_id: number; product_name: string; quantity: number; price: number }[];
}

/** Order number `id` (1-based): 1 to 5 lines of distinct products, bought by one of `userIds`. */
export function orderAt(id: number, userIds: { first: number; count: number }, productCount: number): OrderSeed {
  const random = rngFor('order', id);
  const lineCount = 1 + Math.floor(random() * 5);
  const productIds = new Set<number>();
  while (productIds.size < lineCount) productIds.add(1 + Math.floor(random() * productCount));
  const items = [...productIds]
    .sort((a, b) => a - b)
    .map((productId) => {
      const product = productAt(productId);
      return { order_id: id, product_id: productId, product_name: product.name, quantity: 1 + Math.floor(random() * 3), price: product.price };
    });
  const createdAt = new Date(EPOCH + 30 * 86_400_000 + id * 30_000);
  return {
    order: {
      id,
      user_id: userIds.first + Math.floor(random() * userIds.count),
      total_amount: items.reduce((sum, item) => sum + item.price * item.quantity, 0),
      status: pick(random, STATUSES),
      created_at: createdAt,
      updated_at: createdAt,
    },
    items,
  };
}

/** The customers' emails; every customer has the same password (BENCH_PASSWORD). */
export function userEmail(index: number): string {
  return `customer${String(index).padStart(5, '0')}@bench.example`;
}

export const ADMIN_EMAIL = 'admin@bench.example';
export const BENCH_PASSWORD = 'bench-password-0001';

/** Search terms for S6: common, rare and absent, in names and in descriptions. */
export const SEARCH_TERMS: readonly string[] = ['lamp', 'walnut', 'ergonomic', 'gift box', 'heavy-duty kettle', 'lisbon', 'model 77', 'zebra'];
