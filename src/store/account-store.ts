// Accounts, sessions and API tokens as the store keeps them. Roles and scopes are
// plain strings here: the store knows nothing of what they grant (src/auth does).
// Methods are async so a networked backend (PostgreSQL) fits the same interface.

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly passwordHash: string;
  readonly failedLogins: number;
  /** Epoch ms until which logins are refused, or null. */
  readonly lockedUntil: number | null;
  readonly disabled: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lastLoginAt: number | null;
}

export interface SessionRecord {
  /** SHA-256 of the session id; the id itself is only in the client's cookie. */
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly lastSeenAt: number;
  readonly ip: string;
  readonly userAgent: string;
}

export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  /** SHA-256 of the token; the token is shown once, at creation. */
  readonly hash: string;
  readonly scopes: readonly string[];
  readonly createdBy: string;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'role' | 'passwordHash' | 'failedLogins' | 'lockedUntil' | 'disabled' | 'lastLoginAt'>>;

export interface AccountStore {
  countUsers(): Promise<number>;
  /** Creates a user; rejects with STORE_CONFLICT when the user name is taken. */
  createUser(user: UserRecord): Promise<void>;
  userById(id: string): Promise<UserRecord | null>;
  /** Case-insensitive lookup. */
  userByName(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  updateUser(id: string, patch: UserPatch, now: number): Promise<UserRecord | null>;

  createSession(session: SessionRecord): Promise<void>;
  sessionByHash(idHash: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, lastSeenAt: number, expiresAt: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a user (password or role change, disabling). */
  deleteUserSessions(userId: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;

  createToken(token: TokenRecord): Promise<void>;
  tokenByHash(hash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  touchToken(id: string, at: number): Promise<void>;
  revokeToken(id: string, at: number): Promise<boolean>;
}
