// The order-race harness: requests fired at once through the real HTTP server, each response
// tallied by outcome, then the stock invariant checked in SQL.
import type { Knex } from 'knex';
import { createProduct } from './products';
import type { GraphQLResponse, TestApp } from './testApp';

export const RACE_TIMEOUT = 120_000;
export const SETUP_TIMEOUT = 120_000;

export const PLACE_ORDER = `
  mutation Place($input: PlaceOrderInput!) {
    placeOrder(input: $input) { id status items { quantity product { id } } }
  }`;
export const CANCEL_ORDER = `mutation Cancel($id: ID!) { cancelOrder(id: $id) { id status } }`;

export interface OrderPayload {
  id: string;
  status: string;
  items: { quantity: number; product: { id: string } }[];
}
export type PlaceResponse = GraphQLResponse<{ placeOrder: OrderPayload | null }>;
export type CancelResponse = GraphQLResponse<{ cancelOrder: { id: string; status: string } | null }>;
export type Line = { productId: string; quantity: number };

/**
 * 'OK' when the field has a value and there is no error; otherwise the error codes joined by '+'
 * (so two errors, or an error with partial data, show up as an outcome of their own).
 */
export function outcomeOf(response: GraphQLResponse<Record<string, unknown>>, field: string): string {
  if (response.errors?.length) {
    const codes = response.errors.map((error) => error.extensions?.code ?? 'NO_CODE').join('+');
    return response.data?.[field] != null ? `PARTIAL:${codes}` : codes;
  }
  if (response.status !== 200) return `HTTP_${response.status}`;
  return response.data?.[field] != null ? 'OK' : 'NO_DATA';
}

/** How many responses had each outcome, e.g. `{ OK: 20, INSUFFICIENT_STOCK: 40 }`. */
export function tally(responses: GraphQLResponse<Record<string, unknown>>[], field: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    const outcome = outcomeOf(response, field);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

/** POST /graphql on any server (the second process has no TestApp). */
export async function gqlAt<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** A contended product with integer-cent price; returns its id as the API spells it. */
export async function insertProduct(db: Knex, stock: number, price = 1250): Promise<string> {
  const product = await createProduct(db, { description: 'Contended', priceCents: price, stock, category: 'Races' });
  return String(product.id);
}

/**
 * The invariant after any race: for each product, stock + units held by orders that are not
 * cancelled = the stock it started with, and stock never goes negative.
 */
export async function expectStockConserved(db: Knex, initial: Record<string, number>): Promise<void> {
  const ids = Object.keys(initial).map(Number);
  const stocks: { id: number; stock: number | string }[] = await db('products').whereIn('id', ids).select('id', 'stock');
  const held: { product_id: number; held: number | string | null }[] = await db('order_items')
    .join('orders', 'orders.id', 'order_items.order_id')
    .whereNot('orders.status', 'cancelled')
    .whereIn('order_items.product_id', ids)
    .groupBy('order_items.product_id')
    .select('order_items.product_id')
    .sum({ held: 'order_items.quantity' });
  const heldById = new Map(held.map((row) => [Number(row.product_id), Number(row.held ?? 0)]));

  const actual: Record<string, { stock: number; stockPlusHeld: number }> = {};
  const expected: Record<string, { stock: number; stockPlusHeld: number }> = {};
  for (const row of stocks) {
    const stock = Number(row.stock);
    actual[row.id] = { stock, stockPlusHeld: stock + (heldById.get(Number(row.id)) ?? 0) };
    expected[row.id] = { stock: Math.max(stock, 0), stockPlusHeld: initial[row.id]! };
  }
  expect(stocks).toHaveLength(ids.length);
  expect(actual).toEqual(expected);
}

export async function stockOf(db: Knex, id: string): Promise<number> {
  const row: { stock: number | string } | undefined = await db('products').where({ id: Number(id) }).first('stock');
  return Number(row?.stock);
}

export async function countRows(db: Knex, table: string): Promise<number> {
  const row: { n?: number | string } | undefined = await db(table).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** Users signed up one after another (sign-up is not what these tests race). */
export async function signUpMany(app: TestApp, prefix: string, count: number): Promise<{ token: string; id: string }[]> {
  const users: { token: string; id: string }[] = [];
  for (let i = 0; i < count; i += 1) users.push(await app.signUp(`${prefix}${i}@race.example`));
  return users;
}

