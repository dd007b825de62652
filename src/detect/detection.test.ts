import { describe, expect, it } from 'vitest';
import type { Alert } from './alert.js';
import { Detection } from './detection.js';
import { DAY, ev, HOUR, rulesFrom } from './test-support.js';
import { sourceSilentAlerts } from './source-health.js';

const RULES = rulesFrom(`
lists:
  personal: [gmail.com]
rules:
  - id: t.forward
    title: Forwarding to a personal mailbox
    severity: high
    score: 80
    reason: '{actor} forwards to {destination.account}'
    when:
      channel: mail_forward
      destination.domain: { inList: personal }
`);

const MON = Date.UTC(2023, 11, 31, 16);

function forward(time: number, user = 'ann@corp.example') {
  return ev({ time, channel: 'mail_forward', action: 'New-InboxRule', actor: { user }, destination: { account: 'me@gmail.com', domain: 'gmail.com' } });
}

describe('the detection engine', () => {
  it('turns rule hits into alerts of the store\'s AlertRecord shape, one per incident', () => {
    const d = new Detection(RULES, { models: false, clock: () => 42 });
    const out = d.process([forward(MON + 10 * HOUR), forward(MON + 9 * HOUR), forward(MON + 11 * HOUR)]);
    expect(out).toHaveLength(1);
    const a = out[0]!;
    expect(a).toMatchObject({ actor: 'ann@corp.example', severity: 'high', score: 80, channel: 'mail_forward', detector: 't.forward', kind: 'rule', status: 'open', createdAt: 42 });
    expect(a.start).toBe(MON + 9 * HOUR);
    expect(a.end).toBe(MON + 11 * HOUR);
    expect(a.evidence).toHaveLength(3);
    expect(a.reasons).toEqual(['ann@corp.example forwards to me@gmail.com']);
    expect(a.explanation).toMatchObject({ rule: 't.forward', source: 'test-rules.yaml:5' });
  });

  it('calls onAlert for every alert a batch creates or changes (the ledger hook)', () => {
    const seen: Alert[] = [];
    const d = new Detection(RULES, { models: false, onAlert: (a) => seen.push(a) });
    d.process([forward(MON), forward(MON, 'bob@corp.example')]);
    d.process([forward(MON + HOUR)]);
    expect(seen.map((a) => a.actor)).toEqual(['ann@corp.example', 'bob@corp.example', 'ann@corp.example']);
    expect(seen[2]!.id).toBe(seen[0]!.id);
    expect(seen[2]!.evidence).toHaveLength(2);
  });

  it('runs the behaviour models on the same batches and explains their alerts', () => {
    const d = new Detection(RULES, {});
    const batch = [];
    for (let day = 0; day < 21; day++) {
      if (day % 7 >= 5) continue;
      for (let i = 0; i < 25; i++) batch.push(ev({ time: MON + day * DAY + (9 + (i % 8)) * HOUR + i, channel: 'download', actor: { user: 'dl@corp.example' }, object: { path: `f${day}-${i}` } }));
    }
    expect(d.process(batch)).toEqual([]);
    const spree = Array.from({ length: 700 }, (_, i) => ev({ time: MON + 21 * DAY + 10 * HOUR + i * 1000, channel: 'download', actor: { user: 'dl@corp.example' }, object: { path: `x${i}` } }));
    const alerts = d.process(spree);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!).toMatchObject({ kind: 'model', detector: 'model.behaviour', actor: 'dl@corp.example', channel: 'download' });
    expect(alerts[0]!.reasons.join(' ')).toMatch(/downloads \d+/);
  });

  it('restores from a snapshot and keeps merging into the open incident', () => {
    const a = new Detection(RULES, {});
    const first = a.process([forward(MON)])[0]!;
    const b = new Detection(RULES, {});
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.process([forward(MON + HOUR)])[0]!.id).toBe(first.id);
  });

  it('rejects a corrupt snapshot with DETECT_STATE_INVALID', () => {
    const d = new Detection(RULES, {});
    expect(() => d.restore({ version: 7 })).toThrow(expect.objectContaining({ code: 'DETECT_STATE_INVALID' }));
  });

  it('raises source_silent when a source stops sending for much longer than its usual gap', () => {
    const d = new Detection(RULES, { models: false });
    const t0 = MON;
    d.process(Array.from({ length: 50 }, (_, i) => ev({ source: 'cloudtrail', time: t0 + i * 300_000 })));
    const last = t0 + 49 * 300_000;
    expect(d.checkSources(last + 20 * 60_000)).toEqual([]);
    const silent = d.checkSources(last + 5 * HOUR);
    expect(silent).toHaveLength(1);
    expect(silent[0]!).toMatchObject({ detector: 'system.source_silent', kind: 'system', actor: 'source:cloudtrail', start: last });
    expect(silent[0]!.reasons[0]).toMatch(/no cloudtrail events for 5 h; it usually sends every 5 min/);
  });
});

describe('source_silent', () => {
  it('waits for the larger of the minimum silence and several typical gaps, and keeps one id per silence', () => {
    const s = [{ source: 'm365', lastSeen: 0, typicalGapMs: 2 * HOUR }];
    expect(sourceSilentAlerts(s, 11 * HOUR)).toEqual([]);
    const a = sourceSilentAlerts(s, 13 * HOUR);
    const b = sourceSilentAlerts(s, 20 * HOUR);
    expect(a).toHaveLength(1);
    expect(b[0]!.id).toBe(a[0]!.id);
    expect(b[0]!.score).toBeGreaterThan(a[0]!.score);
  });
});
