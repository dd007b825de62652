// Differentially private releases under a privacy budget per dataset. A release
// is planned (cost fixed, nothing read), then its cost is reserved atomically on
// every dataset it reads (refused as a whole, with nothing spent, when any
// dataset cannot pay), then computed and recorded in the store and the ledger.
// Spent budget is never given back, not even when computing fails afterwards:
// noise may already have been drawn.
import { createHash, randomUUID } from 'node:crypto';
import type { AuditSink } from '../../auth/index.js';
import { LeakwatchError } from '../../errors/index.js';
import type { DpReleaseRecord, DpStore, IncidentStore, PrivacyBudgetRecord } from '../../store/index.js';
import { computeRelease, type ReleasedCell } from './compute-release.js';
import { CryptoRandom, type RandomSource } from './random-source.js';
import { ceilUnits, parseDecimal } from './rational.js';
import { dimensionNames, planRelease, type DpRequest, type NoisePlan, type ReleasePlan } from './release-plan.js';

export interface BudgetView {
  readonly dataset: string;
  readonly epsilon: { readonly cap: number; readonly spent: number; readonly remaining: number };
  readonly delta: { readonly cap: number; readonly spent: number; readonly remaining: number };
  readonly releases: number;
}

export interface DpRelease {
  readonly id: string;
  readonly createdAt: string;
  readonly datasets: readonly string[];
  readonly by: readonly string[];
  readonly filter: Record<string, unknown>;
  readonly method: {
    readonly mechanism: ReleasePlan['mechanism'];
    readonly reference: string;
    readonly epsilon: number;
    readonly delta: number;
    readonly privacyUnit: 'incident';
    readonly maxKeysPerIncident: number;
    readonly clamp: number | null;
    readonly keys: 'public' | 'threshold';
    readonly threshold: number | null;
    readonly deltaNoise: number;
    readonly deltaThreshold: number;
    readonly yearDomain: { readonly from: number; readonly to: number } | null;
    readonly count: NoiseView;
    readonly sum: NoiseView | null;
    readonly notes: readonly string[];
  };
  readonly cells: ReleasedCell[];
  readonly suppressed: { readonly count: number; readonly keys?: Array<Record<string, string>>; readonly rule: string };
  readonly budgets: BudgetView[];
}

export interface NoiseView {
  readonly distribution: 'discrete_laplace' | 'discrete_gaussian';
  /** Laplace scale b, or the Gaussian's σ. */
  readonly scale: number;
  readonly sigma2?: string;
  readonly epsilon?: number;
  readonly rho?: number;
  readonly sensitivity: number;
  /** |noise| ≤ this with probability ≥ 95%, per cell. */
  readonly errorBound95: number;
  readonly expectedAbsError: number;
}

export interface DpOptions {
  readonly rng?: RandomSource;
  readonly now?: () => number;
  /** Cap given to a dataset's budget on its first release (default ε 10, δ 1e-5). */
  readonly defaultCap?: { readonly epsilon: string; readonly delta: string };
}

const MICRO = 1_000_000n;
const FEMTO = 1_000_000_000_000_000n;
export const DEFAULT_BUDGET_CAP = { epsilon: '10', delta: '1e-5' } as const;

export function budgetView(b: PrivacyBudgetRecord): BudgetView {
  const e = (x: number) => x / 1e6;
  const d = (x: number) => x / 1e15;
  return {
    dataset: b.dataset,
    epsilon: { cap: e(b.epsilonCap), spent: e(b.epsilonSpent), remaining: e(b.epsilonCap - b.epsilonSpent) },
    delta: { cap: d(b.deltaCap), spent: d(b.deltaSpent), remaining: d(b.deltaCap - b.deltaSpent) },
    releases: b.releases,
  };
}

function noiseView(n: NoisePlan): NoiseView {
  return n.kind === 'discrete_laplace'
    ? { distribution: n.kind, scale: n.scale, epsilon: n.epsilon, sensitivity: n.l1Sensitivity, errorBound95: n.errorBound95, expectedAbsError: round(n.expectedAbsError) }
    : {
        distribution: n.kind,
        scale: round(n.sigma),
        sigma2: `${n.sigma2.num}/${n.sigma2.den}`,
        rho: n.rho,
        sensitivity: round(n.l2Sensitivity),
        errorBound95: n.errorBound95,
        expectedAbsError: round(n.expectedAbsError),
      };
}
const round = (x: number) => Math.round(x * 1e6) / 1e6;

export class DpReleases {
  private readonly rng: RandomSource;
  private readonly now: () => number;
  private readonly defaultCap: { epsilon: number; delta: number };

  constructor(
    private readonly incidents: IncidentStore,
    private readonly store: DpStore,
    private readonly audit: AuditSink = () => {},
    options: DpOptions = {},
  ) {
    this.rng = options.rng ?? new CryptoRandom();
    this.now = options.now ?? Date.now;
    const cap = options.defaultCap ?? DEFAULT_BUDGET_CAP;
    this.defaultCap = { epsilon: ceilUnits(parseDecimal(cap.epsilon, 'ε cap'), MICRO), delta: ceilUnits(parseDecimal(cap.delta, 'δ cap'), FEMTO) };
  }

  /** Every dataset's budget; datasets never released from show their default cap, untouched. */
  async budgets(): Promise<BudgetView[]> {
    const kept = new Map((await this.store.listBudgets()).map((b) => [b.dataset, b]));
    const datasets = (await this.incidents.listDatasets()).map((d) => d.dataset);
    for (const d of datasets) {
      if (!kept.has(d)) kept.set(d, { dataset: d, epsilonCap: this.defaultCap.epsilon, deltaCap: this.defaultCap.delta, epsilonSpent: 0, deltaSpent: 0, releases: 0, createdAt: 0, updatedAt: 0 });
    }
    return [...kept.values()].sort((a, b) => (a.dataset < b.dataset ? -1 : 1)).map(budgetView);
  }

  /** Sets a dataset's cap: when it has no budget yet, any cap; afterwards only lower (ANALYTICS_BUDGET_INVALID otherwise). */
  async setCap(dataset: string, epsilon: string | number, delta: string | number, actor: string): Promise<BudgetView> {
    const e = ceilUnits(parseDecimal(epsilon, 'ε cap'), MICRO);
    const d = ceilUnits(parseDecimal(delta, 'δ cap'), FEMTO);
    const existing = await this.store.budget(dataset);
    if (existing && (e > existing.epsilonCap || d > existing.deltaCap)) {
      throw new LeakwatchError('ANALYTICS_BUDGET_INVALID', `the budget of ${dataset} is capped at ε ${existing.epsilonCap / 1e6}, δ ${existing.deltaCap / 1e15}; a cap can only be lowered`, { dataset });
    }
    const b = await this.store.createOrLowerCap(dataset, e, d, this.now());
    this.audit({ kind: 'dp.budget_capped', actor, subject: `dataset:${dataset}`, data: { epsilonCap: b.epsilonCap / 1e6, deltaCap: b.deltaCap / 1e15 } });
    return budgetView(b);
  }

  async releases(dataset?: string): Promise<DpReleaseRecord[]> {
    return this.store.listReleases(dataset);
  }

  /**
   * Plans, pays for and computes a release. Refused with ANALYTICS_BUDGET_EXCEEDED
   * (nothing spent) when a dataset's remaining budget cannot pay.
   */
  async release(request: DpRequest, actor: string): Promise<DpRelease> {
    const at = this.now();
    const plan = planRelease(request, at);
    const known = (await this.incidents.listDatasets()).map((d) => d.dataset);
    const datasets = [...new Set(request.datasets?.length ? request.datasets : known)].sort();
    if (datasets.length === 0) throw new LeakwatchError('ANALYTICS_DP_PARAMETER_INVALID', 'the registry has no dataset to release from');
    const unknown = datasets.filter((d) => !known.includes(d));
    if (unknown.length) throw new LeakwatchError('ANALYTICS_DP_PARAMETER_INVALID', `no incidents in dataset ${unknown.join(', ')}`);
    const id = `dpr_${randomUUID().replace(/-/g, '')}`;
    const filter = { ...(request.filter ?? {}) };
    const requestRecord = {
      by: dimensionNames(plan),
      epsilon: String(request.epsilon),
      delta: String(request.delta ?? 0),
      mechanism: plan.mechanism,
      keys: plan.keys,
      maxKeysPerIncident: plan.maxKeysPerIncident,
      clamp: plan.clamp,
      years: plan.years,
      filter,
    };
    const reserved = await this.store.reserve({ releaseId: id, datasets, epsilon: plan.cost.epsilon, delta: plan.cost.delta, at, actor, request: requestRecord, defaultCap: this.defaultCap });
    if (!reserved.ok) {
      const b = budgetView(reserved.budget);
      this.audit({ kind: 'dp.release_refused', actor, subject: `dataset:${b.dataset}`, data: { datasets, epsilon: plan.cost.epsilon / 1e6, delta: plan.cost.delta / 1e15, remaining: { epsilon: b.epsilon.remaining, delta: b.delta.remaining } } });
      throw new LeakwatchError(
        'ANALYTICS_BUDGET_EXCEEDED',
        `dataset ${b.dataset} has ε ${b.epsilon.remaining} and δ ${b.delta.remaining} left of its budget; this release needs ε ${plan.cost.epsilon / 1e6}, δ ${plan.cost.delta / 1e15}`,
        { dataset: b.dataset, remaining: { epsilon: b.epsilon.remaining, delta: b.delta.remaining } },
      );
    }
    let release: DpRelease;
    try {
      const facts = await this.incidents.factColumns({ ...filter, datasets });
      const computed = computeRelease(facts, plan, this.rng);
      release = {
        id,
        createdAt: new Date(at).toISOString(),
        datasets,
        by: dimensionNames(plan),
        filter,
        method: {
          mechanism: plan.mechanism,
          reference: 'Canonne, Kamath & Steinke, The Discrete Gaussian for Differential Privacy (NeurIPS 2020), Algorithms 1–3, sampled exactly with integer arithmetic and a CSPRNG',
          epsilon: plan.cost.epsilon / 1e6,
          delta: plan.cost.delta / 1e15,
          privacyUnit: 'incident',
          maxKeysPerIncident: plan.maxKeysPerIncident,
          clamp: plan.clamp,
          keys: plan.keys,
          threshold: plan.threshold,
          deltaNoise: plan.deltaNoise,
          deltaThreshold: plan.deltaThreshold,
          yearDomain: plan.dims.some((d) => d.name === 'year') ? plan.years : null,
          count: noiseView(plan.count),
          sum: plan.sum ? noiseView(plan.sum) : null,
          notes: [
            'The privacy unit is one incident: each adds at most 1 to at most maxKeysPerIncident cells (chosen at random when it holds more) and at most clamp records to a sum.',
            'errorBound95 is the noise’s 95% bound per cell; contribution bounding and clamping can bias counts and sums downwards.',
            'Noisy values are not rounded or clipped: a count may be negative.',
            ...(plan.keys === 'threshold' ? [`Only keys present in the data with a noisy count ≥ ${plan.threshold} are released (δ ${plan.deltaThreshold} covers a key held by one incident).`] : []),
          ],
        },
        cells: computed.cells,
        suppressed: {
          ...computed.suppressed,
          rule:
            plan.keys === 'threshold'
              ? `keys of the public domain with no incidents, or with a noisy count below ${plan.threshold}, are not released`
              : 'none: every key of the public domain is released',
        },
        budgets: reserved.budgets.map(budgetView),
      };
    } catch (err) {
      await this.store.finishRelease(id, 'failed', null);
      throw err;
    }
    await this.store.finishRelease(id, 'released', release as unknown as Record<string, unknown>);
    this.audit({
      kind: 'dp.release',
      actor,
      subject: `dp-release:${id}`,
      data: {
        datasets,
        by: release.by,
        mechanism: plan.mechanism,
        epsilon: release.method.epsilon,
        delta: release.method.delta,
        cells: release.cells.length,
        suppressed: release.suppressed.count,
        sha256: createHash('sha256').update(JSON.stringify(release.cells)).digest('hex'),
      },
    });
    return release;
  }
}
