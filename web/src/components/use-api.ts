// Loads one GET endpoint for a component: data, error, loading, and reload. A
// newer request aborts the older one, so a slow answer never overwrites a fresh one.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (update: (old: T | undefined) => T | undefined) => void;
}

export function useApi<T>(path: string | null, read: 'json' | 'text' = 'json'): ApiState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    const load = read === 'text' ? api.text(path, controller.signal) : api.get<T>(path, controller.signal);
    load.then(
      (value) => {
        setDataState(value as T);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, read, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback((update: (old: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
