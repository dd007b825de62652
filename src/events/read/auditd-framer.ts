// Groups auditd lines into events by their `audit(<time>:<serial>)` id. Records
// of one event are usually adjacent but may interleave with others; an event is
// complete at its EOE record, or once no line of it arrived for a while, so
// memory stays bounded however long the log.
import { splitAuditLine } from '../formats/auditd.js';

export interface AuditSink {
  event(lines: string[], line: number): void;
  bad(line: number, reason: string): void;
}

interface Group {
  lines: string[];
  first: number;
  last: number;
}

/** Lines after which an event with no new record is taken as complete. */
const QUIET_LINES = 64;
const MAX_OPEN = 256;

export class AuditdFramer {
  private readonly open = new Map<string, Group>();

  constructor(private readonly sink: AuditSink) {}

  line(text: string, line: number): void {
    const t = text.trim();
    if (t === '') return;
    const h = splitAuditLine(t);
    if (!h) {
      this.sink.bad(line, 'not an auditd record line (expected "type=... msg=audit(<time>:<serial>): ...")');
      return;
    }
    const key = `${h.node ?? ''}|${h.seconds}.${h.frac}:${h.serial}`;
    let g = this.open.get(key);
    if (h.type === 'EOE') {
      if (g) {
        this.open.delete(key);
        this.sink.event(g.lines, g.first);
      }
      return;
    }
    if (!g) {
      g = { lines: [], first: line, last: line };
      this.open.set(key, g);
    }
    g.lines.push(t);
    g.last = line;
    this.flushQuiet(line);
  }

  end(): void {
    for (const g of this.open.values()) this.sink.event(g.lines, g.first);
    this.open.clear();
  }

  private flushQuiet(now: number): void {
    for (const [key, g] of this.open) {
      if (now - g.last <= QUIET_LINES && this.open.size <= MAX_OPEN) break;
      this.open.delete(key);
      this.sink.event(g.lines, g.first);
    }
  }
}
