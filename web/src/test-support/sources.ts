// Test-only: the dashboard's own source files, read from disk.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_SRC = fileURLToPath(new URL('..', import.meta.url));

/** Every .ts/.tsx file under web/src (tests included unless `appOnly`). */
export function sourceFiles({ appOnly = false, ext = ['.ts', '.tsx'] }: { appOnly?: boolean; ext?: string[] } = {}): Array<{ file: string; path: string; source: string }> {
  return (readdirSync(WEB_SRC, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => ext.some((e) => f.endsWith(e)) && !f.endsWith('.d.ts'))
    .filter((f) => !appOnly || !(f.includes('.test.') || f.startsWith('test-support') || f.endsWith('source-check.ts')))
    .sort()
    .map((f) => {
      const path = join(WEB_SRC, f);
      return { file: relative(join(WEB_SRC, '..', '..'), path), path, source: readFileSync(path, 'utf8') };
    });
}
