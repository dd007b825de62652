// Per-entity behaviour models. For each user, service account or IAM identity:
//  - robust day and hour baselines per feature (EWMA of log1p counts with
//    variance; updates are winsorised so an incident does not become the norm);
//  - first-seen memory of networks (/24), destinations, devices, countries, and an
//    hour-of-day profile;
//  - CUSUM on downloads and sharing for slow, sustained rises (Page, "Continuous
//    inspection schemes", Biometrika 41, 1954);
//  - per peer group: a baseline for cold start, the group's own shift on a day
//    (month-end surges are not one member's anomaly), and an Isolation Forest
//    over entity-day deviation vectors.
// Days are closed on a watermark: when an event of local day D+1 arrives, every
// entity active on day D is scored together, so the group shift is known.
import type { Finding } from '../alert-grouper.js';
import { severityForScore } from '../alert.js';
import type { DataEvent } from '../events.js';
import { isOffHours, localHour, type ModelFacts } from '../facts/derived-facts.js';
import { networkKey } from '../rules/ip.js';
import {
  BITMAP_WORDS,
  CUSUM_FEATURES,
  EntityTable,
  F,
  FEATURE_INDEX,
  FEATURES,
  FLAG_HOURLY,
  FLAG_NOVEL,
  fingerprint,
  HOURLY,
  O_CUSUM,
  O_DAY,
  O_HIST,
  O_HMEAN,
  O_HOUR,
  O_HVAR,
  O_MEAN,
  O_VAR,
  RECORD_BYTES,
  RECORD_WORDS,
  U_ACTIVE_DAYS,
  U_BITMAP,
  U_EVENTS,
  U_FIRST_DAY,
  U_FLAGS,
  U_GROUP,
  U_LAST_DAY,
  U_NOVEL_HOUR,
  U_OPEN_DAY,
  U_OPEN_HOUR,
  type Feature,
} from './entity-state.js';
import { PeerGroup, type PeerGroupState } from './peer-group.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const MODEL_BEHAVIOUR = 'model.behaviour';
export const MODEL_NOVEL_ACCESS = 'model.novel_access';

export interface ModelOptions {
  readonly utcOffsetMinutes: number;
  readonly workHours: readonly [number, number];
  /** Active days before an entity is judged against its own baseline (before that: its peers). */
  readonly minDays?: number;
  /** Member-days before a peer group's baseline is trusted. */
  readonly minPeerDays?: number;
  /** Peer group of an entity: department from a directory, else the record's group, else its kind. */
  readonly groupOf?: (entity: string, event: DataEvent) => string | undefined;
  /** Robust z a closed day must reach on a volume feature. */
  readonly zDay?: number;
  /** Robust z a running day or hour must reach to alert before the day ends. */
  readonly zIntraday?: number;
  /** How many times its typical value a running day must reach to alert before the day ends (month-end surges stay below). */
  readonly intradayRatio?: number;
  /** Isolation Forest score that confirms a day as anomalous. */
  readonly forestThreshold?: number;
  /** CUSUM allowance k and decision threshold h, in z units. */
  readonly cusumK?: number;
  readonly cusumH?: number;
  /** Bound on tracked entities; the longest-idle are dropped beyond it. */
  readonly maxEntities?: number;
  /** Diagnostics: called for every entity-day scored at day close. */
  readonly onDayScored?: (info: { entity: string; day: string; basis: 'own' | 'peer' | 'none'; observed: Record<string, number>; z: Record<string, number>; cusum: number[]; isolation?: number }) => void;
  /** How long model alerts about one entity keep merging. */
  readonly groupWithinMs?: number;
  readonly seed?: number;
}

/** Smallest counts a feature must reach before a deviation is worth an alert. */
const MIN_ABS: Partial<Record<Feature, number>> = {
  downloads: 40,
  download_bytes: 500e6,
  distinct_objects: 40,
  shares_out: 8,
  deletes: 100,
  device_out: 10,
  new_destinations: 4,
};
/** Features that measure the same thing count once when the forest asks for a joint deviation. */
const FEATURE_GROUP: Readonly<Record<Feature, string>> = {
  events: 'activity',
  downloads: 'volume',
  download_bytes: 'volume',
  distinct_objects: 'volume',
  shares_out: 'sharing',
  new_destinations: 'sharing',
  deletes: 'deletes',
  off_hours: 'timing',
  new_networks: 'network',
  failures: 'failures',
  device_out: 'devices',
};
const VOLUME_FEATURES: readonly Feature[] = ['downloads', 'download_bytes', 'distinct_objects', 'shares_out', 'deletes', 'device_out', 'new_destinations'];
const INTRADAY_FEATURES: readonly Feature[] = ['downloads', 'download_bytes', 'shares_out', 'deletes', 'device_out'];
/** Spread floor in log1p units: a baseline is never tighter than ±40 %. */
const SD_FLOOR = 0.35;

/**
 * The spread floor for a baseline of log1p(count) with mean `mean`: counts are at
 * least Poisson-noisy, and a Poisson count of mean λ has a log-scale spread of about
 * 1/√λ (delta method), which matters for people who download three files a day.
 */
function sdFloor(i: number, mean: number): number {
  if (i === BYTES_INDEX) return SD_FLOOR;
  return Math.max(SD_FLOOR, 1 / Math.sqrt(Math.expm1(mean) + 1));
}
const NOVEL_MIN_EVENTS = 20;
const RARE_HOUR_SHARE = 0.015;

/** Channels that take a copy of data (downloads, S3 GetObject); views and listings only count as events. */
const DATA_ACCESS = new Set(['download']);
const BYTES_INDEX = FEATURE_INDEX.download_bytes;
const SHARES = new Set(['share_external', 'share_link', 'mail_forward']);
const DEVICE = new Set(['removable_media', 'print']);

export interface FeatureExplanation {
  readonly feature: Feature;
  readonly observed: number;
  /** The entity's typical value (back-transformed baseline mean); absent in cold start. */
  readonly baseline?: number;
  /** The peer group's typical value. */
  readonly peer?: number;
  /** Robust z against the basis, after the group's own shift that day. */
  readonly z: number;
  readonly groupShift?: number;
}

export interface ModelExplanation {
  readonly model: string;
  readonly signal: 'intraday_spike' | 'hourly_spike' | 'daily_deviation' | 'sustained_rise' | 'novel_access';
  readonly entity: string;
  readonly group: string;
  readonly basis: 'own' | 'peer';
  readonly day: string;
  readonly features: readonly FeatureExplanation[];
  readonly isolationScore?: number;
  readonly novelty?: Readonly<Record<string, unknown>>;
}

export interface ModelState {
  readonly version: 1;
  readonly day: number;
  readonly entities: { keys: string[]; records: string };
  readonly groups: readonly PeerGroupState[];
  readonly active: readonly string[];
}

const netCache = new Map<string, string | undefined>();

/** networkKey with a bounded cache: addresses repeat a lot in a log stream. */
function cachedNetwork(ip: string): string | undefined {
  if (netCache.has(ip)) return netCache.get(ip);
  if (netCache.size >= 50_000) netCache.clear();
  const k = networkKey(ip);
  netCache.set(ip, k);
  return k;
}

function dayIndex(t: number, offsetMin: number): number {
  return Math.floor((t + offsetMin * 60_000) / DAY_MS);
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function round(n: number, digits = 1): number {
  const p = 10 ** digits;
  return Math.round(n * p) / p;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function fmtValue(f: Feature, v: number): string {
  if (f === 'download_bytes') return v >= 1e9 ? `${round(v / 1e9)} GB` : `${round(v / 1e6)} MB`;
  return String(Math.round(v));
}

export class BehaviourModel {
  private entities = new EntityTable();
  private groups: PeerGroup[] = [];
  private readonly groupIndex = new Map<string, number>();
  /** Global local-day watermark, and the entities active on it. */
  private day = -1;
  private active: number[] = [];
  private readonly o: Required<Omit<ModelOptions, 'groupOf' | 'onDayScored'>> & Pick<ModelOptions, 'groupOf' | 'onDayScored'>;

  constructor(options: ModelOptions) {
    this.o = {
      minDays: 5,
      minPeerDays: 30,
      zDay: 4,
      zIntraday: 6,
      intradayRatio: 10,
      forestThreshold: 0.65,
      cusumK: 1,
      cusumH: 8,
      maxEntities: 1_000_000,
      groupWithinMs: 3 * DAY_MS,
      seed: 0x5eed,
      ...options,
    };
  }

  get entityCount(): number {
    return this.entities.size;
  }

  /** Bytes of model state per tracked entity (the record; the key index is measured separately by tests). */
  static get recordBytes(): number {
    return RECORD_BYTES;
  }

  private group(name: string): number {
    let gi = this.groupIndex.get(name);
    if (gi === undefined) {
      gi = this.groups.length;
      this.groups.push(new PeerGroup(name, this.o.seed + gi * 7919));
      this.groupIndex.set(name, gi);
    }
    return gi;
  }

  private established(b: number): boolean {
    return this.entities.u[b + U_ACTIVE_DAYS]! >= this.o.minDays;
  }

  /**
   * Feeds one event; returns the first-seen facts about it (for rules) and any
   * findings: days closed by the watermark, and spikes within the running day.
   */
  observe(event: DataEvent, externalDomains: readonly string[] = []): { facts: ModelFacts; findings: Finding[] } {
    const findings: Finding[] = [];
    const day = dayIndex(event.time, this.o.utcOffsetMinutes);
    if (day > this.day) {
      if (this.day >= 0) findings.push(...this.closeDay());
      this.day = day;
    }
    const key = event.actor.user ?? event.actor.service;
    if (!key) return { facts: {}, findings };
    const late = day < this.day;
    let b = this.entities.find(key);
    if (b === undefined) {
      if (late) return { facts: {}, findings };
      if (this.entities.size >= this.o.maxEntities) this.evictIdle();
      b = this.entities.slot(key);
      const kind = event.actor.user ? (event.actor.user.startsWith('arn:') ? 'iam' : 'user') : 'service';
      this.entities.u[b + U_GROUP] = this.group(this.o.groupOf?.(key, event) ?? event.actor.group ?? kind);
      this.entities.u[b + U_FIRST_DAY] = day + 1;
    }
    const facts = this.novelty(b, event, externalDomains, day, !late);
    if (late) return { facts, findings };

    const { f, u } = this.entities;
    if (u[b + U_OPEN_DAY] === 0) {
      u[b + U_OPEN_DAY] = day + 1;
      this.active.push(b);
    }
    u[b + U_LAST_DAY] = day + 1;
    if (u[b + U_EVENTS]! < 0xffffffff) u[b + U_EVENTS]!++;
    const hour = Math.floor((event.time + this.o.utcOffsetMinutes * 60_000) / HOUR_MS);
    if (u[b + U_OPEN_HOUR] !== hour + 1) {
      this.closeHour(b);
      u[b + U_OPEN_HOUR] = hour + 1;
      u[b + U_NOVEL_HOUR] = 0;
    }
    f[b + O_HIST + localHour(event.time, this.o.utcOffsetMinutes)]! += 1;

    const touched: Feature[] = [];
    const inc = (feat: Feature, by = 1) => {
      f[b + O_DAY + FEATURE_INDEX[feat]]! += by;
      touched.push(feat);
    };
    inc('events');
    const ch = event.channel;
    if (DATA_ACCESS.has(ch)) {
      inc('downloads');
      f[b + O_HOUR + 1]! += 1;
      if (event.bytes && event.bytes > 0) inc('download_bytes', event.bytes);
      const obj = event.object ? `${event.object.container ?? ''}/${event.object.path ?? event.object.id ?? ''}` : '';
      if (obj !== '/') {
        const h = fingerprint(obj);
        u[b + U_BITMAP + ((h >>> 5) & (BITMAP_WORDS - 1))]! |= 1 << (h & 31);
      }
    }
    f[b + O_HOUR]! += 1;
    if (SHARES.has(ch)) inc('shares_out');
    if (ch === 'delete') inc('deletes');
    if (DEVICE.has(ch)) inc('device_out');
    if (event.outcome === 'failure') inc('failures');
    if (isOffHours(event.time, this.o)) inc('off_hours');
    if (facts.newIpRange) inc('new_networks');
    if (facts.newDestination) inc('new_destinations');

    findings.push(...this.intraday(b, key, event, touched));
    if (facts.novelNetworkToday && DATA_ACCESS.has(ch) && (facts.rareHour || isOffHours(event.time, this.o))) {
      const n = ++u[b + U_NOVEL_HOUR]!;
      if (n >= NOVEL_MIN_EVENTS && !(u[b + U_FLAGS]! & FLAG_NOVEL)) {
        u[b + U_FLAGS]! |= FLAG_NOVEL;
        findings.push(this.novelFinding(b, key, event, n, facts));
      }
    }
    return { facts, findings };
  }

  /** First-seen facts about the event, and (when `learn`) remembering what it shows. */
  private novelty(b: number, event: DataEvent, externalDomains: readonly string[], day: number, learn: boolean): ModelFacts & { novelNetworkToday?: boolean } {
    const t = this.entities;
    const est = this.established(b);
    const out: { newCountry?: boolean; newIpRange?: boolean; newDevice?: boolean; newDestination?: boolean; rareHour?: boolean; novelNetworkToday?: boolean } = {};
    const net = event.actor.ip ? cachedNetwork(event.actor.ip) : undefined;
    if (net) {
      const fp = fingerprint(net);
      const known = t.has(b, 'networks', fp);
      out.newIpRange = false;
      if (!known) {
        out.newIpRange = est && t.nonEmpty(b, 'networks');
        if (learn) t.add(b, 'networks', fp, day + 1);
      }
      out.novelNetworkToday = est && (out.newIpRange === true || (known && t.firstSeenDay(b, 'networks', fp) === day + 1 && t.u[b + U_ACTIVE_DAYS]! > 0));
    }
    const country = event.attributes?.['country'];
    if (typeof country === 'string' && country !== '') {
      const fp = fingerprint(country.toLowerCase());
      if (!t.has(b, 'countries', fp)) {
        out.newCountry = est && t.nonEmpty(b, 'countries');
        if (learn) t.add(b, 'countries', fp, day + 1);
      }
    }
    const device = event.destination?.device;
    if (device) {
      const fp = fingerprint(device.toLowerCase());
      if (!t.has(b, 'devices', fp)) {
        out.newDevice = est;
        if (learn) t.add(b, 'devices', fp, day + 1);
      }
    }
    for (const d of externalDomains) {
      const fp = fingerprint(d);
      if (!t.has(b, 'destinations', fp)) {
        out.newDestination = est;
        if (learn) t.add(b, 'destinations', fp, day + 1);
      }
    }
    if (est) {
      let total = 0;
      for (let h = 0; h < 24; h++) total += t.f[b + O_HIST + h]!;
      const h = localHour(event.time, this.o.utcOffsetMinutes);
      out.rareHour = total > 0 && t.f[b + O_HIST + h]! / total < RARE_HOUR_SHARE;
    }
    return out;
  }

  private basis(b: number, i: number): { mean: number; sd: number; basis: 'own' | 'peer' } | undefined {
    const { f, u } = this.entities;
    if (this.established(b)) {
      const mean = f[b + O_MEAN + i]!;
      return { mean, sd: Math.max(sdFloor(i, mean), Math.sqrt(f[b + O_VAR + i]!)), basis: 'own' };
    }
    const g = this.groups[u[b + U_GROUP]!]!;
    if (g.memberDays >= this.o.minPeerDays) return { mean: g.mean[i]!, sd: g.sd(i, sdFloor(i, g.mean[i]!)), basis: 'peer' };
    return undefined;
  }

  private intraday(b: number, key: string, event: DataEvent, touched: readonly Feature[]): Finding[] {
    const { f, u } = this.entities;
    const out: Finding[] = [];
    for (const feat of touched) {
      if (!INTRADAY_FEATURES.includes(feat)) continue;
      const i = FEATURE_INDEX[feat];
      if (u[b + U_FLAGS]! & (1 << i)) continue;
      const base = this.basis(b, i);
      if (!base) continue;
      const value = f[b + O_DAY + i]!;
      const z = (Math.log1p(value) - base.mean) / base.sd;
      const typical = Math.expm1(base.mean);
      if (z < this.o.zIntraday || value < Math.max(MIN_ABS[feat] ?? 1, this.o.intradayRatio * typical)) continue;
      u[b + U_FLAGS]! |= 1 << i;
      out.push(this.finding(b, key, event.time, event.time, 'intraday_spike', base.basis, [this.explain(b, feat, value, z, base.basis)], [event.id], undefined, event.channel));
    }
    // Hourly: the running hour's downloads against the entity's busy hours.
    if (touched.includes('downloads') && this.established(b) && !(u[b + U_FLAGS]! & FLAG_HOURLY)) {
      const n = f[b + O_HOUR + 1]!;
      const mean = f[b + O_HMEAN + 1]!;
      const sd = Math.max(sdFloor(FEATURE_INDEX.downloads, mean), Math.sqrt(f[b + O_HVAR + 1]!));
      const z = (Math.log1p(n) - mean) / sd;
      if (z >= this.o.zIntraday && n >= Math.max(MIN_ABS.downloads!, this.o.intradayRatio * Math.expm1(mean))) {
        u[b + U_FLAGS]! |= FLAG_HOURLY;
        const fe: FeatureExplanation = { feature: 'downloads', observed: n, baseline: round(Math.expm1(mean)), z: round(z) };
        out.push(this.finding(b, key, event.time, event.time, 'hourly_spike', 'own', [fe], [event.id], undefined, event.channel));
      }
    }
    return out;
  }

  private closeHour(b: number): void {
    const { f, u } = this.entities;
    if (u[b + U_OPEN_HOUR] === 0) return;
    const alpha = this.established(b) ? 0.05 : 0.2;
    for (let k = 0; k < HOURLY; k++) {
      const x = Math.log1p(f[b + O_HOUR + k]!);
      ewma(f, b + O_HMEAN + k, b + O_HVAR + k, x, alpha, f[b + O_HMEAN + k] === 0 && f[b + O_HVAR + k] === 0);
      f[b + O_HOUR + k] = 0;
    }
  }

  /** Closes the watermark day for every entity active on it and scores them together. */
  private closeDay(): Finding[] {
    const { f, u, keys } = this.entities;
    const day = this.day;
    const rows = this.active.map((b) => {
      this.closeHour(b);
      const x = new Float64Array(F);
      for (let i = 0; i < F; i++) x[i] = f[b + O_DAY + i]!;
      x[FEATURE_INDEX.distinct_objects] = distinctEstimate(u, b + U_BITMAP);
      const z = new Float64Array(F);
      const bases: ({ mean: number; sd: number; basis: 'own' | 'peer' } | undefined)[] = [];
      for (let i = 0; i < F; i++) {
        const base = this.basis(b, i);
        bases.push(base);
        z[i] = base ? (Math.log1p(x[i]!) - base.mean) / base.sd : 0;
      }
      return { b, x, z, bases, scored: bases[0] !== undefined };
    });
    // The group's own shift today: the median member's deviation, upward only.
    const shifts = new Map<number, Float64Array>();
    const byGroup = new Map<number, typeof rows>();
    for (const r of rows) {
      if (!r.scored || r.bases[0]?.basis !== 'own') continue;
      const g = u[r.b + U_GROUP]!;
      let list = byGroup.get(g);
      if (!list) byGroup.set(g, (list = []));
      list.push(r);
    }
    for (const [g, list] of byGroup) {
      if (list.length < 5) continue;
      const s = new Float64Array(F);
      for (let i = 0; i < F; i++) s[i] = Math.max(0, median(list.map((r) => r.z[i]!)));
      shifts.set(g, s);
    }

    const findings: Finding[] = [];
    for (const r of rows) {
      const { b, x } = r;
      const key = keys[b / RECORD_WORDS]!;
      const gi = u[b + U_GROUP]!;
      const group = this.groups[gi]!;
      const shift = shifts.get(gi);
      const adj = new Float64Array(F);
      for (let i = 0; i < F; i++) adj[i] = r.z[i]! - (shift?.[i] ?? 0);
      if (r.scored) {
        const basis = r.bases[0]!.basis;
        const flags = u[b + U_FLAGS]!;
        const hits: FeatureExplanation[] = [];
        for (const feat of VOLUME_FEATURES) {
          const i = FEATURE_INDEX[feat];
          if (flags & (1 << i)) continue;
          const base = r.bases[i]!;
          const typical = Math.expm1(base.mean);
          if (adj[i]! >= this.o.zDay && x[i]! >= Math.max(MIN_ABS[feat] ?? 1, 3 * typical)) hits.push(this.explain(b, feat, x[i]!, adj[i]!, basis, shift?.[i]));
        }
        let iso: number | undefined;
        if (group.forest) {
          const v = clipVector(adj);
          iso = group.forest.score(v);
          if (hits.length === 0 && iso >= this.o.forestThreshold) {
            // The forest confirms a joint deviation: several independent aspects of
            // the day (not just downloads and the objects they touched) well above normal.
            const top = topFeatures(adj, 5).filter((i) => adj[i]! >= 3.5 && x[i]! >= (MIN_ABS[FEATURES[i]!] ?? 3));
            if (new Set(top.map((i) => FEATURE_GROUP[FEATURES[i]!])).size >= 2) for (const i of top) hits.push(this.explain(b, FEATURES[i]!, x[i]!, adj[i]!, basis, shift?.[i]));
          }
        }
        if (hits.length > 0) {
          const start = (day * DAY_MS) - this.o.utcOffsetMinutes * 60_000;
          findings.push(this.finding(b, key, start, start + DAY_MS - 1, 'daily_deviation', basis, hits, [], iso, undefined));
        }
        // CUSUM over the days: a rise too small for any single day, kept up for days.
        if (basis === 'own') {
          const drift: FeatureExplanation[] = [];
          CUSUM_FEATURES.forEach((feat, k) => {
            const i = FEATURE_INDEX[feat];
            const s = Math.max(0, f[b + O_CUSUM + k]! + adj[i]! - this.o.cusumK);
            if (s >= this.o.cusumH && x[i]! >= (MIN_ABS[feat] ?? 1) / 4) {
              drift.push({ ...this.explain(b, feat, x[i]!, adj[i]!, basis, shift?.[i]), cusum: round(s) } as FeatureExplanation);
              f[b + O_CUSUM + k] = 0;
            } else f[b + O_CUSUM + k] = s;
          });
          if (drift.length > 0) {
            const start = (day * DAY_MS) - this.o.utcOffsetMinutes * 60_000;
            findings.push(this.finding(b, key, start, start + DAY_MS - 1, 'sustained_rise', basis, drift, [], iso, undefined));
          }
        }
        group.observeDeviation(clipVector(adj));
        this.o.onDayScored?.({
          entity: key,
          day: isoDay(day),
          basis,
          observed: Object.fromEntries(FEATURES.map((ft, i) => [ft, round(x[i]!)])),
          z: Object.fromEntries(FEATURES.map((ft, i) => [ft, round(adj[i]!)])),
          cusum: CUSUM_FEATURES.map((_, k) => round(f[b + O_CUSUM + k]!)),
          isolation: iso,
        });
      }
      // Learn from the day: own baseline (winsorised), the group's baseline.
      const n = u[b + U_ACTIVE_DAYS]!;
      const alpha = n < 10 ? 1 / (n + 1) : 0.1;
      const lx = new Float64Array(F);
      for (let i = 0; i < F; i++) {
        lx[i] = Math.log1p(x[i]!);
        const mean = f[b + O_MEAN + i]!;
        const sd = Math.max(sdFloor(i, mean), Math.sqrt(f[b + O_VAR + i]!));
        // Huber-style clipping once established: a day moves the baseline by at most
        // one spread upwards (two downwards), so an incident, or a slow drift, does not
        // become the norm, and the spread cannot inflate itself.
        const capped = n >= this.o.minDays ? Math.max(mean - 2 * sd, Math.min(lx[i]!, mean + sd)) : lx[i]!;
        ewma(f, b + O_MEAN + i, b + O_VAR + i, capped, alpha, n === 0);
      }
      group.observeDay(lx);
      for (let h = 0; h < 24; h++) f[b + O_HIST + h] = f[b + O_HIST + h]! * 0.97;
      u[b + U_ACTIVE_DAYS] = n + 1;
      for (let i = 0; i < F; i++) f[b + O_DAY + i] = 0;
      for (let w = 0; w < BITMAP_WORDS; w++) u[b + U_BITMAP + w] = 0;
      u[b + U_FLAGS] = 0;
      u[b + U_OPEN_DAY] = 0;
    }
    for (const g of this.groups) g.maybeRefit();
    this.active = [];
    return findings;
  }

  /** Closes the running day (end of input); later events of that day count as late. */
  flush(): Finding[] {
    if (this.day < 0 || this.active.length === 0) return [];
    const out = this.closeDay();
    return out;
  }

  private explain(b: number, feat: Feature, observed: number, z: number, basis: 'own' | 'peer', shift?: number): FeatureExplanation {
    const { f, u } = this.entities;
    const i = FEATURE_INDEX[feat];
    const g = this.groups[u[b + U_GROUP]!]!;
    return {
      feature: feat,
      observed: round(observed, 0),
      baseline: basis === 'own' ? round(Math.expm1(f[b + O_MEAN + i]!)) : undefined,
      peer: g.memberDays > 0 ? round(Math.expm1(g.mean[i]!)) : undefined,
      z: round(z),
      ...(shift ? { groupShift: round(shift) } : {}),
    };
  }

  private finding(
    b: number,
    key: string,
    start: number,
    end: number,
    signal: ModelExplanation['signal'],
    basis: 'own' | 'peer',
    features: FeatureExplanation[],
    evidence: string[],
    iso: number | undefined,
    channel: string | undefined,
  ): Finding {
    const g = this.groups[this.entities.u[b + U_GROUP]!]!;
    const top = features.slice().sort((a, c) => c.z - a.z);
    const zmax = top[0]?.z ?? 0;
    let score = Math.min(95, Math.round(35 + 7 * zmax));
    if (iso !== undefined && iso >= 0.7) score = Math.min(98, score + 10);
    if (signal === 'sustained_rise') score = Math.max(score, 60);
    const reasons = top.slice(0, 3).map((fe) => {
      const parts = [fe.baseline !== undefined ? `baseline ${fmtValue(fe.feature, fe.baseline)}` : undefined, fe.peer !== undefined ? `peers ${fmtValue(fe.feature, fe.peer)}` : undefined].filter(Boolean);
      const what = signal === 'sustained_rise' ? 'kept above normal for days' : signal === 'hourly_spike' ? 'in one hour' : signal === 'intraday_spike' ? 'so far today' : 'in the day';
      return `${fe.feature} ${fmtValue(fe.feature, fe.observed)} ${what} (${parts.join(', ')}; ${fe.z}σ)`;
    });
    if (iso !== undefined && signal === 'daily_deviation') reasons.push(`isolation forest score ${round(iso, 2)} for the day's feature vector`);
    const explanation: ModelExplanation = {
      model: MODEL_BEHAVIOUR,
      signal,
      entity: key,
      group: g.name,
      basis,
      day: isoDay(dayIndex(start, this.o.utcOffsetMinutes)),
      features: top,
      ...(iso !== undefined ? { isolationScore: round(iso, 3) } : {}),
    };
    return {
      detector: MODEL_BEHAVIOUR,
      kind: 'model',
      groupKey: `${MODEL_BEHAVIOUR}|${key}`,
      actor: key,
      title: signal === 'sustained_rise' ? `Sustained rise in data movement by ${key}` : `Unusual data volume for ${key}`,
      channel: channel ?? channelOf(top[0]?.feature),
      severity: severityForScore(score),
      score,
      start,
      end,
      reasons,
      explanation,
      evidence,
      groupWithinMs: this.o.groupWithinMs,
    };
  }

  private novelFinding(b: number, key: string, event: DataEvent, n: number, facts: ModelFacts): Finding {
    const g = this.groups[this.entities.u[b + U_GROUP]!]!;
    const hour = localHour(event.time, this.o.utcOffsetMinutes);
    const score = Math.min(95, 65 + Math.floor(n / 10));
    const explanation: ModelExplanation = {
      model: MODEL_NOVEL_ACCESS,
      signal: 'novel_access',
      entity: key,
      group: g.name,
      basis: 'own',
      day: isoDay(this.day),
      features: [],
      novelty: { network: event.actor.ip ? networkKey(event.actor.ip) : undefined, ip: event.actor.ip, localHour: hour, rareHour: facts.rareHour === true, events: n },
    };
    return {
      detector: MODEL_NOVEL_ACCESS,
      kind: 'model',
      groupKey: `${MODEL_NOVEL_ACCESS}|${key}`,
      actor: key,
      title: `Data access from a new network at an unusual hour by ${key}`,
      channel: event.channel,
      severity: severityForScore(score),
      score,
      start: event.time,
      end: event.time,
      reasons: [`${n} data reads from ${event.actor.ip ?? 'an address'} (network first seen today) at ${String(hour).padStart(2, '0')}:00 local, an hour this identity is rarely active`],
      explanation,
      evidence: [event.id],
      groupWithinMs: DAY_MS,
    };
  }

  private evictIdle(): void {
    const u = this.entities.u;
    const lastDays = this.entities.keys.map((_, r) => u[r * RECORD_WORDS + U_LAST_DAY]!).sort((a, c) => a - c);
    const cutoff = lastDays[Math.floor(lastDays.length / 10)] ?? 0;
    const activeSet = new Set(this.active);
    this.entities.retain((b) => activeSet.has(b) || u[b + U_LAST_DAY]! > cutoff);
    // Slots moved: rebuild the active list from open days.
    this.active = [];
    for (let r = 0; r < this.entities.size; r++) if (this.entities.u[r * RECORD_WORDS + U_OPEN_DAY] !== 0) this.active.push(r * RECORD_WORDS);
  }

  snapshot(): ModelState {
    return {
      version: 1,
      day: this.day,
      entities: this.entities.snapshot(),
      groups: this.groups.map((g) => g.snapshot()),
      active: this.active.map((b) => this.entities.keys[b / RECORD_WORDS]!),
    };
  }

  restore(state: ModelState): void {
    if (state.version !== 1) throw new RangeError(`model state version ${String(state.version)}`);
    this.entities = EntityTable.restore(state.entities);
    this.groups = state.groups.map((g, i) => PeerGroup.restore(g, this.o.seed + i * 7919));
    this.groupIndex.clear();
    this.groups.forEach((g, i) => this.groupIndex.set(g.name, i));
    this.day = state.day;
    this.active = state.active.map((k) => this.entities.find(k)).filter((b): b is number => b !== undefined);
  }
}


function ewma(f: Float32Array, iMean: number, iVar: number, x: number, alpha: number, first: boolean): void {
  if (first) {
    f[iMean] = x;
    f[iVar] = 0;
    return;
  }
  const d = x - f[iMean]!;
  f[iMean] = f[iMean]! + alpha * d;
  f[iVar] = (1 - alpha) * (f[iVar]! + alpha * d * d);
}

/** Linear counting over a 256-bit map (Whang, Vander-Zanden & Taylor, ACM TODS 15(2), 1990). */
function distinctEstimate(u: Uint32Array, at: number): number {
  let zeros = 0;
  for (let w = 0; w < BITMAP_WORDS; w++) {
    let x = u[at + w]!;
    let ones = 0;
    while (x) {
      x &= x - 1;
      ones++;
    }
    zeros += 32 - ones;
  }
  const m = BITMAP_WORDS * 32;
  if (zeros === 0) return m * Math.log(m);
  return -m * Math.log(zeros / m);
}

function clipVector(z: Float64Array): Float32Array {
  const v = new Float32Array(F);
  for (let i = 0; i < F; i++) v[i] = Math.max(-4, Math.min(10, z[i]!));
  return v;
}

function topFeatures(z: Float64Array, k: number): number[] {
  return Array.from(z.keys())
    .sort((a, b) => z[b]! - z[a]!)
    .slice(0, k);
}

function channelOf(feat: Feature | undefined): string {
  switch (feat) {
    case 'downloads':
    case 'download_bytes':
    case 'distinct_objects':
      return 'download';
    case 'shares_out':
      return 'share_external';
    case 'deletes':
      return 'delete';
    case 'device_out':
      return 'removable_media';
    default:
      return 'other';
  }
}

/**
 * Measures model memory per tracked entity: heap and array buffers after a full
 * GC, before and after `n` entities each saw a few events (networks, destinations,
 * a day closed). Needs `node --expose-gc` for a clean reading; without it the
 * figure includes garbage and only errs high.
 */
export function measureEntityMemory(n = 20_000): { entities: number; bytesPerEntity: number; recordBytes: number; gcExposed: boolean } {
  const g = (globalThis as { gc?: () => void }).gc;
  const used = () => {
    g?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  const model = new BehaviourModel({ utcOffsetMinutes: 480, workHours: [8, 20] });
  const t0 = Date.UTC(2024, 0, 1, 2);
  for (let day = 0; day < 2; day++) {
    for (let i = 0; i < n; i++) {
      const user = `user${i}@corp.example`;
      for (let k = 0; k < 3; k++) {
        model.observe(
          {
            id: `m:${day}:${i}:${k}`,
            time: t0 + day * DAY_MS + k * 60_000,
            ingestTime: 0,
            source: 'jsonl',
            action: 'FileDownloaded',
            channel: k === 2 ? 'share_external' : 'download',
            actor: { user, ip: `10.${(i >> 8) & 255}.${i & 255}.${k + 1}` },
            object: { path: `f${k}` },
            outcome: 'success',
            raw: null,
          },
          k === 2 ? [`partner${i % 97}.example`] : [],
        );
      }
    }
  }
  const after = used();
  const bytesPerEntity = (after - before) / model.entityCount;
  return { entities: model.entityCount, bytesPerEntity: Math.round(bytesPerEntity), recordBytes: RECORD_BYTES, gcExposed: g !== undefined };
}
