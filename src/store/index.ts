// The store: one small interface per kind of record, one implementation per
// backend (SQLite embedded; PostgreSQL past one machine).
export type { AccountStore, UserRecord, SessionRecord, TokenRecord, UserPatch } from './account-store.js';
export { SqliteAccountStore, ACCOUNT_SCHEMA } from './sqlite/sqlite-account-store.js';
