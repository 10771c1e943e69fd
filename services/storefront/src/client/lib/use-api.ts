import { useEffect, useState } from 'preact/hooks';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: Error }
  | { readonly state: 'ready'; readonly value: T };

/** Loads `load()` whenever `key` changes; `reload` loads it again. Stale answers are dropped. */
export function useLoad<T>(key: string, load: () => Promise<T>): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setResult({ state: 'ready', value }),
      (error: Error) => current && setResult({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  return [result, () => setRound((n) => n + 1)];
}
