// Multi-literal search for the anchor prefilter: an Aho-Corasick automaton
// (Aho & Corasick, CACM 18(6), 1975) compiled to a dense DFA over UTF-16 code
// units, ASCII letters folded to lower case. One table lookup per character,
// whatever the number of anchors.

/** Code units that occur in no pattern share this column: it always leads back to the root. */
const OTHER = 0;

export class AhoCorasick {
  /** Pattern ids (1-based into `patterns`) reported at each state, chained through `outNext`. */
  private readonly outFirst: Int32Array;
  private readonly outNext: Int32Array;
  private readonly outPattern: Int32Array;
  private readonly table: Int32Array;
  private readonly width: number;
  /** Column of each UTF-16 code unit (ASCII upper case folded). */
  private readonly column: Uint16Array;

  constructor(readonly patterns: readonly string[]) {
    const column = new Uint16Array(65536);
    let width = 1;
    const keys = patterns.map((p) => fold(p));
    for (const k of keys) {
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (column[c] === OTHER) column[c] = width++;
      }
    }
    for (let c = 65; c <= 90; c++) column[c] = column[c + 32]!;
    // Trie.
    const goto: Array<Map<number, number>> = [new Map()];
    const outputs: number[][] = [[]];
    keys.forEach((k, id) => {
      if (k.length === 0) return;
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const col = column[k.charCodeAt(i)]!;
        let next = goto[s]!.get(col);
        if (next === undefined) {
          next = goto.push(new Map()) - 1;
          outputs.push([]);
          goto[s]!.set(col, next);
        }
        s = next;
      }
      outputs[s]!.push(id);
    });
    // Failure links, breadth first, folded into a full transition table.
    const n = goto.length;
    const table = new Int32Array(n * width);
    const fail = new Int32Array(n);
    const outLink = new Int32Array(n).fill(-1);
    const queue: number[] = [];
    for (const [col, next] of goto[0]!) {
      table[col] = next;
      queue.push(next);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      const f = fail[s]!;
      outLink[s] = outputs[f]!.length > 0 ? f : outLink[f]!;
      for (let col = 0; col < width; col++) {
        const next = goto[s]!.get(col);
        if (next !== undefined && col !== OTHER) {
          table[s * width + col] = next;
          fail[next] = table[f * width + col]!;
          queue.push(next);
        } else {
          table[s * width + col] = col === OTHER ? 0 : table[f * width + col]!;
        }
      }
    }
    // Flatten outputs (own, then along output links) into linked lists.
    const outFirst = new Int32Array(n).fill(-1);
    const outNext: number[] = [];
    const outPattern: number[] = [];
    for (let s = 0; s < n; s++) {
      for (let t = s; t >= 0; t = outLink[t]!) {
        for (const id of outputs[t]!) {
          outPattern.push(id);
          outNext.push(outFirst[s]!);
          outFirst[s] = outPattern.length - 1;
        }
      }
    }
    // Pre-multiply next states into table offsets and mark states with output by
    // the sign, so the search loop is one lookup and one comparison per character.
    for (let i = 0; i < table.length; i++) {
      const next = table[i]!;
      table[i] = outFirst[next]! >= 0 ? ~(next * width) : next * width;
    }
    this.table = table;
    this.width = width;
    this.column = column;
    this.outFirst = outFirst;
    this.outNext = Int32Array.from(outNext);
    this.outPattern = Int32Array.from(outPattern);
  }

  /** Calls `hit(patternId, start, end)` for every occurrence of every pattern, overlaps included. */
  search(text: string, hit: (pattern: number, start: number, end: number) => void): void {
    const { table, width, column, outFirst, outNext, outPattern, patterns } = this;
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = table[s + column[text.charCodeAt(i)]!]!;
      if (e >= 0) {
        s = e;
        continue;
      }
      s = ~e;
      for (let o = outFirst[s / width]!; o >= 0; o = outNext[o]!) {
        const id = outPattern[o]!;
        hit(id, i + 1 - patterns[id]!.length, i + 1);
      }
    }
  }
}

function fold(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
