// AccountStore on SQLite (better-sqlite3). Statements are prepared once; the
// tables are created by the schema migration `accounts` (see ACCOUNT_SCHEMA).
import type BetterSqlite3 from 'better-sqlite3';
import { LeakwatchError } from '../../errors/index.js';
import type { AccountStore, SessionRecord, TokenRecord, UserPatch, UserRecord } from '../account-store.js';

export const ACCOUNT_SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_login_at INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  last_used_at INTEGER,
  revoked_at INTEGER
);
`;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  failed_logins: number;
  locked_until: number | null;
  disabled: number;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}
interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string;
  user_agent: string;
}
interface TokenRow {
  id: string;
  name: string;
  hash: string;
  scopes: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastLoginAt: r.last_login_at,
});
const toSession = (r: SessionRow): SessionRecord => ({
  idHash: r.id_hash,
  userId: r.user_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastSeenAt: r.last_seen_at,
  ip: r.ip,
  userAgent: r.user_agent,
});
const toToken = (r: TokenRow): TokenRecord => ({
  id: r.id,
  name: r.name,
  hash: r.hash,
  scopes: JSON.parse(r.scopes) as string[],
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

const USER_COLUMNS: Record<keyof UserPatch, string> = {
  displayName: 'display_name',
  role: 'role',
  passwordHash: 'password_hash',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
  disabled: 'disabled',
  lastLoginAt: 'last_login_at',
};

export class SqliteAccountStore implements AccountStore {
  private readonly s;

  constructor(private readonly db: BetterSqlite3.Database) {
    db.exec(ACCOUNT_SCHEMA);
    this.s = {
      countUsers: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
      insertUser: db.prepare(
        'INSERT INTO users (id, username, display_name, role, password_hash, failed_logins, locked_until, disabled, created_at, updated_at, last_login_at) VALUES (@id, @username, @display_name, @role, @password_hash, @failed_logins, @locked_until, @disabled, @created_at, @updated_at, @last_login_at)',
      ),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      userByName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ? COLLATE NOCASE'),
      listUsers: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username'),
      insertSession: db.prepare(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, ip, user_agent) VALUES (@id_hash, @user_id, @csrf_token, @created_at, @expires_at, @last_seen_at, @ip, @user_agent)',
      ),
      sessionByHash: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id_hash = ?'),
      touchSession: db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
      deleteUserSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      insertToken: db.prepare(
        'INSERT INTO api_tokens (id, name, hash, scopes, created_by, created_at, expires_at, last_used_at, revoked_at) VALUES (@id, @name, @hash, @scopes, @created_by, @created_at, @expires_at, @last_used_at, @revoked_at)',
      ),
      tokenByHash: db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE hash = ?'),
      listTokens: db.prepare<[], TokenRow>('SELECT * FROM api_tokens ORDER BY created_at'),
      touchToken: db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?'),
      revokeToken: db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    };
  }

  async countUsers(): Promise<number> {
    return this.s.countUsers.get()!.n;
  }

  async createUser(u: UserRecord): Promise<void> {
    try {
      this.s.insertUser.run({
        id: u.id,
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        password_hash: u.passwordHash,
        failed_logins: u.failedLogins,
        locked_until: u.lockedUntil,
        disabled: u.disabled ? 1 : 0,
        created_at: u.createdAt,
        updated_at: u.updatedAt,
        last_login_at: u.lastLoginAt,
      });
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw new LeakwatchError('STORE_CONFLICT', `the user name ${JSON.stringify(u.username)} is taken`);
      throw err;
    }
  }

  async userById(id: string): Promise<UserRecord | null> {
    const r = this.s.userById.get(id);
    return r ? toUser(r) : null;
  }

  async userByName(username: string): Promise<UserRecord | null> {
    const r = this.s.userByName.get(username);
    return r ? toUser(r) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.s.listUsers.all().map(toUser);
  }

  async updateUser(id: string, patch: UserPatch, now: number): Promise<UserRecord | null> {
    const sets: string[] = ['updated_at = @updated_at'];
    const params: Record<string, unknown> = { id, updated_at: now };
    for (const [key, column] of Object.entries(USER_COLUMNS) as Array<[keyof UserPatch, string]>) {
      if (!(key in patch)) continue;
      const value = patch[key];
      sets.push(`${column} = @${column}`);
      params[column] = typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null);
    }
    this.db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = @id`).run(params);
    return this.userById(id);
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.s.insertSession.run({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      last_seen_at: s.lastSeenAt,
      ip: s.ip,
      user_agent: s.userAgent,
    });
  }

  async sessionByHash(idHash: string): Promise<SessionRecord | null> {
    const r = this.s.sessionByHash.get(idHash);
    return r ? toSession(r) : null;
  }

  async touchSession(idHash: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    this.s.touchSession.run(lastSeenAt, expiresAt, idHash);
  }

  async deleteSession(idHash: string): Promise<void> {
    this.s.deleteSession.run(idHash);
  }

  async deleteUserSessions(userId: string): Promise<void> {
    this.s.deleteUserSessions.run(userId);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return this.s.deleteExpired.run(now).changes;
  }

  async createToken(t: TokenRecord): Promise<void> {
    this.s.insertToken.run({
      id: t.id,
      name: t.name,
      hash: t.hash,
      scopes: JSON.stringify(t.scopes),
      created_by: t.createdBy,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      last_used_at: t.lastUsedAt,
      revoked_at: t.revokedAt,
    });
  }

  async tokenByHash(hash: string): Promise<TokenRecord | null> {
    const r = this.s.tokenByHash.get(hash);
    return r ? toToken(r) : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return this.s.listTokens.all().map(toToken);
  }

  async touchToken(id: string, at: number): Promise<void> {
    this.s.touchToken.run(at, id);
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    return this.s.revokeToken.run(at, id).changes > 0;
  }
}
