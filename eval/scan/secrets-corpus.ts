// Scores the secret detectors on gitleaks' and secretlint's own labelled test
// cases (../shared/corpora/secrets): recall on rows upstream expects a finding
// in, and the share of clean rows left clean. Writes each row to its own file,
// scans them all once, and reports rule names and counts, never secret text.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalFinding, EvalScore, ScanDir } from './types.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'corpora', 'secrets');
const CORPORA = [
  { name: 'gitleaks', file: 'gitleaks-cases.jsonl' },
  { name: 'secretlint', file: 'secretlint-cases.jsonl' },
] as const;
const GOAL = 0.95;

/**
 * Upstream rules that judge the file name alone (a `.p12` file, a `.env` file):
 * no content detector can see what they see.
 */
const PATH_ONLY_RULES = new Set(['pkcs12-file', '@secretlint/secretlint-rule-no-dotenv']);

export interface CorpusRow {
  source: string;
  rule: string;
  label: 'tp' | 'fp';
  text: string;
  path?: string;
  options?: unknown;
}

/** Why a row is left out of the gated figures (it still counts in the `…AllRows` ones). */
export type Exclusion = 'path-only rule' | 'upstream options' | 'same text labelled tp';

interface Outcome {
  row: CorpusRow;
  types: string[];
  excluded: Exclusion | null;
}

/**
 * Runs `scanDir` over both corpora and returns one score per corpus. Recall is
 * the share of `tp` rows with at least one `secret` finding; specificity the
 * share of `fp` rows with none. The gated figures leave out rows whose label
 * does not follow from their text: path-only rules, rows that ran with
 * non-default upstream options, and `fp` rows whose exact text is a `tp` row of
 * another rule in the same corpus. Both figures are reported.
 */
export async function evalSecrets(scanDir: ScanDir): Promise<EvalScore[]> {
  if (!existsSync(CORPUS_DIR)) {
    return [{ corpus: 'secrets', goal: `recall and specificity ≥ ${GOAL}`, pass: false, skipped: `${CORPUS_DIR} is absent` }];
  }
  const corpora = await Promise.all(CORPORA.map(async (c) => ({ name: c.name, rows: parseRows(await readFile(join(CORPUS_DIR, c.file), 'utf8')) })));

  const dir = await mkdtemp(join(tmpdir(), 'leakwatch-secrets-eval-'));
  try {
    const fileOf = new Map<string, { corpus: string; index: number }>();
    for (const { name, rows } of corpora) {
      for (const [index, row] of rows.entries()) {
        const rel = `${name}/${index}/${safeFileName(row, index)}`;
        const file = join(dir, rel);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, row.text, 'utf8');
        fileOf.set(`${name}/${index}`, { corpus: name, index });
      }
    }
    const findings = await scanDir(dir);
    const typesByRow = groupSecretFindings(findings);
    return corpora.map(({ name, rows }) => score(name, outcomes(name, rows, typesByRow)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Parses JSON lines; a malformed line is an error naming its number. */
export function parseRows(jsonl: string): CorpusRow[] {
  const rows: CorpusRow[] = [];
  jsonl.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      throw new Error(`corpus line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
    if (!isRow(row)) throw new Error(`corpus line ${i + 1} lacks source, rule, label or text`);
    rows.push(row);
  });
  return rows;
}

function isRow(v: unknown): v is CorpusRow {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r['source'] === 'string' && typeof r['rule'] === 'string' && (r['label'] === 'tp' || r['label'] === 'fp') && typeof r['text'] === 'string';
}

/** The row's own file name (it may matter to the scanner), kept inside its folder; else `case-<n>.txt`. */
function safeFileName(row: CorpusRow, index: number): string {
  if (row.path) {
    const p = normalize(row.path).replace(/^([/\\])+/, '');
    if (p !== '' && !p.split(/[/\\]/).includes('..')) return p;
  }
  return `case-${index}.txt`;
}

/** `corpus/index` → secret finding types in that row's file. */
function groupSecretFindings(findings: readonly EvalFinding[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    if (f.category !== 'secret') continue;
    const [corpus, index] = f.path.split('/');
    const key = `${corpus}/${index}`;
    const list = out.get(key) ?? [];
    list.push(f.type);
    out.set(key, list);
  }
  return out;
}

function outcomes(corpus: string, rows: readonly CorpusRow[], typesByRow: Map<string, string[]>): Outcome[] {
  const tpTexts = new Set(rows.filter((r) => r.label === 'tp').map((r) => r.text));
  return rows.map((row, index) => ({ row, types: typesByRow.get(`${corpus}/${index}`) ?? [], excluded: exclusion(row, tpTexts) }));
}

export function exclusion(row: CorpusRow, tpTexts: ReadonlySet<string>): Exclusion | null {
  if (PATH_ONLY_RULES.has(row.rule) || row.text === '') return 'path-only rule';
  if (row.options !== undefined) return 'upstream options';
  if (row.label === 'fp' && tpTexts.has(row.text)) return 'same text labelled tp';
  return null;
}

function score(corpus: string, all: readonly Outcome[]): EvalScore {
  const tp = all.filter((o) => o.row.label === 'tp');
  const fp = all.filter((o) => o.row.label === 'fp');
  const tpScored = tp.filter((o) => o.excluded === null);
  const fpScored = fp.filter((o) => o.excluded === null);
  const found = (o: Outcome) => o.types.length > 0;
  const recall = share(tpScored.filter(found).length, tpScored.length);
  const specificity = share(fpScored.filter((o) => !found(o)).length, fpScored.length);
  return {
    corpus: `secrets/${corpus}`,
    recall,
    specificity,
    goal: `recall ≥ ${GOAL} and specificity ≥ ${GOAL} on rows judged by their text`,
    pass: recall >= GOAL && specificity >= GOAL,
    rows: { tp: tp.length, fp: fp.length, tpScored: tpScored.length, fpScored: fpScored.length },
    recallAllRows: share(tp.filter(found).length, tp.length),
    specificityAllRows: share(fp.filter((o) => !found(o)).length, fp.length),
    excluded: countBy(all.filter((o) => o.excluded !== null), (o) => `${o.row.label}: ${o.excluded}`),
    missedTp: ruleCounts(tpScored.filter((o) => !found(o))),
    flaggedFp: ruleCounts(fpScored.filter(found)),
    flaggedFpTypes: countBy(fpScored.flatMap((o) => [...new Set(o.types)].map((t) => ({ t }))), (x) => x.t),
  };
}

function share(n: number, d: number): number {
  return d === 0 ? 1 : Math.round((n / d) * 10000) / 10000;
}

/** Upstream rule → how many rows, most first. */
function ruleCounts(list: readonly Outcome[]): Array<{ rule: string; count: number }> {
  const counts = countBy(list, (o) => o.row.rule);
  return Object.entries(counts)
    .map(([rule, count]) => ({ rule, count }))
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}

function countBy<T>(list: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of list) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}
