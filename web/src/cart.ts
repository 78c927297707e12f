// The cart lives in the browser (localStorage) until the order is placed. Pure functions over
// an immutable value, so React state and the unit tests share one implementation.
import { toCents } from './money';

export interface CartLine {
  productId: string;
  name: string;
  /** The catalog price when added (Money); the server charges its current price. */
  price: string;
  quantity: number;
}

export interface Cart {
  lines: CartLine[];
  /**
   * The idempotency key of the current checkout attempt: made once when the buyer first presses
   * "Place order" and reused by every retry of that attempt (a double click, a lost response),
   * so the server makes at most one order of it. Any change to the lines ends the attempt.
   */
  checkoutKey: string | null;
}

/** The API's limit for one order line. */
export const MAX_QUANTITY = 1000;
export const STORAGE_KEY = 'shopgraph.cart';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function emptyCart(): Cart {
  return { lines: [], checkoutKey: null };
}

function clampQuantity(quantity: number): number {
  if (!Number.isFinite(quantity)) return 0;
  return Math.min(MAX_QUANTITY, Math.max(0, Math.floor(quantity)));
}

export function addToCart(cart: Cart, product: { id: string; name: string; price: string }, quantity = 1): Cart {
  const existing = cart.lines.find((line) => line.productId === product.id);
  if (!existing) {
    const added = clampQuantity(quantity);
    if (added === 0) return cart;
    return { lines: [...cart.lines, { productId: product.id, name: product.name, price: product.price, quantity: added }], checkoutKey: null };
  }
  return setQuantity(cart, product.id, existing.quantity + quantity);
}

/** Sets a line's quantity; 0 (or less) removes the line. */
export function setQuantity(cart: Cart, productId: string, quantity: number): Cart {
  const next = clampQuantity(quantity);
  const line = cart.lines.find((candidate) => candidate.productId === productId);
  if (!line || line.quantity === next) return cart;
  const lines =
    next === 0
      ? cart.lines.filter((candidate) => candidate.productId !== productId)
      : cart.lines.map((candidate) => (candidate.productId === productId ? { ...candidate, quantity: next } : candidate));
  return { lines, checkoutKey: null };
}

export function removeFromCart(cart: Cart, productId: string): Cart {
  return setQuantity(cart, productId, 0);
}

export function itemCount(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
}

export function subtotalCents(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + toCents(line.price) * line.quantity, 0);
}

export function orderLines(cart: Cart): { productId: string; quantity: number }[] {
  return cart.lines.map(({ productId, quantity }) => ({ productId, quantity }));
}

/** Starts a checkout attempt, or continues the current one: the key is made only once. */
export function beginCheckout(cart: Cart, newKey: () => string): Cart & { checkoutKey: string } {
  if (cart.checkoutKey !== null) return { ...cart, checkoutKey: cart.checkoutKey };
  return { ...cart, checkoutKey: newKey() };
}

/** A random key that needs no secure context (crypto.randomUUID does). */
export function randomKey(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(16));
  return `checkout-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function isLine(value: unknown): value is CartLine {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Record<string, unknown>;
  if (typeof line.productId !== 'string' || typeof line.name !== 'string' || typeof line.price !== 'string') return false;
  if (typeof line.quantity !== 'number' || !Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) return false;
  try {
    toCents(line.price);
    return true;
  } catch {
    return false;
  }
}

/** What was stored, or an empty cart when nothing (or nothing valid) was. */
export function parseCart(json: string | null): Cart {
  if (json === null) return emptyCart();
  try {
    const value = JSON.parse(json) as { lines?: unknown; checkoutKey?: unknown };
    const lines = Array.isArray(value.lines) ? value.lines.filter(isLine) : [];
    const unique = lines.filter((line, index) => lines.findIndex((other) => other.productId === line.productId) === index);
    const checkoutKey = typeof value.checkoutKey === 'string' && unique.length > 0 ? value.checkoutKey : null;
    return { lines: unique, checkoutKey };
  } catch {
    return emptyCart();
  }
}

export function loadCart(store: KeyValueStore): Cart {
  return parseCart(store.getItem(STORAGE_KEY));
}

export function saveCart(store: KeyValueStore, cart: Cart): void {
  store.setItem(STORAGE_KEY, JSON.stringify(cart));
}
