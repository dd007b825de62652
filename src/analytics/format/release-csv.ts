// A DP release as CSV: one row per released cell (the dimensions, the noisy
// count and its 95% bound, the noisy sum and its bound). The method stays in
// the JSON; the CSV names the release it came from in its first column.
import type { DpRelease } from '../dp/dp-releases.js';
import { csvLine } from './csv.js';

export function formatReleaseCsv(r: DpRelease): string {
  const sums = r.method.sum !== null;
  const head = ['release', ...r.by, 'count', 'count_error95', ...(sums ? ['sum', 'sum_error95'] : [])];
  return (
    csvLine(head) +
    r.cells.map((c) => csvLine([r.id, ...r.by.map((d) => c.key[d]), c.count, c.countError95, ...(sums ? [c.sum, c.sumError95] : [])])).join('')
  );
}
