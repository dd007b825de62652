import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress.js';

function fake() {
  let t = 1_000_000;
  const out: string[] = [];
  const bar = new ProgressBar({ write: (s: string) => out.push(s), columns: 100 }, () => t);
  return { bar, out, advance: (ms: number) => (t += ms) };
}

describe('ProgressBar', () => {
  it('stays silent for short scans', () => {
    const { bar, out, advance } = fake();
    advance(200);
    bar.update({ filesDone: 1, filesTotal: 2, bytesDone: 10, bytesTotal: 20 });
    bar.done();
    expect(out).toEqual([]);
  });

  it('draws share, files, bytes and rate on one line, then clears it', () => {
    const { bar, out, advance } = fake();
    advance(2000);
    bar.update({ filesDone: 3, filesTotal: 4, bytesDone: 30_000_000, bytesTotal: 40_000_000 });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\r\[#{18}\.{6}\] {2}75% {2}3\/4 files {2}28\.6 MiB {2}15\.0 MB\/s/);
    advance(50);
    bar.update({ filesDone: 4, filesTotal: 4, bytesDone: 40_000_000, bytesTotal: 40_000_000 });
    expect(out).toHaveLength(1);
    bar.done();
    expect(out.at(-1)).toBe('\r\x1b[K');
  });
});
