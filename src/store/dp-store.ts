// Privacy budgets and differentially private releases as the store keeps them.
// Amounts are integers so that accounting is exact: ε in millionths, δ in units
// of 10⁻¹⁵ (both rounded up by the caller, never down). Reserving is atomic: no
// two requests, from any process, can both spend the last of a budget.
// Methods are async so a networked backend (PostgreSQL) fits the same interface.

/** ε in units of 10⁻⁶. */
export type EpsilonMicros = number;
/** δ in units of 10⁻¹⁵. */
export type DeltaFemtos = number;

export interface PrivacyBudgetRecord {
  readonly dataset: string;
  readonly epsilonCap: EpsilonMicros;
  readonly deltaCap: DeltaFemtos;
  readonly epsilonSpent: EpsilonMicros;
  readonly deltaSpent: DeltaFemtos;
  readonly releases: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type DpReleaseStatus = 'reserved' | 'released' | 'failed';

export interface DpReleaseRecord {
  readonly id: string;
  readonly datasets: readonly string[];
  readonly at: number;
  readonly actor: string;
  readonly epsilon: EpsilonMicros;
  readonly delta: DeltaFemtos;
  readonly status: DpReleaseStatus;
  /** The request as asked (dimensions, parameters), JSON. */
  readonly request: Record<string, unknown>;
  /** The release as published (noisy cells and method), JSON; null until released. */
  readonly result: Record<string, unknown> | null;
}

export interface ReserveRequest {
  readonly releaseId: string;
  /** Every dataset the release reads; each is charged the full cost. */
  readonly datasets: readonly string[];
  readonly epsilon: EpsilonMicros;
  readonly delta: DeltaFemtos;
  readonly at: number;
  readonly actor: string;
  readonly request: Record<string, unknown>;
  /** Cap given to a dataset that has no budget yet. */
  readonly defaultCap: { readonly epsilon: EpsilonMicros; readonly delta: DeltaFemtos };
}

export type ReserveResult =
  | { readonly ok: true; readonly budgets: PrivacyBudgetRecord[] }
  /** Nothing was spent; `budget` is the first dataset that could not pay. */
  | { readonly ok: false; readonly budget: PrivacyBudgetRecord };

export interface DpStore {
  budget(dataset: string): Promise<PrivacyBudgetRecord | null>;
  listBudgets(): Promise<PrivacyBudgetRecord[]>;
  /** Creates a budget with this cap, or lowers an existing cap to it (a cap is never raised here). */
  createOrLowerCap(dataset: string, epsilonCap: EpsilonMicros, deltaCap: DeltaFemtos, at: number): Promise<PrivacyBudgetRecord>;
  /** Atomically checks every dataset's remaining budget and, only if all can pay, spends it and records the release as reserved. */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** Marks a reserved release released (with its result) or failed. Spent budget is never given back. */
  finishRelease(id: string, status: Exclude<DpReleaseStatus, 'reserved'>, result: Record<string, unknown> | null): Promise<void>;
  getRelease(id: string): Promise<DpReleaseRecord | null>;
  /** Newest first; only those reading `dataset` when given. */
  listReleases(dataset?: string): Promise<DpReleaseRecord[]>;
}
