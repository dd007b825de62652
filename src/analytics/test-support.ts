// Helpers for analytics tests: an in-memory store filled with incidents built
// from compact descriptions, and the real VCDB imported once per test file.
import Database from 'better-sqlite3';
import { IncidentRegistry, readImport, type NewIncident, type VerisSections } from '../incidents/index.js';
import { SqliteIncidentStore } from '../store/index.js';

export interface Brief {
  readonly date: string;
  readonly action?: string;
  readonly actor?: string;
  readonly country?: string;
  readonly industry?: string;
  readonly disclosure?: string;
  readonly records?: number;
  readonly region?: string;
}

export function memoryStore() {
  const db = new Database(':memory:');
  return { db, store: new SqliteIncidentStore(db) };
}

/** Creates incidents from briefs (date as YYYY, YYYY-MM or YYYY-MM-DD). */
export async function storeWith(briefs: readonly Brief[], dataset = 'registry') {
  const { db, store } = memoryStore();
  const registry = new IncidentRegistry(store);
  for (const b of briefs) {
    const [year, month, day] = b.date.split('-').map(Number) as [number, number?, number?];
    const veris: VerisSections = {
      timeline: { incident: { year, ...(month ? { month } : {}), ...(day ? { day } : {}) } },
      action: { [b.action ?? 'hacking']: {} },
      actor: { [b.actor ?? 'external']: {} },
      ...(b.country ? { victim: { country: [b.country], industry: b.industry ?? '000' } } : {}),
      ...(b.disclosure ? { attribute: { confidentiality: { data_disclosure: b.disclosure } } } : {}),
    };
    const input: NewIncident = { title: `${b.date} ${b.action ?? 'hacking'}`, dataset, veris, leak: { ...(b.records !== undefined ? { recordsAffected: b.records } : {}), ...(b.region ? { cnRegion: b.region as never } : {}) } };
    await registry.create(input, 'test');
  }
  return { db, store };
}

/** The VCDB imported into a fresh in-memory store as dataset `vcdb`. */
export async function vcdbStore(file: string) {
  const { db, store } = memoryStore();
  await new IncidentRegistry(store).importParsed(await readImport(file), { dataset: 'vcdb', actor: 'test' });
  return { db, store };
}
