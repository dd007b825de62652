// First-run setup, login, logout and "who am I".
import type { FastifyInstance, FastifyReply } from 'fastify';
import { permissionsOfRole, SCOPES, type Permission } from '../../auth/index.js';
import { SESSION_COOKIE, allows } from '../access.js';
import type { ServerContext } from '../context.js';
import { AUTH_ERRORS, ERROR_SCHEMA, PERMISSIONS_SCHEMA, USER_SCHEMA } from '../schemas.js';

const CREDENTIALS = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

export function authRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const setCookie = (reply: FastifyReply, value: string, expiresAt: number) =>
    reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.config.secureCookies, expires: new Date(expiresAt) });

  app.get<{ Querystring: { token?: string } }>(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether first-run setup is needed and whether a setup token is live',
        querystring: { type: 'object', properties: { token: { type: 'string', maxLength: 128 } } },
        response: { 200: { type: 'object', required: ['needed', 'valid'], properties: { needed: { type: 'boolean' }, valid: { type: 'boolean' } } } },
      },
    },
    async (request) => {
      const needed = await ctx.accounts.needsSetup();
      return { needed, valid: needed && !!request.query.token && ctx.accounts.setupTokenValid(request.query.token, ctx.now()) };
    },
  );

  app.post<{ Body: { token: string; username: string; password: string; displayName?: string } }>(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Create the first admin with the one-time setup token',
        body: {
          type: 'object',
          required: ['token', 'username', 'password'],
          additionalProperties: false,
          properties: { token: { type: 'string', maxLength: 128 }, username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 1024 }, displayName: { type: 'string', maxLength: 128 } },
        },
        response: { 201: USER_SCHEMA, 400: ERROR_SCHEMA, 403: ERROR_SCHEMA, 409: ERROR_SCHEMA },
      },
    },
    async (request, reply) => {
      const { token, ...user } = request.body;
      const created = await ctx.accounts.completeSetup(token, user, ctx.now(), request.ip);
      return reply.code(201).send(created);
    },
  );

  app.post<{ Body: { username: string; password: string } }>(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly SameSite=Strict session cookie and returns the CSRF token',
        body: CREDENTIALS,
        response: {
          200: { type: 'object', required: ['user', 'csrfToken', 'expiresAt'], properties: { user: USER_SCHEMA, csrfToken: { type: 'string' }, expiresAt: { type: 'integer' } } },
          400: ERROR_SCHEMA,
          401: ERROR_SCHEMA,
          423: ERROR_SCHEMA,
          429: ERROR_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      try {
        const login = await ctx.accounts.login(request.body.username, request.body.password, ctx.now(), { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') });
        ctx.metrics.logins.inc({ outcome: 'success' });
        setCookie(reply, login.sessionId, login.expiresAt);
        return { user: login.user, csrfToken: login.csrfToken, expiresAt: login.expiresAt };
      } catch (err) {
        ctx.metrics.logins.inc({ outcome: 'failure' });
        throw err;
      }
    },
  );

  app.post('/api/v1/auth/logout', { config: { access: 'read' }, schema: { tags: ['auth'], summary: 'End this session', response: { 204: { type: 'null' }, ...AUTH_ERRORS } } }, async (request, reply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid && request.principal?.kind === 'user') await ctx.accounts.logout(sid, request.principal.name);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'read' },
      schema: {
        tags: ['auth'],
        summary: 'The caller: user (with the CSRF token of the session) or token, and what it may do',
        response: {
          200: {
            type: 'object',
            required: ['kind', 'name', 'permissions'],
            properties: {
              kind: { type: 'string', enum: ['user', 'token'] },
              name: { type: 'string' },
              user: USER_SCHEMA,
              scopes: { type: 'array', items: { type: 'string', enum: [...SCOPES] } },
              csrfToken: { type: 'string' },
              permissions: PERMISSIONS_SCHEMA,
            },
          },
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const p = request.principal!;
      if (p.kind === 'user') return { kind: 'user', name: p.name, user: p.user, csrfToken: p.session.csrfToken, permissions: permissionsOfRole(p.user.role) };
      const permissions = (['read', 'triage', 'scan', 'ledger', 'ingest', 'admin'] as Permission[]).filter((x) => allows(p, x));
      return { kind: 'token', name: p.name, scopes: p.token.scopes, permissions };
    },
  );
}
