// DpStore on SQLite. `reserve` runs as BEGIN IMMEDIATE: it takes the database's
// write lock before reading the budgets, so a concurrent reservation (another
// connection or process) waits for the busy timeout instead of reading the same
// remaining budget. Check and spend are one transaction; there is no window.
import type BetterSqlite3 from 'better-sqlite3';
import type { DpReleaseRecord, DpReleaseStatus, DpStore, PrivacyBudgetRecord, ReserveRequest, ReserveResult } from '../dp-store.js';

export const DP_SCHEMA = `
CREATE TABLE IF NOT EXISTS dp_budgets (
  dataset TEXT PRIMARY KEY,
  epsilon_cap INTEGER NOT NULL CHECK (epsilon_cap >= 0),
  delta_cap INTEGER NOT NULL CHECK (delta_cap >= 0),
  epsilon_spent INTEGER NOT NULL DEFAULT 0,
  delta_spent INTEGER NOT NULL DEFAULT 0,
  releases INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (epsilon_spent <= epsilon_cap AND delta_spent <= delta_cap)
);
CREATE TABLE IF NOT EXISTS dp_releases (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  epsilon INTEGER NOT NULL,
  delta INTEGER NOT NULL,
  status TEXT NOT NULL,
  request TEXT NOT NULL,
  result TEXT
);
CREATE TABLE IF NOT EXISTS dp_release_datasets (
  release_id TEXT NOT NULL,
  dataset TEXT NOT NULL,
  PRIMARY KEY (dataset, release_id)
) WITHOUT ROWID;
`;

interface BudgetRow {
  dataset: string;
  epsilon_cap: number;
  delta_cap: number;
  epsilon_spent: number;
  delta_spent: number;
  releases: number;
  created_at: number;
  updated_at: number;
}
interface ReleaseRow {
  id: string;
  at: number;
  actor: string;
  epsilon: number;
  delta: number;
  status: string;
  request: string;
  result: string | null;
}

const toBudget = (r: BudgetRow): PrivacyBudgetRecord => ({
  dataset: r.dataset,
  epsilonCap: r.epsilon_cap,
  deltaCap: r.delta_cap,
  epsilonSpent: r.epsilon_spent,
  deltaSpent: r.delta_spent,
  releases: r.releases,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SqliteDpStore implements DpStore {
  private readonly s;
  private readonly reserveTx: BetterSqlite3.Transaction<(r: ReserveRequest) => ReserveResult>;
  private readonly capTx: BetterSqlite3.Transaction<(dataset: string, e: number, d: number, at: number) => BudgetRow>;

  constructor(private readonly db: BetterSqlite3.Database) {
    db.exec(DP_SCHEMA);
    this.s = {
      budget: db.prepare<[string], BudgetRow>('SELECT * FROM dp_budgets WHERE dataset = ?'),
      budgets: db.prepare<[], BudgetRow>('SELECT * FROM dp_budgets ORDER BY dataset'),
      create: db.prepare('INSERT INTO dp_budgets (dataset, epsilon_cap, delta_cap, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      lower: db.prepare(
        'UPDATE dp_budgets SET epsilon_cap = max(epsilon_spent, min(epsilon_cap, ?)), delta_cap = max(delta_spent, min(delta_cap, ?)), updated_at = ? WHERE dataset = ?',
      ),
      spend: db.prepare('UPDATE dp_budgets SET epsilon_spent = epsilon_spent + ?, delta_spent = delta_spent + ?, releases = releases + 1, updated_at = ? WHERE dataset = ?'),
      insertRelease: db.prepare('INSERT INTO dp_releases (id, at, actor, epsilon, delta, status, request, result) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)'),
      releaseDataset: db.prepare('INSERT INTO dp_release_datasets (release_id, dataset) VALUES (?, ?)'),
      finish: db.prepare("UPDATE dp_releases SET status = ?, result = ? WHERE id = ? AND status = 'reserved'"),
      release: db.prepare<[string], ReleaseRow>('SELECT * FROM dp_releases WHERE id = ?'),
      releases: db.prepare<[], ReleaseRow>('SELECT * FROM dp_releases ORDER BY at DESC, id DESC'),
      releasesOf: db.prepare<[string], ReleaseRow>(
        'SELECT r.* FROM dp_releases r JOIN dp_release_datasets d ON d.release_id = r.id WHERE d.dataset = ? ORDER BY r.at DESC, r.id DESC',
      ),
      datasetsOf: db.prepare<[string], string>('SELECT dataset FROM dp_release_datasets WHERE release_id = ? ORDER BY dataset').pluck(),
    };
    this.capTx = db.transaction((dataset: string, e: number, d: number, at: number) => {
      if (this.s.budget.get(dataset)) this.s.lower.run(e, d, at, dataset);
      else this.s.create.run(dataset, e, d, at, at);
      return this.s.budget.get(dataset)!;
    });
    this.reserveTx = db.transaction((r: ReserveRequest): ReserveResult => {
      const datasets = [...new Set(r.datasets)].sort();
      const rows: BudgetRow[] = [];
      for (const dataset of datasets) {
        let row = this.s.budget.get(dataset);
        if (!row) {
          this.s.create.run(dataset, r.defaultCap.epsilon, r.defaultCap.delta, r.at, r.at);
          row = this.s.budget.get(dataset)!;
        }
        if (row.epsilon_spent + r.epsilon > row.epsilon_cap || row.delta_spent + r.delta > row.delta_cap) {
          // Throwing rolls back the budgets created above; the caller gets the refusal as a value.
          throw new Refused(toBudget(row));
        }
        rows.push(row);
      }
      for (const dataset of datasets) this.s.spend.run(r.epsilon, r.delta, r.at, dataset);
      this.s.insertRelease.run(r.releaseId, r.at, r.actor, r.epsilon, r.delta, 'reserved', JSON.stringify(r.request));
      for (const dataset of datasets) this.s.releaseDataset.run(r.releaseId, dataset);
      return { ok: true, budgets: datasets.map((d) => toBudget(this.s.budget.get(d)!)) };
    });
  }

  async budget(dataset: string): Promise<PrivacyBudgetRecord | null> {
    const r = this.s.budget.get(dataset);
    return r ? toBudget(r) : null;
  }

  async listBudgets(): Promise<PrivacyBudgetRecord[]> {
    return this.s.budgets.all().map(toBudget);
  }

  async createOrLowerCap(dataset: string, epsilonCap: number, deltaCap: number, at: number): Promise<PrivacyBudgetRecord> {
    return toBudget(this.capTx.immediate(dataset, epsilonCap, deltaCap, at));
  }

  async reserve(request: ReserveRequest): Promise<ReserveResult> {
    try {
      return this.reserveTx.immediate(request);
    } catch (err) {
      if (err instanceof Refused) return { ok: false, budget: err.budget };
      throw err;
    }
  }

  async finishRelease(id: string, status: Exclude<DpReleaseStatus, 'reserved'>, result: Record<string, unknown> | null): Promise<void> {
    this.s.finish.run(status, result === null ? null : JSON.stringify(result), id);
  }

  async getRelease(id: string): Promise<DpReleaseRecord | null> {
    const r = this.s.release.get(id);
    return r ? this.toRelease(r) : null;
  }

  async listReleases(dataset?: string): Promise<DpReleaseRecord[]> {
    const rows = dataset === undefined ? this.s.releases.all() : this.s.releasesOf.all(dataset);
    return rows.map((r) => this.toRelease(r));
  }

  private toRelease(r: ReleaseRow): DpReleaseRecord {
    return {
      id: r.id,
      datasets: this.s.datasetsOf.all(r.id),
      at: r.at,
      actor: r.actor,
      epsilon: r.epsilon,
      delta: r.delta,
      status: r.status as DpReleaseStatus,
      request: JSON.parse(r.request) as Record<string, unknown>,
      result: r.result === null ? null : (JSON.parse(r.result) as Record<string, unknown>),
    };
  }
}

class Refused extends Error {
  constructor(readonly budget: PrivacyBudgetRecord) {
    super('budget exceeded');
  }
}
