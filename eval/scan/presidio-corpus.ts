// Microsoft Presidio's recognizer test cases (shared/corpora/pii/presidio-cases.jsonl)
// as a regression corpus for the international PII detectors: each `analyze` row of an
// entity we support becomes its own file; a positive row passes when the scan reports
// one of the mapped types in that file, a negative row when it reports none.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalScore, ScanDir } from './types.js';

/** Presidio entity → our type ids. Phone numbers count under the mainland types too. */
const ENTITY_TYPES: Readonly<Record<string, readonly string[]>> = {
  CREDIT_CARD: ['credit_card', 'cn_bank_card'],
  EMAIL_ADDRESS: ['email'],
  IBAN_CODE: ['iban'],
  IP_ADDRESS: ['ipv4', 'ipv6'],
  MAC_ADDRESS: ['mac_address'],
  PHONE_NUMBER: ['phone_number', 'cn_mobile', 'cn_landline'],
  US_SSN: ['us_ssn'],
};

/**
 * Rows where our reporting policy differs from Presidio's on purpose. They are
 * scored separately (`recall_all` includes them); the goal applies to the rest.
 */
const POLICY_ROWS: Readonly<Record<string, string>> = {
  // A UATP airline card (IIN 1, 15 digits) without any card word: 15-digit runs
  // starting with 1 are mostly legacy PRC IDs and business registration numbers, so
  // UATP needs a keyword. The same number after "my credit card:" is found.
  'presidio:test_credit_card_recognizer:test_when_all_credit_cards_then_succeed:2': 'UATP card without a card keyword',
  // National numbers with a trunk 0 (an Israeli and a Japanese one) whose only
  // context is "my … number is": "number" is too generic to count as a phone word.
  'presidio:test_phone_recognizer:test_when_all_phones_then_succeed:1': 'national format, no phone keyword',
  'presidio:test_phone_recognizer:test_when_all_phones_then_succeed:8': 'national format, no phone keyword',
  // Presidio scores these SSN shapes 0.05 ("very weak"): bare 9 digits and the
  // 3-6 / 5-4 groupings (the latter is also a US ZIP+4). We report them next to an SSN keyword only.
  'presidio:test_us_ssn_recognizer:test_when_snn_in_text_than_all_us_ssns_are_found:0': 'partial SSN groupings without a keyword',
  'presidio:test_us_ssn_recognizer:test_when_snn_in_text_than_all_us_ssns_are_found:1': 'bare 9 digits without a keyword',
  // "::" alone is the unspecified address: it names no host, and a bare "::" is
  // indistinguishable from Haskell's or C++'s "::" in code, so it is never reported.
  'presidio:test_ip_recognizer:test_when_all_ips_then_succeed:8': 'bare ::',
  'presidio:test_ip_recognizer:test_when_special_ip_variants_then_succeed:6': 'bare ::',
  'presidio:test_ip_recognizer:test_when_cidr_notation_then_largest_span_redacted:9': 'bare :: with a prefix length',
  'presidio:test_ip_recognizer:test_when_cidr_notation_then_largest_span_redacted:10': 'bare :: with a prefix length',
  // A dotted run of five numbers: we do not cut an address out of longer dotted
  // runs, which are version strings and SNMP OIDs far more often than addresses.
  'presidio:test_ip_recognizer:test_when_ip_at_boundary_then_correct_span:11': 'address inside a longer dotted run',
};

const GOAL = 0.95;
/** Rows of other entity types (Korean business numbers, Philippine mobiles…) that may hold a finding of ours. */
const OTHER_ROWS_GOAL = 0.05;

interface Row {
  id: string;
  entity: string;
  kind: string;
  text: string;
  label: string;
}

/** The shared corpora folder, beside the project root. */
export function sharedPiiDir(): string {
  return fileURLToPath(new URL('../../../shared/corpora/pii/', import.meta.url));
}

/**
 * Scans every supported Presidio `analyze` row as its own file and scores, per
 * entity and overall, the share of positive rows with a finding of a mapped type
 * (recall) and of negative rows without one (specificity).
 */
export async function evalPresidio(scanDir: ScanDir): Promise<EvalScore[]> {
  const source = join(sharedPiiDir(), 'presidio-cases.jsonl');
  if (!existsSync(source)) {
    return [{ corpus: 'presidio', goal: `recall and specificity ≥ ${GOAL} per entity`, pass: false, skipped: `${source} is absent` }];
  }
  const all = (await readFile(source, 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row)
    .filter((r) => r.kind === 'analyze');
  const rows = all.filter((r) => r.entity in ENTITY_TYPES);
  const others = all.filter((r) => !(r.entity in ENTITY_TYPES));

  const dir = await mkdtemp(join(tmpdir(), 'leakwatch-presidio-'));
  try {
    const paths = rows.map((_, i) => `${rows[i]!.entity}/${String(i).padStart(4, '0')}.txt`);
    const otherPaths = others.map((_, i) => `other/${String(i).padStart(4, '0')}.txt`);
    for (const entity of [...Object.keys(ENTITY_TYPES), 'other']) await mkdir(join(dir, entity), { recursive: true });
    await Promise.all(rows.map((r, i) => writeFile(join(dir, paths[i]!), r.text, 'utf8')));
    await Promise.all(others.map((r, i) => writeFile(join(dir, otherPaths[i]!), r.text, 'utf8')));
    const found = new Map<string, Set<string>>();
    for (const f of await scanDir(dir)) {
      if (f.category !== 'pii') continue;
      const types = found.get(f.path) ?? new Set<string>();
      types.add(f.type);
      found.set(f.path, types);
    }
    const outcomes = rows.map((r, i) => {
      const types = found.get(paths[i]!) ?? new Set<string>();
      const hit = (ENTITY_TYPES[r.entity] ?? []).some((t) => types.has(t));
      return { row: r, positive: r.label === 'positive', ok: r.label === 'positive' ? hit : !hit, policy: r.id in POLICY_ROWS };
    });
    const scores = Object.keys(ENTITY_TYPES).map((entity) => score(entity, outcomes.filter((o) => o.row.entity === entity)));
    scores.push(score('all', outcomes));
    scores.push(otherScore(others, otherPaths.map((p) => found.get(p) ?? new Set<string>())));
    return scores;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Outcome { row: Row; positive: boolean; ok: boolean; policy: boolean }

function score(entity: string, outcomes: readonly Outcome[]): EvalScore {
  const ratio = (list: readonly Outcome[]): number | undefined => (list.length === 0 ? undefined : round(list.filter((o) => o.ok).length / list.length));
  const scored = outcomes.filter((o) => !o.policy);
  const pos = scored.filter((o) => o.positive);
  const neg = scored.filter((o) => !o.positive);
  const recall = ratio(pos);
  const specificity = ratio(neg);
  return {
    corpus: 'presidio',
    entity,
    types: entity === 'all' ? undefined : ENTITY_TYPES[entity],
    positives: pos.length,
    negatives: neg.length,
    recall,
    specificity,
    recall_all: ratio(outcomes.filter((o) => o.positive)),
    specificity_all: ratio(outcomes.filter((o) => !o.positive)),
    policy_rows: outcomes.length - scored.length,
    // Ids only: the rows' texts are test numbers, but evaluation output never carries values.
    misses: scored.filter((o) => !o.ok).map((o) => o.row.id),
    goal: `recall and specificity ≥ ${GOAL} (policy rows excluded)`,
    pass: (recall ?? 1) >= GOAL && (specificity ?? 1) >= GOAL,
  };
}

/** Rows of the entity types we do not map: a finding there is a look-alike or a type we name differently. */
function otherScore(rows: readonly Row[], found: readonly Set<string>[]): EvalScore {
  const byType: Record<string, number> = {};
  const byPair: Record<string, number> = {};
  found.forEach((types, i) => {
    for (const t of types) {
      byType[t] = (byType[t] ?? 0) + 1;
      const pair = `${rows[i]!.entity}->${t}`;
      byPair[pair] = (byPair[pair] ?? 0) + 1;
    }
  });
  const withFinding = found.filter((t) => t.size > 0).length;
  const share = rows.length === 0 ? 0 : round(withFinding / rows.length);
  return {
    corpus: 'presidio', entity: 'other-entities', rows: rows.length, entity_types: new Set(rows.map((r) => r.entity)).size,
    rows_with_finding: withFinding, share, by_type: byType, by_entity: byPair,
    goal: `≤ ${OTHER_ROWS_GOAL} of rows of other entity types get a finding of ours`, pass: share <= OTHER_ROWS_GOAL,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
