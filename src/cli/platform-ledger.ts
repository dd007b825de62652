// The platform's own ledger (`<data>/ledger`) as an audit sink for commands that
// change records outside the server (incident imports, DP releases). It is opened
// before anything changes, so a ledger held by a running server (one writer per
// log) stops the command up front with LEDGER_LOCKED instead of leaving changes
// unrecorded; `close` waits until every record is in a signed checkpoint.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord, AuditSink } from '../auth/index.js';
import { initLedger, openLedger } from '../ledger/index.js';

export interface LedgerSink {
  readonly audit: AuditSink;
  /** Waits for every append, integrates them into a signed checkpoint, closes the log. */
  close(): Promise<void>;
}

export async function openLedgerSink(dataDir: string): Promise<LedgerSink> {
  const dir = join(dataDir, 'ledger');
  if (!existsSync(join(dir, 'ledger.json'))) await initLedger(dir);
  const log = await openLedger(dir);
  const pending: Promise<unknown>[] = [];
  return {
    audit: (record: AuditRecord) => void pending.push(log.append({ kind: record.kind, actor: record.actor, subject: record.subject, data: record.data as never })),
    async close() {
      try {
        await Promise.all(pending);
        await log.integrateAll();
      } finally {
        await log.close();
      }
    },
  };
}
