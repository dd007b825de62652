// `leakwatch export --dp --epsilon E [--delta D] --by year,action,...`: a
// differentially private release of incident counts (and sums of records) by
// the chosen dimensions, charged to the privacy budget of every dataset it reads.
// Prints the release (JSON with its method, or CSV of the cells); refuses with
// ANALYTICS_BUDGET_EXCEEDED, spending nothing, when a budget cannot pay.
// `--budget` prints the budgets instead; `--cap-epsilon/--cap-delta` set a cap
// (any on a new dataset, only lower afterwards).
import { writeFile } from 'node:fs/promises';
import { DpReleases, formatReleaseCsv, toJson, type DpRequest } from '../../analytics/index.js';
import { ExitError } from '../exit-error.js';
import { openIncidentDb } from '../incident-db.js';

export interface ExportFlags {
  data?: string;
  dp?: boolean;
  epsilon?: string;
  delta?: string;
  by?: string;
  mechanism?: string;
  keys?: string;
  maxKeys?: string;
  sum?: string;
  clamp?: string;
  years?: string;
  dataset?: string[];
  format?: string;
  output?: string;
  budget?: boolean;
  capEpsilon?: string;
  capDelta?: string;
}

export async function exportCommand(flags: ExportFlags): Promise<void> {
  if (!flags.dp) throw new ExitError(2, 'export writes differentially private releases only: add --dp (raw incidents: leakwatch incidents export)');
  const format = flags.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new ExitError(2, '--format must be json or csv');
  const capping = flags.capEpsilon !== undefined || flags.capDelta !== undefined;
  if (!flags.budget && !capping && (flags.epsilon === undefined || flags.by === undefined)) throw new ExitError(2, 'a release needs --epsilon and --by (or use --budget to see the budgets)');
  let years: DpRequest['years'];
  if (flags.years !== undefined) {
    const m = /^(\d{1,4})-(\d{1,4})$/.exec(flags.years);
    if (!m) throw new ExitError(2, `--years must be FROM-TO, e.g. 2005-2019; got "${flags.years}"`);
    years = { from: Number(m[1]), to: Number(m[2]) };
  }
  const whole = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isSafeInteger(x)) throw new ExitError(2, `${name} must be a whole number; got "${v}"`);
    return x;
  };
  const db = await openIncidentDb(flags.data, { writes: true });
  let text: string;
  try {
    const releases = new DpReleases(db.incidents, db.dp, db.audit);
    if (capping) {
      if (!flags.dataset?.length) throw new ExitError(2, '--cap-epsilon/--cap-delta need --dataset');
      for (const d of flags.dataset) {
        const current = (await releases.budgets()).find((b) => b.dataset === d);
        await releases.setCap(d, flags.capEpsilon ?? String(current?.epsilon.cap ?? 10), flags.capDelta ?? String(current?.delta.cap ?? 1e-5), 'cli');
      }
    }
    if (flags.budget || (capping && flags.epsilon === undefined)) {
      text = toJson({ budgets: await releases.budgets() });
    } else {
      const request: DpRequest = {
        by: flags.by!,
        epsilon: flags.epsilon!,
        ...(flags.delta !== undefined ? { delta: flags.delta } : {}),
        ...(flags.mechanism !== undefined ? { mechanism: flags.mechanism as DpRequest['mechanism'] } : {}),
        ...(flags.keys !== undefined ? { keys: flags.keys as DpRequest['keys'] } : {}),
        ...(flags.maxKeys !== undefined ? { maxKeysPerIncident: whole('--max-keys', flags.maxKeys) } : {}),
        ...(flags.sum !== undefined ? { sum: flags.sum as 'records', clamp: whole('--clamp', flags.clamp) } : {}),
        ...(years ? { years } : {}),
        ...(flags.dataset?.length ? { datasets: flags.dataset } : {}),
      };
      const release = await releases.release(request, 'cli');
      text = format === 'csv' ? formatReleaseCsv(release) : toJson(release);
    }
  } finally {
    await db.close();
  }
  if (flags.output) await writeFile(flags.output, text, { mode: 0o600 });
  else process.stdout.write(text);
}
