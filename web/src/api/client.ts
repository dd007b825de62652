// The dashboard's only door to the server: same-origin fetch with the session
// cookie, the CSRF header on every state-changing request, and `{code, message}`
// errors turned into ApiError. A 401 tells the session layer the session ended.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** The CSRF token of the current session (from login or /auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401: the session is gone. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request(method: Method, path: string, body?: unknown, init: { form?: FormData; signal?: AbortSignal; quietAuth?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (init.form) payload = init.form;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', signal: init.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (res.ok) return res;
  const error = await errorOf(res);
  if (res.status === 401 && !init.quietAuth) for (const listener of unauthorizedListeners) listener();
  throw error;
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown };
    return new ApiError(res.status, typeof body.code === 'string' ? body.code : 'HTTP_' + res.status, typeof body.message === 'string' ? body.message : res.statusText);
  } catch {
    return new ApiError(res.status, 'HTTP_' + res.status, res.statusText);
  }
}

async function json<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: async <T>(path: string, signal?: AbortSignal): Promise<T> => json<T>(await request('GET', path, undefined, signal ? { signal } : {})),
  text: async (path: string, signal?: AbortSignal): Promise<string> => (await request('GET', path, undefined, signal ? { signal } : {})).text(),
  post: async <T>(path: string, body?: unknown): Promise<T> => json<T>(await request('POST', path, body ?? {})),
  put: async <T>(path: string, body: unknown): Promise<T> => json<T>(await request('PUT', path, body)),
  patch: async <T>(path: string, body: unknown): Promise<T> => json<T>(await request('PATCH', path, body)),
  del: async (path: string): Promise<void> => void (await request('DELETE', path)),
  upload: async <T>(path: string, form: FormData): Promise<{ status: number; body: T }> => {
    const res = await request('POST', path, undefined, { form });
    return { status: res.status, body: await json<T>(res) };
  },
  /** Like `get`, but a 401 is an answer ("not signed in"), not a lost session. */
  probe: async <T>(path: string): Promise<T> => json<T>(await request('GET', path, undefined, { quietAuth: true })),
  /** Sign-in and setup: no session yet, so no 401 broadcast. */
  postPublic: async <T>(path: string, body: unknown): Promise<T> => json<T>(await request('POST', path, body, { quietAuth: true })),
};

/** `?a=1&b=2` from an object, leaving out empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  const s = q.toString();
  return s ? `?${s}` : '';
}
