// Reads an alert's explanation defensively: the server promises `{rule}` or
// `{features}`, but the dashboard must not break on a detector that says more,
// less, or something malformed.
import type { FeatureDeviation } from '../api/types';

export interface Explanation {
  rule: { id: string; name: string; description?: string } | null;
  features: FeatureDeviation[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function readExplanation(value: unknown): Explanation {
  const out: Explanation = { rule: null, features: [] };
  if (!value || typeof value !== 'object') return out;
  const e = value as { rule?: unknown; features?: unknown };
  if (e.rule && typeof e.rule === 'object') {
    const r = e.rule as Record<string, unknown>;
    if (typeof r['id'] === 'string' || typeof r['name'] === 'string') {
      out.rule = { id: String(r['id'] ?? ''), name: String(r['name'] ?? r['id'] ?? ''), ...(typeof r['description'] === 'string' ? { description: r['description'] } : {}) };
    }
  }
  if (Array.isArray(e.features)) {
    for (const f of e.features as unknown[]) {
      if (!f || typeof f !== 'object') continue;
      const x = f as Record<string, unknown>;
      const observed = num(x['observed']);
      if (typeof x['name'] !== 'string' || observed === null) continue;
      out.features.push({ name: x['name'], observed, baseline: num(x['baseline']) ?? 0, peer: num(x['peer']) ?? 0 });
    }
  }
  return out;
}

/** How many times the baseline the observed value is (∞ shown as null). */
export function deviationRatio(f: FeatureDeviation): number | null {
  if (f.baseline === 0) return f.observed === 0 ? 1 : null;
  return f.observed / f.baseline;
}
