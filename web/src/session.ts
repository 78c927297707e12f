// The signed-in user's bearer token, kept in sessionStorage: it survives a reload and the tab's own
// navigation, and lives as long as the tab. Not in localStorage, where every page of this origin, in
// any tab, at any later time, could read it — the Sandbox page on /graphql runs Apollo's script from
// Apollo's CDN on this same origin (README, Storefront: "Where the token lives"). It is dropped when
// it expires, when the API stops accepting it, and on sign-out.
import type { Role } from './gql/graphql';

export interface Session {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; role: Role };
}

export const STORAGE_KEY = 'shopgraph.session';

/** The part of Web Storage used here (sessionStorage in the app; a Map in the unit tests). */
export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function loadSession(store: SessionStore): Session | null {
  try {
    const session = JSON.parse(store.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    if (!session || typeof session.token !== 'string' || Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(store: SessionStore, session: Session | null): void {
  if (session) store.setItem(STORAGE_KEY, JSON.stringify(session));
  else store.removeItem(STORAGE_KEY);
}

/**
 * Earlier builds kept the token in localStorage under the same key. It is taken out of there on
 * the first load (so it no longer lies where any page of the origin can read it), and this tab
 * keeps it if it has none of its own: nobody is signed out by the move.
 */
export function moveLegacySession(from: SessionStore, to: SessionStore): void {
  const legacy = from.getItem(STORAGE_KEY);
  if (legacy === null) return;
  from.removeItem(STORAGE_KEY);
  if (to.getItem(STORAGE_KEY) === null) to.setItem(STORAGE_KEY, legacy);
}
