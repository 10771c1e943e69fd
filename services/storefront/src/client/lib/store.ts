import { useEffect, useState } from 'preact/hooks';

/** A value kept in localStorage (so it survives reloads) that components can follow. */
export interface Store<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

export function persistentStore<T>(key: string, initial: T): Store<T> {
  const listeners = new Set<() => void>();
  let value = read(key, initial);
  window.addEventListener('storage', (event) => {
    if (event.key !== key) return;
    value = read(key, initial);
    listeners.forEach((l) => l());
  });
  return {
    get: () => value,
    set(next) {
      value = next;
      localStorage.setItem(key, JSON.stringify(next));
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function read<T>(key: string, initial: T): T {
  try {
    const stored = localStorage.getItem(key);
    return stored === null ? initial : (JSON.parse(stored) as T);
  } catch {
    return initial; // unreadable (edited by hand, older format): start afresh
  }
}

/** The store's current value; the component renders again when it changes. */
export function useStore<T>(store: Store<T>): T {
  const [, rerender] = useState(0);
  useEffect(() => store.subscribe(() => rerender((n) => n + 1)), [store]);
  return store.get();
}
