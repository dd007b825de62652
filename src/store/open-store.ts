// Opening the platform's store from its data directory: the embedded default is
// one SQLite file, `<data>/leakwatch.db`, shared by the CLI and the server.
import { join } from 'node:path';
import { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';

export const DATABASE_FILE = 'leakwatch.db';

/**
 * Opens (creating when needed) the store in a data directory.
 * @example const store = await openStore('./data'); try { ... } finally { await store.close(); }
 */
export async function openStore(dataDir: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  return SqliteStore.open(join(dataDir, DATABASE_FILE), options);
}
