// Decides a log file's encoding from its first bytes and turns the stream into
// UTF-8: UTF-8 passes through untouched (minus a BOM); UTF-16 (with a BOM, or
// Latin text without one) and GB18030/GBK are transcoded chunk by chunk. Binary
// files and text valid in no supported encoding are refused with a reason.
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

export type EncodingDecision =
  | { readonly kind: 'utf-8'; readonly bom: boolean }
  | { readonly kind: 'transcode'; readonly encoding: 'utf-16le' | 'utf-16be' | 'gb18030'; readonly bom: number }
  | { readonly kind: 'binary'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Bytes of the sample the decision looks at. */
export const SAMPLE_BYTES = 64 * 1024;

/** Length of the longest prefix that does not end inside a UTF-8 sequence. */
function completeUtf8Prefix(b: Uint8Array): number {
  let i = b.length;
  for (let back = 0; back < 4 && i > 0; back++) {
    const c = b[i - 1]!;
    if (c < 0x80) return i;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return back + 1 >= need ? b.length : i - 1;
    }
    i--;
  }
  return b.length;
}

function utf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(sample.length, 8192) & ~1;
  if (n < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (sample[i] !== 0) continue;
    if (i & 1) odd++;
    else even++;
  }
  const units = n / 2;
  if (odd > units * 0.3 && even < units * 0.02) return 'utf-16le';
  if (even > units * 0.3 && odd < units * 0.02) return 'utf-16be';
  return undefined;
}

/**
 * Decides how to read the stream. `complete` says the sample is the whole input.
 * Order: a BOM; UTF-16 by its NUL pattern; NUL bytes mean binary (an .evtx is
 * named); valid UTF-8; GB18030 when the text decodes strictly and holds Chinese;
 * else invalid.
 */
export function decideEncoding(sample: Uint8Array, complete: boolean): EncodingDecision {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { kind: 'utf-8', bom: true };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { kind: 'transcode', encoding: 'utf-16le', bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { kind: 'transcode', encoding: 'utf-16be', bom: 2 };
  const u16 = utf16WithoutBom(sample);
  if (u16) return { kind: 'transcode', encoding: u16, bom: 0 };
  if (sample.length >= 8 && Buffer.from(sample.subarray(0, 8)).toString('latin1') === 'ElfFile\0') {
    return { kind: 'binary', reason: 'this is a binary .evtx file; export it as JSON first (e.g. evtx_dump -o jsonl, or Winlogbeat) and ingest that' };
  }
  const head = sample.subarray(0, Math.min(sample.length, 8192));
  if (head.includes(0)) return { kind: 'binary', reason: 'the file holds NUL bytes: it is binary, not a text log' };
  const whole = complete ? sample : sample.subarray(0, completeUtf8Prefix(sample));
  if (isUtf8(whole)) return { kind: 'utf-8', bom: false };
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(sample, { stream: !complete });
    if (/[\u4e00-\u9fff]/.test(text)) return { kind: 'transcode', encoding: 'gb18030', bom: 0 };
  } catch {
    // not GB18030 either
  }
  return { kind: 'invalid', reason: 'the text is not valid UTF-8, UTF-16 or GB18030 (convert it to UTF-8 first, e.g. with iconv)' };
}

/** Turns the input's chunks into UTF-8 chunks according to a decision. */
export class Utf8Stream {
  private readonly decoder: TextDecoder | undefined;
  private skip: number;

  constructor(decision: Extract<EncodingDecision, { kind: 'utf-8' | 'transcode' }>) {
    this.decoder = decision.kind === 'transcode' ? new TextDecoder(decision.encoding, { fatal: false }) : undefined;
    this.skip = decision.kind === 'utf-8' ? (decision.bom ? 3 : 0) : decision.bom;
  }

  push(chunk: Buffer): Buffer {
    let b = chunk;
    if (this.skip > 0) {
      const s = Math.min(this.skip, b.length);
      b = b.subarray(s);
      this.skip -= s;
    }
    if (!this.decoder) return b;
    return Buffer.from(this.decoder.decode(b, { stream: true }), 'utf8');
  }

  end(): Buffer {
    return this.decoder ? Buffer.from(this.decoder.decode(), 'utf8') : Buffer.alloc(0);
  }
}
