// A one-line progress bar on stderr for long scans on a terminal: files, bytes,
// rate. Drawn at most ten times a second and only after the first half second.
import type { ScanProgress } from '../scan/index.js';
import { formatBytes } from '../scan/index.js';

/** Where the bar draws: a terminal stream, or anything with `write` and `columns` in tests. */
export interface BarStream {
  write(s: string): unknown;
  columns?: number;
}

export class ProgressBar {
  private readonly started: number;
  private last = 0;
  private drawn = false;

  constructor(
    private readonly stream: BarStream,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(p: ScanProgress): void {
    const now = this.now();
    if (now - this.started < 500 || now - this.last < 100) return;
    this.last = now;
    this.drawn = true;
    const share = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.filesDone / Math.max(p.filesTotal, 1);
    const width = 24;
    const full = Math.round(share * width);
    const rate = p.bytesDone / 1e6 / ((now - this.started) / 1000);
    const line = `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(share * 100).toFixed(0).padStart(3)}%  ${p.filesDone}/${p.filesTotal} files  ${formatBytes(p.bytesDone)}  ${rate.toFixed(1)} MB/s`;
    this.stream.write(`\r${line.slice(0, (this.stream.columns || 80) - 1)}\x1b[K`);
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
  }
}
