// Renders the README's detector table from the detector definitions, so the docs
// cannot drift from the code (a test compares them; `npm run docs` rewrites it).
import type { Detector } from './detector.js';
import { redactPreview } from '../report/redact-value.js';

export const TABLE_START = '<!-- detectors:start -->';
export const TABLE_END = '<!-- detectors:end -->';

/** Markdown table, one row per type id (detectors sharing an id are merged). */
export function detectorTable(detectors: readonly Detector[]): string {
  const rows = new Map<string, { d: Detector; validation: string[]; examples: string[] }>();
  for (const d of detectors) {
    const row = rows.get(d.id);
    if (row) {
      if (!row.validation.includes(d.validation)) row.validation.push(d.validation);
      if (d.example && !row.examples.includes(d.example)) row.examples.push(d.example);
    } else rows.set(d.id, { d, validation: [d.validation], examples: d.example ? [d.example] : [] });
  }
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| type | category | PIPL class | finds | validation | example |', '| --- | --- | --- | --- | --- | --- |'];
  for (const { d, validation, examples } of rows.values()) {
    // PII examples are public specimen values; secret examples are shown redacted so the
    // README itself never trips a secret scanner.
    const shown = examples[0] === undefined ? undefined : d.category === 'secret' ? redactPreview(examples[0], 'secret') : examples[0];
    const example = shown ? '`' + cell(shown) + '`' : '';
    lines.push(`| \`${d.id}\` | ${d.category} | ${d.pipl ?? '–'} | ${cell(d.description)} | ${cell(validation.join('; '))} | ${example} |`);
  }
  return lines.join('\n');
}

/** Replaces the table between the markers in a README text. */
export function withDetectorTable(readme: string, detectors: readonly Detector[]): string {
  const a = readme.indexOf(TABLE_START);
  const b = readme.indexOf(TABLE_END);
  if (a < 0 || b < a) throw new Error('README has no detector table markers');
  return readme.slice(0, a + TABLE_START.length) + '\n' + detectorTable(detectors) + '\n' + readme.slice(b);
}
