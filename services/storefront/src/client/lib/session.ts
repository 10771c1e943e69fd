import type { User } from './api';
import { persistentStore, useStore } from './store';

export interface Session {
  readonly token: string;
  readonly user: User;
}

/** The signed-in user and their token (kept across reloads until Log out). */
export const sessionStore = persistentStore<Session | null>('shop.session', null);

export function useSession(): Session | null {
  return useStore(sessionStore);
}

export function signIn(session: Session): void {
  sessionStore.set(session);
}

export function signOut(): void {
  sessionStore.set(null);
}
