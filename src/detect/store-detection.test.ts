import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.js';
import { DETECT_STATE_KEY, StoreDetection } from './store-detection.js';
import { ev, HOUR } from './test-support.js';

const T0 = Date.UTC(2024, 4, 6, 2);

function forward(time: number, to = 'me.home@gmail.com') {
  return ev({
    source: 'm365',
    time,
    action: 'New-InboxRule',
    channel: 'mail_forward',
    actor: { user: 'ann@corp.example' },
    destination: { account: to, domain: to.split('@')[1] },
    attributes: { forward_to: [to] },
    raw: { Operation: 'New-InboxRule', UserId: 'ann@corp.example', Parameters: [{ Name: 'ForwardTo', Value: to }] },
  });
}

describe('detection bound to the store', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lw-sd-'));
    store = await openStore(dir);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('saves the alerts of each batch, and the state at the end of the run', async () => {
    const sd = await StoreDetection.open(store, { dataDir: dir });
    await sd.onEvents([forward(T0)]);
    const alerts = await store.listAlerts();
    expect(alerts.map((a) => a.detector)).toContain('mail.forward_external');
    expect(await store.getState(DETECT_STATE_KEY)).toBeUndefined();
    const summary = await sd.close({ now: T0 + HOUR });
    expect(summary.events).toBe(1);
    expect(summary.alerts).toBeGreaterThanOrEqual(1);
    expect(await store.getState(DETECT_STATE_KEY)).toMatchObject({ version: 1 });
  });

  it('continues the open incident in the next run from the saved state', async () => {
    const first = await StoreDetection.open(store, { dataDir: dir });
    await first.onEvents([forward(T0)]);
    await first.close({ now: T0 + HOUR });
    const [before] = await store.listAlerts({ detector: 'mail.forward_external' });
    const second = await StoreDetection.open(store, { dataDir: dir });
    await second.onEvents([forward(T0 + 2 * HOUR)]);
    await second.close({ now: T0 + 3 * HOUR });
    const after = await store.listAlerts({ detector: 'mail.forward_external' });
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before!.id);
    expect(after[0]!.evidence).toHaveLength(2);
  });

  it('reads the organisation\'s rules folder in the data directory, its lists over the pack\'s', async () => {
    await mkdir(join(dir, 'rules'));
    await writeFile(join(dir, 'rules', 'lists.yaml'), 'lists:\n  org_domains: [corp.example, gmail.com]\n');
    const sd = await StoreDetection.open(store, { dataDir: dir });
    await sd.onEvents([forward(T0)]);
    expect((await store.listAlerts()).map((a) => a.detector)).not.toContain('mail.forward_external');
    await sd.close({ now: T0 });
  });

  it('warns and starts fresh when the saved state is corrupt', async () => {
    await store.setState(DETECT_STATE_KEY, { version: 99 });
    const warnings: string[] = [];
    const sd = await StoreDetection.open(store, { dataDir: dir, warn: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/detection state.*starting from a fresh state/);
    await sd.onEvents([forward(T0)]);
    expect(await store.listAlerts()).not.toHaveLength(0);
    await sd.close({ now: T0 });
  });

  it('raises source_silent at the end of a run for a source that stopped sending', async () => {
    const events = Array.from({ length: 300 }, (_, i) => ({ ...ev({ source: 'cloudtrail', action: 'GetObject', channel: 'download', time: T0 + i * 15 * 60_000 }), rawText: '{}' }));
    await store.insertEvents(events);
    const last = events[events.length - 1]!.time;
    const sd = await StoreDetection.open(store, { dataDir: dir, models: false });
    const summary = await sd.close({ now: last + 12 * HOUR });
    expect(summary.silentSources).toBe(1);
    const [silent] = await store.listAlerts({ detector: 'system.source_silent' });
    expect(silent).toMatchObject({ kind: 'system', actor: 'source:cloudtrail', start: last });
  });
});
