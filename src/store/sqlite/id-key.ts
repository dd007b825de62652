// The dedupe key of an event: its time and a 53-bit hash of its id, which
// SQLite indexes as UNIQUE(time, id_key). Led by time, the index grows at its
// end as logs arrive in time order; an index on the (random) id alone would be
// rewritten nearly whole by every batch once it outgrows the page cache, which is
// what slowed ingest by 3x at a million events. A re-delivered event has the same
// time, so deduplication is unchanged. Distinct ids that collide at one time are
// resolved by probing: the k-th candidate key of an id is its hash with seed k.

/** How many candidate keys a lookup tries; a longer chain is practically impossible. */
export const PROBES = 4;

/**
 * cyrb53 by bryc (public domain): a fast 53-bit string hash with good avalanche,
 * returned as a non-negative safe integer.
 */
export function idKey(id: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The candidate keys of an id, in probe order. */
export function idKeys(id: string): number[] {
  const keys: number[] = [];
  for (let k = 0; k < PROBES; k++) keys.push(idKey(id, k));
  return keys;
}
