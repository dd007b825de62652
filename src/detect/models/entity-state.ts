// Compact per-entity state. Every entity (user, service account, IAM identity)
// owns one fixed-size record in a shared slab of 32-bit words, read through a
// Float32 and a Uint32 view: no per-entity objects, so an entity costs its record
// (912 bytes) plus its key in a Map. Snapshots copy the slab as bytes.

/** Features of an entity-day, in vector order. */
export const FEATURES = [
  'events',
  'downloads',
  'download_bytes',
  'distinct_objects',
  'shares_out',
  'deletes',
  'off_hours',
  'new_networks',
  'new_destinations',
  'failures',
  'device_out',
] as const;
export type Feature = (typeof FEATURES)[number];
export const F = FEATURES.length;
export const FEATURE_INDEX: Readonly<Record<Feature, number>> = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<Feature, number>;

/** Hourly baselines: events and downloads per active hour. */
export const HOURLY = 2;
/** Features tracked by CUSUM for slow, sustained rises. */
export const CUSUM_FEATURES: readonly Feature[] = ['downloads', 'download_bytes', 'shares_out'];

export const SET_SIZES = { networks: 48, destinations: 32, devices: 8, countries: 8 } as const;
export type FirstSeenSet = keyof typeof SET_SIZES;

// Float32 words
export const O_MEAN = 0;
export const O_VAR = O_MEAN + F;
export const O_HMEAN = O_VAR + F;
export const O_HVAR = O_HMEAN + HOURLY;
export const O_CUSUM = O_HVAR + HOURLY;
export const O_DAY = O_CUSUM + CUSUM_FEATURES.length;
export const O_HOUR = O_DAY + F;
export const O_HIST = O_HOUR + HOURLY;
const F32_END = O_HIST + 24;

// Uint32 words
export const U_OPEN_DAY = F32_END; // local day index + 1 of the open day; 0 when none
export const U_OPEN_HOUR = U_OPEN_DAY + 1; // hour index + 1 of the open hour
export const U_ACTIVE_DAYS = U_OPEN_HOUR + 1;
export const U_FIRST_DAY = U_ACTIVE_DAYS + 1;
export const U_LAST_DAY = U_FIRST_DAY + 1;
export const U_GROUP = U_LAST_DAY + 1;
export const U_FLAGS = U_GROUP + 1; // alerts already raised for the open day
export const U_CURSORS = U_FLAGS + 1; // one byte per first-seen set: next slot to overwrite
export const U_BITMAP = U_CURSORS + 1; // 256-bit linear-counting sketch of distinct objects today
export const BITMAP_WORDS = 8;
export const U_NOVEL_HOUR = U_BITMAP + BITMAP_WORDS; // events from networks first seen today, in the open hour
export const U_EVENTS = U_NOVEL_HOUR + 1; // lifetime events (saturating)

/** Word offsets of each first-seen set: fingerprints, then first-seen days packed two per word. */
export const SET_LAYOUT: Readonly<Record<FirstSeenSet, { fp: number; days: number; size: number; cursorByte: number }>> = (() => {
  let at = U_EVENTS + 1;
  const out = {} as Record<FirstSeenSet, { fp: number; days: number; size: number; cursorByte: number }>;
  (Object.keys(SET_SIZES) as FirstSeenSet[]).forEach((name, i) => {
    const size = SET_SIZES[name];
    out[name] = { fp: at, days: at + size, size, cursorByte: i };
    at += size + size / 2;
  });
  return out;
})();

/** Words per entity record. */
export const RECORD_WORDS = (() => {
  const last = SET_LAYOUT.countries;
  return last.days + last.size / 2;
})();
export const RECORD_BYTES = RECORD_WORDS * 4;

export const FLAG_NOVEL = 1 << 20;
export const FLAG_HOURLY = 1 << 21;

/** FNV-1a, 32 bits; never 0 (0 marks an empty slot). */
export function fingerprint(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

/** A growable slab of entity records with a key index. */
export class EntityTable {
  private buf: ArrayBuffer;
  f: Float32Array;
  u: Uint32Array;
  private readonly index = new Map<string, number>();
  readonly keys: string[] = [];

  constructor(initialCapacity = 256) {
    this.buf = new ArrayBuffer(initialCapacity * RECORD_BYTES);
    this.f = new Float32Array(this.buf);
    this.u = new Uint32Array(this.buf);
  }

  get size(): number {
    return this.keys.length;
  }

  get capacity(): number {
    return this.buf.byteLength / RECORD_BYTES;
  }

  /** Bytes held for entity records (the slab, including unused capacity). */
  get slabBytes(): number {
    return this.buf.byteLength;
  }

  find(key: string): number | undefined {
    return this.index.get(key);
  }

  /** The record's base word offset for `key`, creating a zeroed record when new. */
  slot(key: string): number {
    const hit = this.index.get(key);
    if (hit !== undefined) return hit;
    const n = this.keys.length;
    if (n >= this.capacity) this.grow(Math.max(256, Math.ceil(this.capacity * 1.5)));
    const base = n * RECORD_WORDS;
    this.index.set(key, base);
    this.keys.push(key);
    return base;
  }

  private grow(capacity: number): void {
    const next = new ArrayBuffer(capacity * RECORD_BYTES);
    new Uint8Array(next).set(new Uint8Array(this.buf));
    this.buf = next;
    this.f = new Float32Array(next);
    this.u = new Uint32Array(next);
  }

  /** Keeps only the entities `keep` says yes to (used to bound the table). */
  retain(keep: (base: number) => boolean): number {
    let w = 0;
    const keys = this.keys.slice();
    this.keys.length = 0;
    this.index.clear();
    for (let r = 0; r < keys.length; r++) {
      const base = r * RECORD_WORDS;
      if (!keep(base)) continue;
      if (w !== r) this.u.copyWithin(w * RECORD_WORDS, base, base + RECORD_WORDS);
      this.index.set(keys[r]!, w * RECORD_WORDS);
      this.keys.push(keys[r]!);
      w++;
    }
    this.u.fill(0, w * RECORD_WORDS);
    return keys.length - w;
  }

  // First-seen sets -----------------------------------------------------------

  /** True when `fp` is among the values the set remembers. */
  has(base: number, set: FirstSeenSet, fp: number): boolean {
    const { fp: off, size } = SET_LAYOUT[set];
    const u = this.u;
    for (let i = base + off, end = base + off + size; i < end; i++) if (u[i] === fp) return true;
    return false;
  }

  /** True when the set remembers anything at all. */
  nonEmpty(base: number, set: FirstSeenSet): boolean {
    const { fp: off, size } = SET_LAYOUT[set];
    for (let i = base + off, end = base + off + size; i < end; i++) if (this.u[i] !== 0) return true;
    return false;
  }

  /** The local day (index + 1) the value was first seen, or 0 when unknown. */
  firstSeenDay(base: number, set: FirstSeenSet, fp: number): number {
    const { fp: off, days, size } = SET_LAYOUT[set];
    for (let i = 0; i < size; i++) if (this.u[base + off + i] === fp) return this.dayAt(base + days, i);
    return 0;
  }

  /** Remembers `fp` (first seen on `day1` = day index + 1); the oldest entry makes room when full. */
  add(base: number, set: FirstSeenSet, fp: number, day1: number): void {
    const { fp: off, days, size, cursorByte } = SET_LAYOUT[set];
    const cursors = this.u[base + U_CURSORS]!;
    const cur = (cursors >>> (cursorByte * 8)) & 0xff;
    this.u[base + off + cur] = fp;
    this.setDayAt(base + days, cur, day1);
    const next = (cur + 1) % size;
    this.u[base + U_CURSORS] = ((cursors & ~(0xff << (cursorByte * 8))) | (next << (cursorByte * 8))) >>> 0;
  }

  private dayAt(wordBase: number, i: number): number {
    const w = this.u[wordBase + (i >> 1)]!;
    return i & 1 ? w >>> 16 : w & 0xffff;
  }

  private setDayAt(wordBase: number, i: number, day1: number): void {
    const at = wordBase + (i >> 1);
    const w = this.u[at]!;
    const d = Math.min(day1, 0xffff);
    this.u[at] = (i & 1 ? (w & 0xffff) | (d << 16) : (w & 0xffff0000) | d) >>> 0;
  }

  // Snapshot ------------------------------------------------------------------

  snapshot(): { keys: string[]; records: string } {
    const used = new Uint8Array(this.buf, 0, this.keys.length * RECORD_BYTES);
    return { keys: this.keys.slice(), records: Buffer.from(used).toString('base64') };
  }

  static restore(state: { keys: readonly string[]; records: string }): EntityTable {
    const bytes = Buffer.from(state.records, 'base64');
    if (bytes.length !== state.keys.length * RECORD_BYTES) throw new RangeError(`entity records are ${bytes.length} bytes, expected ${state.keys.length * RECORD_BYTES}`);
    const t = new EntityTable(Math.max(256, state.keys.length));
    new Uint8Array(t.buf).set(bytes);
    state.keys.forEach((k) => t.slot(k));
    return t;
  }
}
