import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import { DEFAULT_DETECTORS } from '../detectors/index.js';
import type { ScanReport } from '../report/types.js';
import { formatSarif } from './sarif.js';

// The OASIS SARIF 2.1.0 JSON schema (rtm.5), as shipped in Microsoft's SARIF test matchers.
const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// ajv-draft-04 is CommonJS: its class is the module's `default` export.
const validate = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

const report: ScanReport = {
  findings: [
    { type: 'cn_resident_id', category: 'pii', pipl: 'sensitive_personal', path: 'hr/list.csv', line: 3, column: 7, endLine: 3, endColumn: 25, confidence: 'high', context: true, preview: '1101**********002X', fingerprint: 'a'.repeat(32) },
    { type: 'aws_access_key_id', category: 'secret', pipl: null, path: 'backup.zip!deploy/.env', line: 1, column: 19, endLine: 1, endColumn: 39, confidence: 'high', context: false, preview: 'AKIA**************RT', fingerprint: 'b'.repeat(32) },
  ],
  errors: [{ path: 'broken.pdf', code: 'SCAN_DOCUMENT_CORRUPT', message: 'the PDF could not be read' }],
  files: [],
  stats: { filesScanned: 3, documents: 3, bytes: 100, findings: 2, findingsNotListed: 0, allowed: 0, errors: 1, durationMs: 5, mbPerSecond: 0, filesPerSecond: 0, byType: {}, byConfidence: { low: 0, medium: 0, high: 2 }, bulkFiles: 0, workers: 0, revealed: false },
};

describe('formatSarif', () => {
  const sarif = JSON.parse(formatSarif(report, { toolVersion: '0.1.0', detectors: DEFAULT_DETECTORS })) as {
    runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; locations: unknown[]; properties: Record<string, unknown> }> }>;
  };

  it('validates against the SARIF 2.1.0 schema', () => {
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('points each result at its rule and keeps archive members as logical locations', () => {
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['cn_resident_id', 'aws_access_key_id']);
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex])).toEqual([['cn_resident_id', 0], ['aws_access_key_id', 1]]);
    expect(run.results[1]?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'backup.zip' } }, logicalLocations: [{ fullyQualifiedName: 'backup.zip!deploy/.env', kind: 'member' }] }]);
    expect(run.results[1]?.properties).toMatchObject({ member: 'deploy/.env', memberLine: 1 });
  });

  it('fails the schema when a required part is missing (the check can fail)', () => {
    const broken = structuredClone(sarif) as { runs: Array<Record<string, unknown>> };
    delete broken.runs[0]!['tool'];
    expect(validate(broken)).toBe(false);
  });
});
