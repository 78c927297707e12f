// The storefront's pure rules (web/src/cart.ts, web/src/money.ts, web/src/session.ts, web/src/catalogList.ts), without a browser.
import {
  addToCart,
  beginCheckout,
  emptyCart,
  itemCount,
  loadCart,
  MAX_QUANTITY,
  orderLines,
  parseCart,
  randomKey,
  removeFromCart,
  saveCart,
  setQuantity,
  STORAGE_KEY,
  subtotalCents,
  type KeyValueStore,
} from '../web/src/cart';
import { asSort, sortsFor, totalText } from '../web/src/catalogList';
import { formatCents, formatMoney, fromCents, toCents } from '../web/src/money';
import { loadSession, moveLegacySession, saveSession, STORAGE_KEY as SESSION_KEY, type Session, type SessionStore } from '../web/src/session';

const lamp = { id: '3', name: 'Desk Lamp', price: '19.99' };
const mug = { id: '7', name: 'Mug', price: '0.10' };

function memoryStore(): KeyValueStore & SessionStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

describe('money formatting', () => {
  it.each([
    ['19.99', 1999],
    ['0.10', 10],
    ['0.1', 10],
    ['5', 500],
    ['1000000.00', 100_000_000],
    ['-2.50', -250],
  ])('reads %s as %i cents', (amount, cents) => {
    expect(toCents(amount)).toBe(cents);
  });

  it.each(['', 'abc', '1.999', '1,000.00', '$5', '1e3', '.5'])('refuses %p as an amount', (amount) => {
    expect(() => toCents(amount)).toThrow(/Not an amount/);
  });

  it('writes cents in the API notation', () => {
    expect(fromCents(1999)).toBe('19.99');
    expect(fromCents(5)).toBe('0.05');
    expect(fromCents(-250)).toBe('-2.50');
    expect(() => fromCents(1.5)).toThrow();
  });

  it('formats for display with a currency sign and thousands separators', () => {
    expect(formatMoney('19.99')).toBe('$19.99');
    expect(formatMoney('1499.00')).toBe('$1,499.00');
    expect(formatMoney('1234567.5')).toBe('$1,234,567.50');
    expect(formatMoney('0')).toBe('$0.00');
    expect(formatCents(-250)).toBe('−$2.50');
  });

  it('adds amounts in cents, free of floating-point drift', () => {
    // 0.1 + 0.2 !== 0.3 in floating point; ten mugs at 0.10 are exactly 1.00.
    expect(formatCents(toCents('0.10') + toCents('0.20'))).toBe('$0.30');
    expect(subtotalCents(addToCart(emptyCart(), mug, 10))).toBe(100);
  });
});

describe('cart', () => {
  it('adds products, merging repeated adds into one line', () => {
    let cart = addToCart(emptyCart(), lamp);
    cart = addToCart(cart, mug, 3);
    cart = addToCart(cart, lamp, 2);
    expect(cart.lines).toEqual([
      { productId: '3', name: 'Desk Lamp', price: '19.99', quantity: 3 },
      { productId: '7', name: 'Mug', price: '0.10', quantity: 3 },
    ]);
    expect(itemCount(cart)).toBe(6);
    expect(subtotalCents(cart)).toBe(3 * 1999 + 3 * 10);
    expect(orderLines(cart)).toEqual([
      { productId: '3', quantity: 3 },
      { productId: '7', quantity: 3 },
    ]);
  });

  it('sets quantities within 1 to the API limit, and removes a line at 0', () => {
    const cart = addToCart(emptyCart(), lamp);
    expect(setQuantity(cart, '3', 5000).lines[0]!.quantity).toBe(MAX_QUANTITY);
    expect(setQuantity(cart, '3', 2.7).lines[0]!.quantity).toBe(2);
    expect(setQuantity(cart, '3', 0).lines).toEqual([]);
    expect(removeFromCart(cart, '3').lines).toEqual([]);
    expect(addToCart(emptyCart(), lamp, 0).lines).toEqual([]);
    expect(setQuantity(cart, 'unknown', 2)).toBe(cart);
  });

  it('keeps one idempotency key per checkout attempt: retries reuse it, a changed cart gets a new one', () => {
    const keys = ['key-1', 'key-2'];
    const newKey = () => keys.shift()!;
    const cart = addToCart(emptyCart(), lamp);
    const attempt = beginCheckout(cart, newKey);
    expect(attempt.checkoutKey).toBe('key-1');
    expect(beginCheckout(attempt, newKey).checkoutKey).toBe('key-1'); // double click, retry
    expect(beginCheckout(parseCart(JSON.stringify(attempt)), newKey).checkoutKey).toBe('key-1'); // after a reload
    const changed = setQuantity(attempt, '3', 2);
    expect(changed.checkoutKey).toBeNull();
    expect(beginCheckout(changed, newKey).checkoutKey).toBe('key-2');
    expect(addToCart(attempt, mug).checkoutKey).toBeNull();
    expect(setQuantity(attempt, '3', 1).checkoutKey).toBe('key-1'); // no change, same attempt
  });

  it('makes random keys of 128 bits', () => {
    expect(randomKey()).toMatch(/^checkout-[0-9a-f]{32}$/);
    expect(randomKey()).not.toBe(randomKey());
    expect(randomKey((bytes) => bytes.fill(255))).toBe(`checkout-${'f'.repeat(32)}`);
  });

  it('survives a reload through storage, and ignores what it cannot trust', () => {
    const store = memoryStore();
    const cart = beginCheckout(addToCart(addToCart(emptyCart(), lamp, 2), mug), () => 'key-1');
    saveCart(store, cart);
    expect(loadCart(store)).toEqual(cart);
    expect(loadCart(memoryStore())).toEqual(emptyCart());

    store.values.set(STORAGE_KEY, '{not json');
    expect(loadCart(store)).toEqual(emptyCart());
    store.values.set(
      STORAGE_KEY,
      JSON.stringify({
        lines: [
          { productId: '3', name: 'Desk Lamp', price: '19.99', quantity: 1 },
          { productId: '3', name: 'Desk Lamp again', price: '19.99', quantity: 4 },
          { productId: '4', name: 'Bad price', price: '12.345', quantity: 1 },
          { productId: '5', name: 'Bad quantity', price: '1.00', quantity: 0 },
          { productId: 6, name: 'Bad id', price: '1.00', quantity: 1 },
        ],
        checkoutKey: 42,
      }),
    );
    expect(loadCart(store)).toEqual({ lines: [{ productId: '3', name: 'Desk Lamp', price: '19.99', quantity: 1 }], checkoutKey: null });
    expect(parseCart(JSON.stringify({ lines: [], checkoutKey: 'stale' })).checkoutKey).toBeNull();
  });
});

describe('the signed-in session', () => {
  const session: Session = {
    token: 'header.payload.signature',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { id: '7', email: 'user@example.com', role: 'USER' },
  };

  it('is kept in the store it is given, and dropped when expired, unreadable or signed out', () => {
    const store = memoryStore();
    saveSession(store, session);
    expect(loadSession(store)).toEqual(session);
    store.values.set(SESSION_KEY, JSON.stringify({ ...session, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    expect(loadSession(store)).toBeNull();
    store.values.set(SESSION_KEY, '{not json');
    expect(loadSession(store)).toBeNull();
    saveSession(store, session);
    saveSession(store, null);
    expect(store.values.has(SESSION_KEY)).toBe(false);
  });

  it('moves a token an earlier build left in localStorage out of it, into this tab unless the tab has its own', () => {
    const local = memoryStore();
    const tab = memoryStore();
    local.setItem(SESSION_KEY, JSON.stringify(session));
    moveLegacySession(local, tab);
    expect(local.values.has(SESSION_KEY)).toBe(false);
    expect(loadSession(tab)).toEqual(session);

    const own = { ...session, token: 'this.tabs.own' };
    saveSession(tab, own);
    local.setItem(SESSION_KEY, JSON.stringify(session));
    moveLegacySession(local, tab);
    expect(local.values.has(SESSION_KEY)).toBe(false);
    expect(loadSession(tab)).toEqual(own);
    moveLegacySession(local, tab); // nothing left to move
    expect(loadSession(tab)).toEqual(own);
  });
});

describe('catalog list', () => {
  it('offers "Best match" (RELEVANCE) first only while a term is searched', () => {
    expect(sortsFor('').map((sort) => sort.value)).toEqual(['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'NAME_ASC']);
    expect(sortsFor('lamp')[0]).toEqual({ value: 'RELEVANCE', label: 'Best match' });
    expect(asSort('RELEVANCE', 'lamp')).toBe('RELEVANCE');
    expect(asSort('RELEVANCE', '')).toBe('NEWEST'); // the term was cleared: nothing to rank
    expect(asSort('PRICE_ASC', '')).toBe('PRICE_ASC');
    expect(asSort('cheapest', 'lamp')).toBe('NEWEST');
  });

  it('states a capped total as "1000+", exact ones as they are', () => {
    expect(totalText(12, 1000, 'AT_LEAST')).toBe('Showing 12 of 1000+ products');
    expect(totalText(12, 1000, 'EXACT')).toBe('Showing 12 of 1000 products');
    expect(totalText(12, 48, 'EXACT')).toBe('Showing 12 of 48 products');
    expect(totalText(1, 1, 'EXACT')).toBe('Showing 1 of 1 product');
    expect(totalText(0, 0, 'EXACT')).toBe('No products match.');
  });
});
