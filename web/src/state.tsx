// The app's two pieces of browser state, the session and the cart, and the GraphQL client
// (made anew for each session, so one user's cached answers never show for another).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { persistedExchange } from '@urql/exchange-persisted';
import { Client, Provider, cacheExchange, fetchExchange } from 'urql';
import { loadCart, saveCart, STORAGE_KEY as CART_KEY, type Cart } from './cart';
import { loadSession, moveLegacySession, saveSession, type Session } from './session';

interface SessionState {
  session: Session | null;
  signIn(session: Session): void;
  signOut(): void;
}

interface CartState {
  cart: Cart;
  updateCart(change: (cart: Cart) => Cart): Cart;
}

const SessionContext = createContext<SessionState | null>(null);
const CartContext = createContext<CartState | null>(null);

/**
 * The API's GraphQL endpoint: on VITE_API_URL, the API's origin given when the storefront is built
 * to be hosted apart from it (FRONTEND_URL on the API must then name the storefront's origin);
 * unset or empty, the storefront's own origin, which serves both.
 */
const GRAPHQL_URL = `${(import.meta.env.VITE_API_URL ?? '').replace(/\/+$/, '')}/graphql`;

function createClient(token: string | null, onUnauthenticated: () => void): Client {
  return new Client({
    url: GRAPHQL_URL,
    // Queries go as automatic persisted queries by GET (the document's hash in the URL, the
    // document itself only when the server does not know it yet), so a CDN can keep anonymous
    // catalog answers (README "Caching and CDNs"); mutations stay POSTs.
    exchanges: [cacheExchange, persistedExchange({ preferGetForPersistedQueries: 'within-url-limit' }), fetchExchange],
    preferGetMethod: false,
    // Apollo's CSRF prevention refuses a simple GET: this header makes the GET a non-simple one.
    fetchOptions: (): RequestInit => ({
      headers: { 'apollo-require-preflight': 'true', ...(token && { authorization: `Bearer ${token}` }) },
    }),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (token && response.ok) {
        const body = (await response.clone().json()) as { errors?: { extensions?: { code?: string } }[] };
        if (body.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) onUnauthenticated();
      }
      return response;
    },
  });
}

export function AppState({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    moveLegacySession(localStorage, sessionStorage);
    return loadSession(sessionStorage);
  });
  const [cart, setCart] = useState<Cart>(() => loadCart(localStorage));

  const signIn = useCallback((next: Session) => {
    saveSession(sessionStorage, next);
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    saveSession(sessionStorage, null);
    setSession(null);
  }, []);
  const token = session?.token ?? null;
  // A token the API no longer accepts (expired, revoked) ends the session here too.
  const client = useMemo(() => createClient(token, signOut), [token, signOut]);

  const updateCart = useCallback((change: (cart: Cart) => Cart) => {
    const next = change(loadCart(localStorage));
    saveCart(localStorage, next);
    setCart(next);
    return next;
  }, []);

  // Another tab changed the cart. (Sign-in is per tab: sessionStorage raises no event in other tabs;
  // signing out revokes the token, so other tabs are signed out by the API's next answer.)
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === CART_KEY) setCart(loadCart(localStorage));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const sessionState = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  const cartState = useMemo(() => ({ cart, updateCart }), [cart, updateCart]);
  return (
    <SessionContext.Provider value={sessionState}>
      <CartContext.Provider value={cartState}>
        <Provider value={client}>{children}</Provider>
      </CartContext.Provider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside AppState');
  return state;
}

export function useCart(): CartState {
  const state = useContext(CartContext);
  if (!state) throw new Error('useCart outside AppState');
  return state;
}
