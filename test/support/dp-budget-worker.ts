// A separate process that asks for DP releases against a shared database, for
// the test that the privacy budget holds against concurrent requests. Prints
// {"ok": n, "refused": m} as JSON.
import Database from 'better-sqlite3';
import { DpReleases } from '../../src/analytics/index.js';
import { isLeakwatchError } from '../../src/errors/index.js';
import { SqliteDpStore, SqliteIncidentStore } from '../../src/store/index.js';

const [file, attempts, epsilon] = process.argv.slice(2) as [string, string, string];
const db = new Database(file, { timeout: 30_000 });
db.pragma('journal_mode = WAL');
const releases = new DpReleases(new SqliteIncidentStore(db), new SqliteDpStore(db));
// Start together: wait for the go file the test writes once every worker is up.
const go = `${file}.go`;
const { existsSync } = await import('node:fs');
while (!existsSync(go)) await new Promise((r) => setTimeout(r, 5));
let ok = 0;
let refused = 0;
for (let i = 0; i < Number(attempts); i++) {
  try {
    await releases.release({ by: 'year', epsilon, datasets: ['shared'], years: { from: 2015, to: 2020 } }, `worker:${process.pid}`);
    ok++;
  } catch (err) {
    if (isLeakwatchError(err, 'ANALYTICS_BUDGET_EXCEEDED')) refused++;
    else throw err;
  }
}
db.close();
process.stdout.write(JSON.stringify({ ok, refused }) + '\n');
