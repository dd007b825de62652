// JSON for reports and releases. Infinite rate ratios (no incidents outside a
// window) are written as the string "Infinity", which JSON otherwise cannot hold.
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : v > 0 ? 'Infinity' : '-Infinity') : v), 2) + '\n';
}
