// JSON schemas shared by routes and the OpenAPI document.
import { ROLES, SCOPES, PERMISSIONS } from '../auth/index.js';
import { ERROR_SCHEMA } from './errors.js';

export const USER_SCHEMA = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'role', 'disabled', 'createdAt', 'lastLoginAt'],
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    disabled: { type: 'boolean' },
    createdAt: { type: 'integer' },
    lastLoginAt: { type: ['integer', 'null'] },
  },
} as const;

export const TOKEN_SCHEMA = {
  type: 'object',
  required: ['id', 'name', 'scopes', 'createdBy', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string', enum: [...SCOPES] } },
    createdBy: { type: 'string' },
    createdAt: { type: 'integer' },
    expiresAt: { type: ['integer', 'null'] },
    lastUsedAt: { type: ['integer', 'null'] },
    revokedAt: { type: ['integer', 'null'] },
  },
} as const;

export const PERMISSIONS_SCHEMA = { type: 'array', items: { type: 'string', enum: [...PERMISSIONS] } } as const;

/** Standard error responses for a route that needs a principal. */
export const AUTH_ERRORS = { 400: ERROR_SCHEMA, 401: ERROR_SCHEMA, 403: ERROR_SCHEMA } as const;

export const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

export { ERROR_SCHEMA };
