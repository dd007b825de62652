import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { AuditRecord } from '../auth/index.js';
import { isLeakwatchError } from '../errors/index.js';
import { SqliteIncidentStore } from '../store/index.js';
import type { ParsedImport } from './import/import-types.js';
import { GDPR_ART_33, HIPAA_164_404 } from './notification-policy.js';
import { IncidentRegistry, type RegistryOptions } from './registry.js';

const H = 3_600_000;

function setup(options: RegistryOptions = {}) {
  const db = new Database(':memory:');
  const store = new SqliteIncidentStore(db);
  const audit: AuditRecord[] = [];
  let clock = Date.UTC(2026, 2, 1, 8, 0, 0);
  const registry = new IncidentRegistry(store, (r) => void audit.push(r), { now: () => clock, policies: [GDPR_ART_33, HIPAA_164_404], ...options });
  return { db, store, audit, registry, tick: (ms: number) => (clock += ms), now: () => clock };
}

async function code(p: Promise<unknown>): Promise<string | undefined> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isLeakwatchError(err) ? err.code : err === undefined ? undefined : String(err);
}

describe('creating incidents', () => {
  it('creates one by hand with a VERIS coding, derived leak fields, a timeline entry and a ledger record', async () => {
    const { registry, audit } = setup();
    const inc = await registry.create(
      {
        title: 'Payroll sheet mailed to the wrong supplier',
        summary: 'HR sent a spreadsheet of 480 employees to an external address.',
        discoveredAt: Date.UTC(2026, 2, 1, 7, 0, 0),
        veris: { action: { error: { variety: ['Misdelivery'], vector: ['Carelessness'] } }, actor: { internal: { variety: ['Human resources'], motive: ['NA'] } } },
        leak: { recordsAffected: 480, dataClasses: ['sensitive_personal'], cnRegion: 'CN-SH' },
      },
      'user:alice',
    );
    expect(inc).toMatchObject({ status: 'new', version: 1, source: 'manual', dataset: 'registry' });
    expect(inc.leak).toMatchObject({ channel: 'email', cause: 'accidental', officialChannel: true, recordsAffected: 480, cnRegion: 'CN-SH' });
    expect(inc.derived).toEqual(['channel', 'cause', 'officialChannel']);
    expect(inc.facts).toMatchObject({ year: 2026, month: 3, day: 1, actions: ['error'], actors: ['internal'], records: 480, region: 'CN-SH' });
    expect(inc.veris.incident_id).toBe(inc.id);
    expect(await registry.timeline(inc.id)).toMatchObject([{ kind: 'created', actor: 'user:alice', data: { source: 'manual' } }]);
    expect(audit).toEqual([{ kind: 'incident.created', actor: 'user:alice', subject: `incident:${inc.id}`, data: expect.objectContaining({ dataset: 'registry', source: 'manual' }) }]);
  });

  it('creates one from alerts, keeps the links both ways and records each alert as evidence', async () => {
    const { registry, audit } = setup({ existingAlerts: async (ids) => ids.filter((i) => i.startsWith('alr_')) });
    const inc = await registry.createFromAlerts(['alr_1', 'alr_2'], { title: 'Mass download before resignation' }, 'user:bob');
    expect(inc.source).toBe('alerts');
    expect(inc.alertIds).toEqual(['alr_1', 'alr_2']);
    expect(inc.discoveredAt).not.toBeNull();
    expect(await registry.incidentsForAlert('alr_2')).toEqual([inc.id]);
    expect((await registry.evidence(inc.id)).map((e) => [e.kind, e.ref])).toEqual([
      ['alert', 'alr_1'],
      ['alert', 'alr_2'],
    ]);
    expect(audit.map((a) => a.kind)).toEqual(['incident.created', 'incident.evidence_added', 'incident.evidence_added']);
    expect(await code(registry.createFromAlerts(['nope'], { title: 'x' }, 'user:bob'))).toBe('INCIDENTS_ALERT_NOT_FOUND');
    expect(await code(registry.createFromAlerts([], { title: 'x' }, 'user:bob'))).toBe('INCIDENTS_INPUT_INVALID');
  });

  it.each([
    [{ title: '' }],
    [{ title: 'x', leak: { channel: 'carrier pigeon' } }],
    [{ title: 'x', leak: { recordsAffected: -1 } }],
    [{ title: 'x', leak: { cnRegion: 'CN-XX' } }],
    [{ title: 'x', regulations: ['ccpa'] }],
    [{ title: 'x', veris: { action: { telepathy: {} } } }],
    [{ title: 'x', dataset: 'Not A Name' }],
  ])('refuses %j with INCIDENTS_INPUT_INVALID', async (input) => {
    const { registry } = setup();
    expect(await code(registry.create(input as never, 'user:alice'))).toBe('INCIDENTS_INPUT_INVALID');
  });
});

describe('working an incident', () => {
  it('moves it through the lifecycle, each step on the timeline and in the ledger', async () => {
    const { registry, audit } = setup();
    let inc = await registry.create({ title: 'Public bucket' }, 'user:alice');
    for (const to of ['triage', 'contained', 'resolved', 'closed'] as const) inc = await registry.transition(inc.id, to, 'user:alice');
    expect(inc).toMatchObject({ status: 'closed', version: 5 });
    expect((await registry.timeline(inc.id)).map((t) => [t.kind, t.data['to'] ?? null])).toEqual([
      ['created', null],
      ['status', 'triage'],
      ['status', 'contained'],
      ['status', 'resolved'],
      ['status', 'closed'],
    ]);
    expect(audit.filter((a) => a.kind === 'incident.status_changed').map((a) => a.data['to'])).toEqual(['triage', 'contained', 'resolved', 'closed']);
  });

  it('refuses an illegal move with INCIDENTS_TRANSITION_INVALID and changes nothing', async () => {
    const { registry, audit } = setup();
    const inc = await registry.create({ title: 'USB stick lost' }, 'user:alice');
    expect(await code(registry.transition(inc.id, 'resolved', 'user:alice'))).toBe('INCIDENTS_TRANSITION_INVALID');
    expect(await code(registry.transition(inc.id, 'closed', 'user:alice'))).toBe('INCIDENTS_TRANSITION_INVALID');
    expect((await registry.get(inc.id)).version).toBe(1);
    expect(audit).toHaveLength(1);
    expect((await registry.transition(inc.id, 'closed', 'user:alice', { reason: 'duplicate' })).status).toBe('closed');
  });

  it('refuses a change made against a stale version', async () => {
    const { registry } = setup();
    const inc = await registry.create({ title: 'Share link to anyone' }, 'user:alice');
    await registry.assign(inc.id, 'carol', 'user:alice', { expectedVersion: 1 });
    expect(await code(registry.assign(inc.id, 'dave', 'user:bob', { expectedVersion: 1 }))).toBe('INCIDENTS_VERSION_CONFLICT');
    expect((await registry.get(inc.id)).owner).toBe('carol');
  });

  it('keeps comments and evidence references, and hashes comments for the ledger', async () => {
    const { registry, audit } = setup();
    const inc = await registry.create({ title: 'Phished password' }, 'user:alice');
    await registry.comment(inc.id, 'Reset the password; the attacker downloaded 3 files.', 'user:alice');
    await registry.addEvidence(inc.id, { kind: 'file', ref: 'export.csv', sha256: 'a'.repeat(64), description: 'the file that left' }, 'user:alice');
    expect(await code(registry.addEvidence(inc.id, { kind: 'file', ref: 'no-hash.csv' }, 'user:alice'))).toBe('INCIDENTS_INPUT_INVALID');
    expect((await registry.comments(inc.id)).map((c) => c.body)).toEqual(['Reset the password; the attacker downloaded 3 files.']);
    expect((await registry.timeline(inc.id)).map((t) => t.kind)).toEqual(['created', 'comment', 'evidence']);
    const commented = audit.find((a) => a.kind === 'incident.commented')!;
    expect(commented.data['sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(commented)).not.toContain('attacker');
    expect(await code(registry.comment('inc_missing', 'x', 'user:alice'))).toBe('INCIDENTS_NOT_FOUND');
  });

  it('edits the coding, re-derives what was derived, and keeps what a person set', async () => {
    const { registry } = setup();
    const inc = await registry.create({ title: 'Laptop stolen', veris: { action: { physical: { variety: ['Theft'], vector: ['Personal vehicle'] } }, actor: { external: {} } }, leak: { cause: 'external' } }, 'user:alice');
    expect(inc.leak.channel).toBe('device_loss_theft');
    const next = await registry.update(inc.id, { veris: { action: { error: { variety: ['Loss'], vector: ['Carelessness'] } }, actor: { internal: {} } } }, 'user:alice');
    expect(next.leak.channel).toBe('device_loss_theft');
    expect(next.leak.cause).toBe('external');
    expect(next.facts.actions).toEqual(['error']);
    const handedBack = await registry.update(inc.id, { leak: { cause: null } }, 'user:alice');
    expect(handedBack.leak.cause).toBe('accidental');
  });
});

describe('notification deadlines on incidents', () => {
  it('shows the GDPR clock from awareness, and stops it when the notification is recorded', async () => {
    const { registry, tick, now } = setup();
    const inc = await registry.create({ title: 'Customer list on a forum', discoveredAt: now(), regulations: ['gdpr-art33'] }, 'user:alice');
    tick(70 * H);
    expect(registry.clocks(inc)).toMatchObject([{ policyId: 'gdpr-art33', state: 'running', remainingMs: 2 * H }]);
    tick(3 * H);
    expect(registry.clocks(inc)).toMatchObject([{ state: 'overdue', remainingMs: -1 * H }]);
    const notified = await registry.markNotified(inc.id, 'gdpr-art33', now(), 'user:alice');
    expect(registry.clocks(notified)).toMatchObject([{ state: 'missed', notifiedAt: now() }]);
    expect(await code(registry.markNotified(inc.id, 'ccpa', now(), 'user:alice'))).toBe('INCIDENTS_INPUT_INVALID');
  });
});

describe('imports into the registry', () => {
  const parsed = (summary: string): ParsedImport => ({
    format: 'veris',
    file: 'vcdb.jsonl',
    records: 3,
    incidents: [1, 2, 3].map((line) => ({
      line,
      file: 'vcdb.jsonl',
      externalId: line === 3 ? 'M-1' : `M-${line}`,
      title: `incident ${line}`,
      summary,
      veris: { incident_id: `I-${line}`, timeline: { incident: { year: 2013 } }, action: { hacking: {} }, actor: { external: {} } },
      leak: {},
      inferred: [],
      sourceFields: {},
    })),
    problems: [],
  });

  it('inserts every record (a repeated source id included) and never duplicates on re-import', async () => {
    const { registry, store, audit } = setup();
    const first = await registry.importParsed(parsed('s'), { dataset: 'vcdb', actor: 'cli' });
    expect(first).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, skipped: 0 });
    expect(audit.filter((a) => a.kind === 'incident.imported')).toHaveLength(3);
    expect(audit.at(-1)).toMatchObject({ kind: 'incidents.imported', subject: 'dataset:vcdb', data: { inserted: 3 } });
    const again = await registry.importParsed(parsed('s'), { dataset: 'vcdb', actor: 'cli' });
    expect(again).toMatchObject({ inserted: 0, unchanged: 3 });
    expect(await store.countIncidents({})).toBe(3);
    expect((await store.factColumns({})).distinctExternalIds).toBe(2);
  });

  it('updates changed records but keeps their case: status, owner, comments', async () => {
    const { registry } = setup();
    await registry.importParsed(parsed('old'), { dataset: 'vcdb', actor: 'cli', status: 'new' });
    const [one] = (await registry.list({}, { order: 'created_asc' })).items;
    await registry.transition(one!.id, 'triage', 'user:alice');
    await registry.assign(one!.id, 'alice', 'user:alice');
    const r = await registry.importParsed(parsed('new'), { dataset: 'vcdb', actor: 'cli' });
    expect(r).toMatchObject({ inserted: 0, updated: 3 });
    const after = await registry.get(one!.id);
    expect(after).toMatchObject({ summary: 'new', status: 'triage', owner: 'alice', version: 4 });
    expect((await registry.timeline(one!.id)).map((t) => t.kind)).toEqual(['imported', 'status', 'assigned', 'reimported']);
  });
});
