// Every route declares who may call it (`config.access`): 'public' or a
// permission. A route without a declaration is refused at start-up, so no
// endpoint is ever open by omission. Identity comes from the session cookie (with
// a CSRF header on state-changing requests) or a bearer API token.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { roleAllows, scopesAllow, type Permission, type PublicToken, type PublicUser, type SessionAuth } from '../auth/index.js';
import { LeakwatchError } from '../errors/index.js';
import type { ServerContext } from './context.js';

export type Access = 'public' | Permission;

export const SESSION_COOKIE = 'lw_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Who is calling: a signed-in user, or an API token. */
export type Principal =
  | { readonly kind: 'user'; readonly user: PublicUser; readonly session: SessionAuth['session']; readonly name: string }
  | { readonly kind: 'token'; readonly token: PublicToken; readonly name: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function allows(principal: Principal, permission: Permission): boolean {
  return principal.kind === 'user' ? roleAllows(principal.user.role, permission) : scopesAllow(principal.token.scopes, permission);
}

/** The access rule of every route, as registered (for the route-table test and the docs). */
export interface RouteAccess {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

export function installAccess(app: FastifyInstance, ctx: ServerContext, table: RouteAccess[]): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // 404s: no route, nothing to protect.
    request.principal = await identify(request, ctx);
    if (access === 'public') return;
    const principal = request.principal;
    if (!principal) throw new LeakwatchError('AUTH_REQUIRED');
    if (principal.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || header !== principal.session.csrfToken) throw new LeakwatchError('AUTH_CSRF');
    }
    if (!allows(principal, access)) throw new LeakwatchError('AUTH_FORBIDDEN', `this needs the "${access}" permission`);
    void reply;
  });
}

async function identify(request: FastifyRequest, ctx: ServerContext): Promise<Principal | null> {
  const now = ctx.now();
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) {
    const token = await ctx.accounts.authenticateToken(auth.slice(7).trim(), now);
    return token ? { kind: 'token', token, name: `token:${token.name}` } : null;
  }
  const sid = request.cookies[SESSION_COOKIE];
  if (!sid) return null;
  const session = await ctx.accounts.authenticateSession(sid, now);
  return session ? { kind: 'user', user: session.user, session: session.session, name: session.user.username } : null;
}
