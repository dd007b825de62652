// Users and API tokens (admin only).
import type { FastifyInstance } from 'fastify';
import { ROLES, SCOPES, type Role, type Scope } from '../../auth/index.js';
import type { ServerContext } from '../context.js';
import { AUTH_ERRORS, ERROR_SCHEMA, ID_PARAMS, TOKEN_SCHEMA, USER_SCHEMA } from '../schemas.js';

export function adminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const actor = (request: { principal: { name: string } | null }) => request.principal!.name;

  app.get('/api/v1/users', { config: { access: 'admin' }, schema: { tags: ['admin'], summary: 'List users', response: { 200: { type: 'object', required: ['users'], properties: { users: { type: 'array', items: USER_SCHEMA } } }, ...AUTH_ERRORS } } }, async () => ({
    users: await ctx.accounts.listUsers(),
  }));

  app.post<{ Body: { username: string; password: string; displayName?: string; role: Role } }>(
    '/api/v1/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Create a user',
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 1024 }, displayName: { type: 'string', maxLength: 128 }, role: { type: 'string', enum: [...ROLES] } },
        },
        response: { 201: USER_SCHEMA, 409: ERROR_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await ctx.accounts.createUser(request.body, actor(request), ctx.now())),
  );

  app.patch<{ Params: { id: string }; Body: { role?: Role; displayName?: string; disabled?: boolean; password?: string } }>(
    '/api/v1/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "Change a user's role, name, disabled flag or password (ends their sessions when access changes)",
        params: ID_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { role: { type: 'string', enum: [...ROLES] }, displayName: { type: 'string', maxLength: 128 }, disabled: { type: 'boolean' }, password: { type: 'string', maxLength: 1024 } },
        },
        response: { 200: USER_SCHEMA, 404: ERROR_SCHEMA, 409: ERROR_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request) => ctx.accounts.updateUser(request.params.id, request.body, actor(request), ctx.now()),
  );

  app.get('/api/v1/tokens', { config: { access: 'admin' }, schema: { tags: ['admin'], summary: 'List API tokens (never their secrets)', response: { 200: { type: 'object', required: ['tokens'], properties: { tokens: { type: 'array', items: TOKEN_SCHEMA } } }, ...AUTH_ERRORS } } }, async () => ({
    tokens: await ctx.accounts.listTokens(),
  }));

  app.post<{ Body: { name: string; scopes: Scope[]; expiresAt?: number | null } }>(
    '/api/v1/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Create an API token; its secret is in this response only',
        body: {
          type: 'object',
          required: ['name', 'scopes'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, scopes: { type: 'array', minItems: 1, items: { type: 'string', enum: [...SCOPES] } }, expiresAt: { type: ['integer', 'null'] } },
        },
        response: { 201: { type: 'object', required: ['token', 'record'], properties: { token: { type: 'string' }, record: TOKEN_SCHEMA } }, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await ctx.accounts.createToken(request.body, actor(request), ctx.now())),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/tokens/:id',
    { config: { access: 'admin' }, schema: { tags: ['admin'], summary: 'Revoke an API token', params: ID_PARAMS, response: { 204: { type: 'null' }, 404: ERROR_SCHEMA, ...AUTH_ERRORS } } },
    async (request, reply) => {
      await ctx.accounts.revokeToken(request.params.id, actor(request), ctx.now());
      return reply.code(204).send();
    },
  );
}
