// Who is signed in and what they may do. The session itself lives in an HttpOnly
// cookie the page never sees; the page keeps the CSRF token and the permissions.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, setCsrfToken } from '../api/client';
import type { LoginAnswer, Me, Permission } from '../api/types';

interface Session {
  state: 'loading' | 'signed-out' | 'signed-in';
  me: Me | null;
  /** The previous session ended (expired or revoked) rather than never existing. */
  expired: boolean;
  can: (permission: Permission) => boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [state, setState] = useState<Session['state']>('loading');
  const [expired, setExpired] = useState(false);

  const load = useCallback(async () => {
    try {
      const who = await api.probe<Me>('/api/v1/auth/me');
      setCsrfToken(who.csrfToken ?? null);
      setMe(who);
      setState('signed-in');
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) console.error(err);
      setCsrfToken(null);
      setMe(null);
      setState('signed-out');
    }
  }, []);

  useEffect(() => {
    void load();
    return onUnauthorized(() => {
      setCsrfToken(null);
      setMe(null);
      setExpired(true);
      setState('signed-out');
    });
  }, [load]);

  const value = useMemo<Session>(
    () => ({
      state,
      me,
      expired,
      can: (permission) => me?.permissions.includes(permission) ?? false,
      signIn: async (username, password) => {
        const login = await api.postPublic<LoginAnswer>('/api/v1/auth/login', { username, password });
        setCsrfToken(login.csrfToken);
        setExpired(false);
        await load();
      },
      signOut: async () => {
        try {
          await api.post('/api/v1/auth/logout');
        } finally {
          setCsrfToken(null);
          setMe(null);
          setExpired(false);
          setState('signed-out');
        }
      },
    }),
    [state, me, expired, load],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
