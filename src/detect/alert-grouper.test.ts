import { describe, expect, it } from 'vitest';
import { AlertGrouper, MAX_ALERT_EVIDENCE, type Finding } from './alert-grouper.js';
import { HOUR } from './test-support.js';

const T0 = Date.UTC(2024, 4, 6, 2);

function finding(over: Partial<Finding> = {}): Finding {
  return {
    detector: 'download.bulk',
    kind: 'rule',
    groupKey: 'download.bulk|ann@corp.example',
    actor: 'ann@corp.example',
    title: 'Bulk download',
    channel: 'download',
    severity: 'medium',
    score: 60,
    start: T0,
    end: T0,
    reasons: ['ann downloaded 200 files'],
    explanation: { rule: 'download.bulk' },
    evidence: ['e1'],
    groupWithinMs: 4 * HOUR,
    ...over,
  };
}

describe('grouping findings into alerts', () => {
  it('merges hits of one detector and actor within the span into one alert and widens its window', () => {
    const g = new AlertGrouper(() => 1000);
    const a = g.add(finding());
    const b = g.add(finding({ start: T0 + HOUR, end: T0 + HOUR, evidence: ['e2'], reasons: ['again'], score: 80, severity: 'high' }));
    expect(b.id).toBe(a.id);
    expect(b.start).toBe(T0);
    expect(b.end).toBe(T0 + HOUR);
    expect(b.evidence).toEqual(['e1', 'e2']);
    expect(b.reasons).toEqual(['ann downloaded 200 files', 'again']);
    expect(b.score).toBe(80);
    expect(b.severity).toBe('high');
    expect((b.explanation as { hits: number }).hits).toBe(2);
  });

  it('opens a new alert after the grouping span, or for another actor or detector', () => {
    const g = new AlertGrouper();
    const a = g.add(finding());
    expect(g.add(finding({ start: T0 + 5 * HOUR, end: T0 + 5 * HOUR })).id).not.toBe(a.id);
    expect(g.add(finding({ groupKey: 'download.bulk|bob', actor: 'bob' })).id).not.toBe(a.id);
    expect(g.add(finding({ detector: 'delete.mass', groupKey: 'delete.mass|ann@corp.example' })).id).not.toBe(a.id);
  });

  it('caps evidence, keeping how it started and the newest', () => {
    const g = new AlertGrouper();
    let last = g.add(finding({ evidence: ['first'] }));
    for (let i = 0; i < 300; i++) last = g.add(finding({ start: T0 + i * 1000, end: T0 + i * 1000, evidence: [`e${i}`] }));
    expect(last.evidence).toHaveLength(MAX_ALERT_EVIDENCE);
    expect(last.evidence[0]).toBe('first');
    expect(last.evidence[MAX_ALERT_EVIDENCE - 1]).toBe('e299');
  });

  it('gives the same id for the same incident replayed, and keeps the AlertRecord shape', () => {
    const a = new AlertGrouper(() => 5).add(finding());
    const b = new AlertGrouper(() => 9).add(finding());
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^al_[0-9a-f]{20}$/);
    expect(Object.keys(a).sort()).toEqual(
      ['actor', 'channel', 'createdAt', 'detector', 'end', 'evidence', 'explanation', 'id', 'kind', 'reasons', 'score', 'severity', 'start', 'status', 'title', 'updatedAt'].sort(),
    );
    expect(a.status).toBe('open');
  });

  it('keeps open incidents across snapshot and restore', () => {
    const g = new AlertGrouper();
    const a = g.add(finding());
    const h = new AlertGrouper();
    h.restore(JSON.parse(JSON.stringify(g.snapshot())));
    expect(h.add(finding({ start: T0 + HOUR, end: T0 + HOUR })).id).toBe(a.id);
  });
});
