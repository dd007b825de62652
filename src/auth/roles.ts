// Who may do what. Routes declare a permission; a session's role or a token's
// scopes grant permissions. Raw sensitive values need `reveal`, which no role
// holds by itself: it will come from a passkey step-up.

export const ROLES = ['admin', 'analyst', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export const PERMISSIONS = ['read', 'triage', 'scan', 'ledger', 'ingest', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'triage', 'scan', 'ledger', 'ingest', 'admin'],
  analyst: ['read', 'triage', 'scan'],
  auditor: ['read', 'ledger'],
  viewer: ['read'],
};

const SCOPE_PERMISSIONS: Record<Scope, readonly Permission[]> = {
  ingest: ['ingest'],
  // Read tokens serve dashboards, exporters and witnesses (who fetch ledger tiles).
  read: ['read', 'ledger'],
  admin: ['read', 'triage', 'scan', 'ledger', 'ingest', 'admin'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function scopesAllow(scopes: readonly Scope[], permission: Permission): boolean {
  return scopes.some((s) => SCOPE_PERMISSIONS[s].includes(permission));
}

export function permissionsOfRole(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}
