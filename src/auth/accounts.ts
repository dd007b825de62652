// Local accounts: first-run setup through a one-time link, password logins with
// lockout, sliding sessions, and scoped API tokens shown once. Every login,
// account or role change and token change is handed to the audit sink (the
// ledger). Time comes from `now` so behaviour is testable.
import { randomUUID } from 'node:crypto';
import { LeakwatchError } from '../errors/index.js';
import type { AccountStore, SessionRecord, TokenRecord, UserRecord } from '../store/index.js';
import { AddressLimiter, DEFAULT_LOGIN_LIMITS, type LoginLimits } from './login-limiter.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { isRole, isScope, type Role, type Scope } from './roles.js';
import { API_TOKEN_PREFIX, newSecret, sameSecret, secretHash } from './secrets.js';

/** One audit record for the ledger: `{kind, actor, subject, data}` (the ledger adds `at`). */
export interface AuditRecord {
  readonly kind: string;
  readonly actor: string;
  readonly subject: string;
  readonly data: Record<string, unknown>;
}
export type AuditSink = (record: AuditRecord) => void;

export interface AccountOptions {
  /** A session ends after this long without a request. */
  readonly idleMs: number;
  /** A session ends this long after login, however active. */
  readonly absoluteMs: number;
  /** How long a setup link stays valid. */
  readonly setupMs: number;
  readonly limits: LoginLimits;
}

export const DEFAULT_ACCOUNT_OPTIONS: AccountOptions = {
  idleMs: 2 * 3600_000,
  absoluteMs: 12 * 3600_000,
  setupMs: 15 * 60_000,
  limits: DEFAULT_LOGIN_LIMITS,
};

/** A user as shown to clients: no hash, no lockout internals. */
export interface PublicUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: number;
  readonly lastLoginAt: number | null;
}

export interface PublicToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdBy: string;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

export interface Login {
  /** The session id for the cookie. Never stored: only its hash is. */
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly user: PublicUser;
  readonly expiresAt: number;
}

export interface SessionAuth {
  readonly user: PublicUser;
  readonly session: SessionRecord;
}

export function publicUser(u: UserRecord): PublicUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: isRole(u.role) ? u.role : 'viewer', disabled: u.disabled, createdAt: u.createdAt, lastLoginAt: u.lastLoginAt };
}

function publicToken(t: TokenRecord): PublicToken {
  return { id: t.id, name: t.name, scopes: t.scopes.filter(isScope), createdBy: t.createdBy, createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt };
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly displayName?: string;
  readonly role: Role;
}

export class Accounts {
  private setup: { hash: string; expiresAt: number } | null = null;
  private readonly addresses: AddressLimiter;
  /** A hash to verify against when the user does not exist, so timing does not tell. */
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly store: AccountStore,
    private readonly audit: AuditSink = () => {},
    private readonly options: AccountOptions = DEFAULT_ACCOUNT_OPTIONS,
  ) {
    this.addresses = new AddressLimiter(options.limits);
  }

  async needsSetup(): Promise<boolean> {
    return (await this.store.countUsers()) === 0;
  }

  /** A fresh one-time setup token while no account exists (the previous one stops working). */
  async createSetupToken(now: number): Promise<string | null> {
    if (!(await this.needsSetup())) return null;
    const token = newSecret();
    this.setup = { hash: secretHash(token), expiresAt: now + this.options.setupMs };
    return token;
  }

  /** Whether a setup token is the live one (for the setup page to say so before asking for a password). */
  setupTokenValid(token: string, now: number): boolean {
    return this.setup !== null && now < this.setup.expiresAt && sameSecret(secretHash(token), this.setup.hash);
  }

  /** Creates the first admin with the one-time token; the token is spent whatever happens next. */
  async completeSetup(token: string, input: Omit<NewUser, 'role'>, now: number, ip = ''): Promise<PublicUser> {
    if (!this.setupTokenValid(token, now)) throw new LeakwatchError('AUTH_SETUP_INVALID');
    if (!(await this.needsSetup())) {
      this.setup = null;
      throw new LeakwatchError('AUTH_SETUP_DONE');
    }
    this.validateNewUser(input.username, input.password);
    this.setup = null;
    const user = await this.insertUser({ ...input, role: 'admin' }, now);
    this.audit({ kind: 'account.setup', actor: user.username, subject: `user:${user.id}`, data: { username: user.username, role: 'admin', ip } });
    return user;
  }

  async login(username: string, password: string, now: number, client: { ip: string; userAgent: string }): Promise<Login> {
    const wait = this.addresses.retryAfter(client.ip, now);
    if (wait > 0) throw new LeakwatchError('AUTH_RATE_LIMITED', undefined, { retryAfterMs: wait });
    const user = typeof username === 'string' && username.length <= 64 ? await this.store.userByName(username) : null;
    const fail = async (reason: string, code: 'AUTH_INVALID_CREDENTIALS' | 'AUTH_LOCKED' = 'AUTH_INVALID_CREDENTIALS', details: Record<string, unknown> = {}) => {
      this.addresses.fail(client.ip, now);
      this.audit({ kind: 'auth.login_failed', actor: user?.username ?? String(username).slice(0, 64), subject: user ? `user:${user.id}` : 'user:unknown', data: { reason, ip: client.ip } });
      return new LeakwatchError(code, undefined, details);
    };
    if (!user) {
      // Same work as a real check, so a missing account cannot be told apart by timing.
      this.decoy ??= hashPassword('leakwatch-decoy-password');
      await verifyPassword(password, await this.decoy);
      throw await fail('unknown user');
    }
    if (user.lockedUntil !== null && now < user.lockedUntil) throw await fail('locked', 'AUTH_LOCKED', { retryAfterMs: user.lockedUntil - now });
    if (user.disabled) throw await fail('disabled');
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failures = user.failedLogins + 1;
      const lock = failures >= this.options.limits.accountFailures;
      await this.store.updateUser(user.id, { failedLogins: lock ? 0 : failures, lockedUntil: lock ? now + this.options.limits.lockoutMs : null }, now);
      if (lock) this.audit({ kind: 'account.locked', actor: 'system', subject: `user:${user.id}`, data: { username: user.username, until: now + this.options.limits.lockoutMs } });
      throw await fail('wrong password');
    }
    this.addresses.succeed(client.ip);
    const updated = (await this.store.updateUser(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now }, now))!;
    const sessionId = newSecret();
    const csrfToken = newSecret();
    const expiresAt = Math.min(now + this.options.idleMs, now + this.options.absoluteMs);
    await this.store.createSession({ idHash: secretHash(sessionId), userId: user.id, csrfToken, createdAt: now, expiresAt, lastSeenAt: now, ip: client.ip, userAgent: client.userAgent.slice(0, 256) });
    this.audit({ kind: 'auth.login', actor: user.username, subject: `user:${user.id}`, data: { ip: client.ip } });
    return { sessionId, csrfToken, user: publicUser(updated), expiresAt };
  }

  /** The user behind a session id, sliding its idle expiry; null when unknown, expired or disabled. */
  async authenticateSession(sessionId: string, now: number): Promise<SessionAuth | null> {
    const session = await this.store.sessionByHash(secretHash(sessionId));
    if (!session) return null;
    if (now >= session.expiresAt) {
      await this.store.deleteSession(session.idHash);
      return null;
    }
    const user = await this.store.userById(session.userId);
    if (!user || user.disabled) return null;
    // Touch at most once a minute: a busy dashboard should not write on every request.
    if (now - session.lastSeenAt > 60_000) {
      const expiresAt = Math.min(now + this.options.idleMs, session.createdAt + this.options.absoluteMs);
      await this.store.touchSession(session.idHash, now, expiresAt);
    }
    return { user: publicUser(user), session };
  }

  async logout(sessionId: string, actor: string): Promise<void> {
    await this.store.deleteSession(secretHash(sessionId));
    this.audit({ kind: 'auth.logout', actor, subject: `user:${actor}`, data: {} });
  }

  /** The live token behind a bearer secret, or null. */
  async authenticateToken(secret: string, now: number): Promise<PublicToken | null> {
    if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 128) return null;
    const token = await this.store.tokenByHash(secretHash(secret));
    if (!token || token.revokedAt !== null || (token.expiresAt !== null && now >= token.expiresAt)) return null;
    if (token.lastUsedAt === null || now - token.lastUsedAt > 60_000) await this.store.touchToken(token.id, now);
    return publicToken(token);
  }

  async listUsers(): Promise<PublicUser[]> {
    return (await this.store.listUsers()).map(publicUser);
  }

  async createUser(input: NewUser, actor: string, now: number): Promise<PublicUser> {
    this.validateNewUser(input.username, input.password);
    if (!isRole(input.role)) throw new LeakwatchError('AUTH_INVALID_INPUT', `unknown role ${JSON.stringify(input.role)}`);
    const user = await this.insertUser(input, now);
    this.audit({ kind: 'account.created', actor, subject: `user:${user.id}`, data: { username: user.username, role: user.role } });
    return user;
  }

  /** Changes role, display name, disabled flag or password; ends the user's sessions when access changes. */
  async updateUser(id: string, patch: { role?: Role; displayName?: string; disabled?: boolean; password?: string }, actor: string, now: number): Promise<PublicUser> {
    const before = await this.store.userById(id);
    if (!before) throw new LeakwatchError('SERVER_NOT_FOUND', 'no such user');
    if (patch.role !== undefined && !isRole(patch.role)) throw new LeakwatchError('AUTH_INVALID_INPUT', `unknown role ${JSON.stringify(patch.role)}`);
    if (before.role === 'admin' && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true)) {
      const admins = (await this.store.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
      if (admins.length <= 1) throw new LeakwatchError('AUTH_LAST_ADMIN');
    }
    let passwordHash: string | undefined;
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password, before.username);
      if (problem) throw new LeakwatchError('AUTH_PASSWORD_WEAK', problem);
      passwordHash = await hashPassword(patch.password);
    }
    const after = (await this.store.updateUser(
      id,
      {
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.displayName !== undefined ? { displayName: patch.displayName.slice(0, 128) } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(passwordHash !== undefined ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
      },
      now,
    ))!;
    if (patch.role !== undefined || patch.disabled === true || passwordHash !== undefined) await this.store.deleteUserSessions(id);
    const changes: Record<string, unknown> = {};
    if (patch.role !== undefined && patch.role !== before.role) changes['role'] = { from: before.role, to: patch.role };
    if (patch.disabled !== undefined && patch.disabled !== before.disabled) changes['disabled'] = patch.disabled;
    if (patch.displayName !== undefined) changes['displayName'] = true;
    if (passwordHash !== undefined) changes['password'] = 'reset';
    this.audit({ kind: 'account.updated', actor, subject: `user:${id}`, data: { username: before.username, changes } });
    return publicUser(after);
  }

  async listTokens(): Promise<PublicToken[]> {
    return (await this.store.listTokens()).map(publicToken);
  }

  /** Creates an API token; the secret is returned once and never again. */
  async createToken(input: { name: string; scopes: readonly Scope[]; expiresAt?: number | null }, actor: string, now: number): Promise<{ token: string; record: PublicToken }> {
    const name = String(input.name ?? '').trim();
    if (name.length === 0 || name.length > 100) throw new LeakwatchError('AUTH_INVALID_INPUT', 'a token needs a name of 1 to 100 characters');
    if (!Array.isArray(input.scopes) || input.scopes.length === 0 || !input.scopes.every(isScope)) throw new LeakwatchError('AUTH_INVALID_INPUT', 'scopes must be a non-empty list of ingest, read, admin');
    if (input.expiresAt != null && input.expiresAt <= now) throw new LeakwatchError('AUTH_INVALID_INPUT', 'expiresAt must be in the future');
    const token = newSecret(API_TOKEN_PREFIX);
    const record: TokenRecord = { id: randomUUID(), name, hash: secretHash(token), scopes: [...new Set(input.scopes)], createdBy: actor, createdAt: now, expiresAt: input.expiresAt ?? null, lastUsedAt: null, revokedAt: null };
    await this.store.createToken(record);
    this.audit({ kind: 'token.created', actor, subject: `token:${record.id}`, data: { name, scopes: record.scopes, expiresAt: record.expiresAt } });
    return { token, record: publicToken(record) };
  }

  async revokeToken(id: string, actor: string, now: number): Promise<void> {
    if (!(await this.store.revokeToken(id, now))) throw new LeakwatchError('SERVER_NOT_FOUND', 'no such live token');
    this.audit({ kind: 'token.revoked', actor, subject: `token:${id}`, data: {} });
  }

  private validateNewUser(username: string, password: string): void {
    if (typeof username !== 'string' || !USERNAME.test(username)) throw new LeakwatchError('AUTH_INVALID_INPUT', 'a user name has 2 to 64 letters, digits or . _ @ -, starting with a letter or digit');
    const problem = typeof password === 'string' ? passwordProblem(password, username) : 'a password is required';
    if (problem) throw new LeakwatchError('AUTH_PASSWORD_WEAK', problem);
  }

  private async insertUser(input: NewUser, now: number): Promise<PublicUser> {
    const record: UserRecord = {
      id: randomUUID(),
      username: input.username,
      displayName: (input.displayName ?? input.username).slice(0, 128),
      role: input.role,
      passwordHash: await hashPassword(input.password),
      failedLogins: 0,
      lockedUntil: null,
      disabled: false,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    };
    await this.store.createUser(record);
    return publicUser(record);
  }
}
