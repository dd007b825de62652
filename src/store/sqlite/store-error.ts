// SQLite failures as coded errors, on whichever thread they happen.
import { LeakwatchError, isLeakwatchError } from '../../errors/index.js';

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

/** Turns a SQLite failure into a coded error; LeakwatchErrors pass through. */
export function storeError(err: unknown, what: string): LeakwatchError {
  if (isLeakwatchError(err)) return err;
  const code = sqliteCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new LeakwatchError('STORE_BUSY', `${what}: ${message}`, {}, { cause: err });
  return new LeakwatchError('STORE_WRITE_FAILED', `${what}: ${message}`, { sqlite: code }, { cause: err });
}
