// Opening the incident registry's stores on the data directory's database
// (`<data>/leakwatch.db`, WAL), shared with the rest of the platform through the
// store's connection. For the incidents, report and export commands.
import type { AuditSink } from '../auth/index.js';
import { SqliteCalendarWindowStore, SqliteDpStore, SqliteIncidentStore, openStore } from '../store/index.js';
import { ensureDataDir } from './data-dir.js';
import { openLedgerSink } from './platform-ledger.js';

export interface IncidentDb {
  readonly dir: string;
  readonly incidents: SqliteIncidentStore;
  readonly dp: SqliteDpStore;
  readonly windows: SqliteCalendarWindowStore;
  /** Where incident changes and releases are recorded: the platform ledger when opened for writing. */
  readonly audit: AuditSink;
  close(): Promise<void>;
}

/** Opens the stores; with `writes`, also the platform ledger, so every change is recorded (or nothing starts). */
export async function openIncidentDb(dataFlag: string | undefined, { writes }: { writes: boolean }): Promise<IncidentDb> {
  const dir = await ensureDataDir(dataFlag);
  const ledger = writes ? await openLedgerSink(dir) : null;
  const store = await openStore(dir);
  const db = store.database;
  return {
    dir,
    incidents: new SqliteIncidentStore(db),
    dp: new SqliteDpStore(db),
    windows: new SqliteCalendarWindowStore(db),
    audit: ledger?.audit ?? (() => {}),
    close: async () => {
      try {
        await store.close();
      } finally {
        await ledger?.close();
      }
    },
  };
}
