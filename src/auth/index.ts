// Access: local accounts, sessions, API tokens, roles and what they may do.
export { Accounts, DEFAULT_ACCOUNT_OPTIONS, publicUser, type AccountOptions, type AuditRecord, type AuditSink, type Login, type NewUser, type PublicToken, type PublicUser, type SessionAuth } from './accounts.js';
export { ROLES, SCOPES, PERMISSIONS, isRole, isScope, roleAllows, scopesAllow, permissionsOfRole, type Role, type Scope, type Permission } from './roles.js';
export { hashPassword, verifyPassword, passwordProblem, MIN_PASSWORD_LENGTH } from './passwords.js';
export { API_TOKEN_PREFIX, newSecret, secretHash, sameSecret } from './secrets.js';
export { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './login-limiter.js';
