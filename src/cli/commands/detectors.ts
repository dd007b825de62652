// `leakwatch detectors`: lists the detectors a scan would run (built-ins and the
// configuration's custom ones) with category, PIPL class and validation.
import { buildDetectors } from '../../scan/index.js';
import { buildScanOptions, type CommonFlags } from '../scan-options.js';

export async function detectorsCommand(flags: CommonFlags & { json?: boolean }): Promise<void> {
  const detectors = buildDetectors(await buildScanOptions(flags));
  if (flags.json) {
    const rows = detectors.map((d) => ({ id: d.id, category: d.category, pipl: d.pipl, description: d.description, validation: d.validation, anchors: d.anchors, keywords: d.keywords ?? [] }));
    process.stdout.write(JSON.stringify({ detectors: rows }, null, 2) + '\n');
    return;
  }
  const w = Math.max(...detectors.map((d) => d.id.length));
  for (const d of detectors) process.stdout.write(`${d.id.padEnd(w)}  ${d.category.padEnd(6)}  ${(d.pipl ?? '-').padEnd(18)}  ${d.description}\n`);
}
