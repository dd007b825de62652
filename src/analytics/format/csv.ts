// CSV writing (RFC 4180): fields with a comma, quote or line break are quoted,
// quotes doubled. Cells that a spreadsheet would run as a formula are prefixed
// with a quote (OWASP CSV injection guidance), since keys come from incident data.
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'number' && !Number.isFinite(v) ? (v > 0 ? 'Infinity' : '-Infinity') : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: readonly unknown[]): string {
  return fields.map(csvField).join(',') + '\n';
}
