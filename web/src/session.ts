// The signed-in user's bearer token, kept in localStorage so a reload stays signed in. It is
// dropped when it expires, when the API stops accepting it, and on sign-out.
import type { Role } from './gql/graphql';

export interface Session {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; role: Role };
}

const STORAGE_KEY = 'shopgraph.session';

export function loadSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    if (!session || typeof session.token !== 'string' || Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}
