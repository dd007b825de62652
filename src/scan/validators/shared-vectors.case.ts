// Test helper: the verified check-digit vectors in shared/corpora/pii, read when that
// folder is present (it sits beside the project, not inside it, and is never copied in).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SharedVector { readonly algorithm: string; readonly value: string; readonly valid: boolean; readonly source: string }

export const SHARED_VECTORS_FILE = fileURLToPath(new URL('../../../../shared/corpora/pii/checksum-examples.jsonl', import.meta.url));

/** The vectors of one algorithm, or null when shared/ is absent. */
export function sharedVectors(algorithm: string): SharedVector[] | null {
  if (!existsSync(SHARED_VECTORS_FILE)) return null;
  return readFileSync(SHARED_VECTORS_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SharedVector)
    .filter((v) => v.algorithm === algorithm);
}
