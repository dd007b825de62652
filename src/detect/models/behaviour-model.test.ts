import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../alert-grouper.js';
import type { DataEvent } from '../events.js';
import { DAY, ev, HOUR } from '../test-support.js';
import { BehaviourModel, type ModelExplanation, type ModelOptions } from './behaviour-model.js';
import { mulberry32 } from './isolation-forest.js';

// Local midnight (UTC+8) of Monday 2024-01-01.
const MON = Date.UTC(2023, 11, 31, 16);
const opts: ModelOptions = { utcOffsetMinutes: 480, workHours: [8, 20] };

interface Day {
  user: string;
  day: number;
  downloads: number;
  hour?: number;
  ip?: string;
  group?: string;
  channel?: DataEvent['channel'];
}

/** Events for one user-day: `downloads` downloads spread over working hours (or at `hour`). */
function dayEvents(d: Day): DataEvent[] {
  const out: DataEvent[] = [];
  for (let i = 0; i < d.downloads; i++) {
    const hour = d.hour ?? 9 + (i % 8);
    out.push(
      ev({
        time: MON + d.day * DAY + hour * HOUR + ((i * 7919) % 3_000_000),
        channel: d.channel ?? 'download',
        action: 'FileDownloaded',
        actor: { user: d.user, ip: d.ip ?? '10.1.1.20', ...(d.group ? { group: d.group } : {}) },
        object: { container: 'site', path: `doc-${d.user}-${d.day}-${i}` },
      }),
    );
  }
  return out;
}

function run(model: BehaviourModel, days: Day[]): Finding[] {
  const events = days.flatMap(dayEvents).sort((a, b) => a.time - b.time);
  const out: Finding[] = [];
  for (const e of events) out.push(...model.observe(e).findings);
  out.push(...model.flush());
  return out;
}

/** Weekdays 0..n-1 (skipping weekends) with a noisy volume around `mean`. */
function workdays(user: string, from: number, to: number, mean: number, seed: number, group?: string): Day[] {
  const rand = mulberry32(seed);
  const out: Day[] = [];
  for (let d = from; d < to; d++) {
    if (d % 7 === 5 || d % 7 === 6) continue;
    out.push({ user, day: d, downloads: Math.max(1, Math.round(mean * (0.7 + 0.6 * rand()))), group });
  }
  return out;
}

describe('the behaviour model', () => {
  describe('with a steady user', () => {
    it('raises nothing for ordinary day-to-day variation', () => {
      const m = new BehaviourModel(opts);
      expect(run(m, workdays('ann@corp.example', 0, 42, 30, 1))).toEqual([]);
    });

    it('flags a mass download within the day, with observed, baseline and peer values', () => {
      const m = new BehaviourModel(opts);
      const findings = run(m, [...workdays('ann@corp.example', 0, 21, 30, 2), { user: 'ann@corp.example', day: 21, downloads: 900 }]);
      const f = findings.find((x) => (x.explanation as ModelExplanation).signal === 'intraday_spike')!;
      expect(f).toBeDefined();
      const ex = f.explanation as ModelExplanation;
      expect(f.actor).toBe('ann@corp.example');
      expect(ex.signal).toBe('intraday_spike');
      expect(ex.basis).toBe('own');
      const dl = ex.features.find((x) => x.feature === 'downloads')!;
      expect(dl.observed).toBeGreaterThanOrEqual(250);
      expect(dl.baseline).toBeGreaterThan(15);
      expect(dl.baseline).toBeLessThan(45);
      expect(dl.peer).toBeGreaterThan(15);
      expect(dl.z).toBeGreaterThanOrEqual(6);
      expect(f.reasons[0]).toMatch(/^downloads \d+ so far today \(baseline \d+, peers \d+; [\d.]+σ\)$/);
      expect(f.severity === 'high' || f.severity === 'critical').toBe(true);
    });
  });

  describe('with first-seen facts', () => {
    it('marks a new /24 network for an established entity once, then knows it', () => {
      const m = new BehaviourModel(opts);
      run(m, workdays('bob@corp.example', 0, 14, 10, 3));
      const at = MON + 14 * DAY + 10 * HOUR;
      const first = m.observe(ev({ time: at, channel: 'download', actor: { user: 'bob@corp.example', ip: '203.0.113.9' } })).facts;
      const again = m.observe(ev({ time: at + 60_000, channel: 'download', actor: { user: 'bob@corp.example', ip: '203.0.113.77' } })).facts;
      const home = m.observe(ev({ time: at + 120_000, channel: 'download', actor: { user: 'bob@corp.example', ip: '10.1.1.99' } })).facts;
      expect(first.newIpRange).toBe(true);
      expect(again.newIpRange).toBe(false);
      expect(home.newIpRange).toBe(false);
    });

    it('says nothing is new while an entity is still being learnt', () => {
      const m = new BehaviourModel(opts);
      const f = m.observe(ev({ time: MON, channel: 'login', actor: { user: 'new@corp.example', ip: '198.51.100.1' }, attributes: { country: 'CN' } })).facts;
      expect(f.newIpRange).toBeFalsy();
      expect(f.newCountry).toBeFalsy();
    });

    it('marks a new country only once the entity has a known one', () => {
      const m = new BehaviourModel(opts);
      const days = workdays('cy@corp.example', 0, 10, 5, 4);
      const events = days.flatMap(dayEvents).map((e) => ({ ...e, attributes: { country: 'CN' } }));
      for (const e of events) m.observe(e);
      const t = MON + 12 * DAY + 9 * HOUR;
      expect(m.observe(ev({ time: t, channel: 'login', actor: { user: 'cy@corp.example' }, attributes: { country: 'RU' } })).facts.newCountry).toBe(true);
      expect(m.observe(ev({ time: t + 1, channel: 'login', actor: { user: 'cy@corp.example' }, attributes: { country: 'CN' } })).facts.newCountry).toBeFalsy();
    });

    it('flags many reads from a network new today at an hour the identity never works', () => {
      const m = new BehaviourModel(opts);
      const svc = 'arn:aws:iam::111122223333:user/report-reader';
      run(m, workdays(svc, 0, 21, 40, 5).map((d) => ({ ...d, ip: '10.9.9.9' })));
      const pull: Day = { user: svc, day: 23, downloads: 60, hour: 2, ip: '198.51.100.23' };
      const findings = run(m, [pull]);
      const novel = findings.find((f) => f.detector === 'model.novel_access');
      expect(novel).toBeDefined();
      expect(novel!.reasons[0]).toMatch(/from 198\.51\.100\.23 \(network first seen today\) at 02:00 local/);
    });

    it('leaves a nightly job at its usual hour and network alone', () => {
      const m = new BehaviourModel(opts);
      const job = 'svc-backup';
      const nightly: Day[] = Array.from({ length: 35 }, (_, d) => ({ user: job, day: d, downloads: 400, hour: 2, ip: '10.5.5.5' }));
      expect(run(m, nightly)).toEqual([]);
    });
  });

  describe('cold start', () => {
    it('judges a new joiner against the peer group', () => {
      const m = new BehaviourModel({ ...opts, groupOf: () => 'finance' });
      const peers = Array.from({ length: 8 }, (_, i) => workdays(`p${i}@corp.example`, 0, 14, 30, 10 + i)).flat();
      run(m, peers);
      const ok = run(m, [{ user: 'joiner@corp.example', day: 14, downloads: 35 }]);
      expect(ok).toEqual([]);
      const bad = run(m, [{ user: 'joiner2@corp.example', day: 15, downloads: 800 }]);
      const f = bad.find((x) => x.actor === 'joiner2@corp.example');
      expect(f).toBeDefined();
      const ex = f!.explanation as ModelExplanation;
      expect(ex.basis).toBe('peer');
      expect(ex.group).toBe('finance');
      expect(ex.features[0]!.baseline).toBeUndefined();
      expect(ex.features[0]!.peer).toBeGreaterThan(15);
    });
  });

  describe('day-level scoring', () => {
    it('flags one member far above normal at day close, but not a surge the whole group shares', () => {
      const users = Array.from({ length: 8 }, (_, i) => `u${i}@corp.example`);
      const history = users.flatMap((u, i) => workdays(u, 0, 28, 30, 20 + i, 'sales'));
      const lone = new BehaviourModel(opts);
      run(lone, history);
      const loneDay = run(lone, [...users.slice(1).map((u) => ({ user: u, day: 28, downloads: 30 })), { user: users[0]!, day: 28, downloads: 250 }]);
      expect(loneDay.filter((f) => f.actor === users[0]).map((f) => (f.explanation as ModelExplanation).signal)).toContain('daily_deviation');

      const surge = new BehaviourModel(opts);
      run(surge, history);
      const surgeDay = run(surge, users.map((u) => ({ user: u, day: 28, downloads: 250 })));
      expect(surgeDay.filter((f) => (f.explanation as ModelExplanation).signal === 'daily_deviation')).toEqual([]);
    });

    it('finds a rise kept up for a week that no single day shows (CUSUM)', () => {
      const m = new BehaviourModel(opts);
      const base = workdays('slow@corp.example', 0, 28, 30, 30);
      const drift = Array.from({ length: 9 }, (_, k) => ({ user: 'slow@corp.example', day: 28 + k, downloads: 85 })).filter((d) => d.day % 7 < 5);
      const findings = run(m, [...base, ...drift]);
      const signals = findings.map((f) => (f.explanation as ModelExplanation).signal);
      expect(signals).toContain('sustained_rise');
      expect(signals).not.toContain('intraday_spike');
      const sr = findings.find((f) => (f.explanation as ModelExplanation).signal === 'sustained_rise')!;
      expect(sr.reasons[0]).toMatch(/kept above normal for days/);
    });
  });

  describe('state', () => {
    it('survives snapshot and restore: the restored model raises the same findings', () => {
      const history = workdays('rest@corp.example', 0, 21, 30, 40);
      const tail: Day[] = [{ user: 'rest@corp.example', day: 21, downloads: 900 }];
      const a = new BehaviourModel(opts);
      run(a, history);
      const b = new BehaviourModel(opts);
      b.restore(JSON.parse(JSON.stringify(a.snapshot())));
      const fa = run(a, tail).map((f) => [f.detector, f.reasons]);
      const fb = run(b, tail).map((f) => [f.detector, f.reasons]);
      expect(fb).toEqual(fa);
      expect(fa.length).toBeGreaterThan(0);
    });

    it('uses at most 2 KB per tracked entity (measured with a full GC)', () => {
      const root = fileURLToPath(new URL('../../../', import.meta.url));
      const code = `import('./src/detect/models/behaviour-model.ts').then((m) => console.log(JSON.stringify(m.measureEntityMemory(20000))))`;
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', code], { cwd: root, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as { bytesPerEntity: number; entities: number; gcExposed: boolean };
      expect(m.gcExposed).toBe(true);
      expect(m.entities).toBe(20000);
      expect(m.bytesPerEntity).toBeGreaterThan(500);
      expect(m.bytesPerEntity).toBeLessThanOrEqual(2048);
    });
  });
});
