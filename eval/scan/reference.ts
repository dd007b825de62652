// A plain ScanDir over the built-in detectors without the engine or the
// extractors: reads each file as UTF-8 and runs every detector on the whole text.
// The evaluations use the real scanner; this exists to compare against it.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DEFAULT_DETECTORS, runDetector } from '../../src/scan/index.js';
import type { EvalFinding, ScanDir } from './types.js';

export const referenceScanDir: ScanDir = async (dir) => {
  const out: EvalFinding[] = [];
  for (const file of await walk(dir)) {
    const text = await readFile(file, 'utf8');
    const path = relative(dir, file).split(sep).join('/');
    for (const d of DEFAULT_DETECTORS) {
      for (const m of runDetector(d, text)) {
        const line = text.slice(0, m.start).split('\n').length;
        out.push({ path, type: m.type, category: d.category, value: m.value, line });
      }
    }
  }
  return out;
};

async function walk(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(p)));
    else if (e.isFile()) files.push(p);
  }
  return files;
}
