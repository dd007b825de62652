// SARIF 2.1.0 output (OASIS standard), in the shape GitHub code scanning loads:
// one run, the detectors as rules, a result per finding with a redacted message,
// the location as a path relative to the scan root, and the salted fingerprint as
// a partial fingerprint so alerts track across commits.
import type { Detector } from '../detectors/index.js';
import type { Finding, ScanReport } from '../report/types.js';

export interface SarifOptions {
  toolVersion: string;
  detectors: readonly Detector[];
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function formatSarif(report: ScanReport, options: SarifOptions): string {
  const used = new Set(report.findings.map((f) => f.type));
  // One rule per type id (a type may have several detectors, e.g. 18- and 15-digit IDs).
  const rules = options.detectors.filter((d, i, all) => used.has(d.id) && all.findIndex((x) => x.id === d.id) === i);
  const ruleIndex = new Map(rules.map((d, i) => [d.id, i]));
  const sarif = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leakwatch',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: 'https://github.com/leakwatch/leakwatch',
            rules: rules.map((d) => ({
              id: d.id,
              name: toPascal(d.id),
              shortDescription: { text: d.description },
              fullDescription: { text: `${d.description}. Validation: ${d.validation}.` },
              help: { text: `Remove the ${d.category === 'secret' ? 'secret and rotate it' : 'personal data or protect it'}; Leakwatch reports only a redacted preview and a salted fingerprint.` },
              defaultConfiguration: { level: d.category === 'secret' || d.pipl === 'sensitive_personal' ? 'error' : 'warning' },
              properties: {
                category: d.category,
                pipl: d.pipl,
                tags: ['security', d.category, ...(d.pipl ? [`pipl-${d.pipl}`] : [])],
                'security-severity': d.category === 'secret' ? '8.0' : d.pipl === 'sensitive_personal' ? '7.0' : '4.0',
              },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => result(f, ruleIndex.get(f.type) ?? 0)),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'warning',
              message: { text: `${e.code}: ${e.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: toUri(e.path.split('!')[0]!) } } }],
              descriptor: { id: e.code },
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function result(f: Finding, ruleIndex: number) {
  const [file, ...members] = f.path.split('!');
  const inArchive = members.length > 0;
  return {
    ruleId: f.type,
    ruleIndex,
    level: f.category === 'secret' || f.pipl === 'sensitive_personal' ? 'error' : 'warning',
    message: { text: `${f.type} found${inArchive ? ` in ${members.join('!')}` : ''}: ${f.preview} (${f.confidence} confidence)` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(file!) },
          // A position inside an archive member is not a position in the archive file.
          ...(inArchive ? {} : { region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } }),
        },
        ...(inArchive ? { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }] } : {}),
      },
    ],
    partialFingerprints: { 'leakwatch/v1': f.fingerprint },
    properties: { confidence: f.confidence, category: f.category, pipl: f.pipl, ...(inArchive ? { member: members.join('!'), memberLine: f.line } : {}) },
  };
}

function toUri(path: string): string {
  const p = path.replace(/^\.\//, '');
  return p.split('/').map(encodeURIComponent).join('/');
}

function toPascal(id: string): string {
  return id.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
