// The one place the evaluation meets the events capability's parsers
// (src/events/index.ts): one vendor record to DataEvents, and whole files.
import type { DataEvent } from '../../src/detect/index.js';
import { parseRecord, readEvents, type SourceFormat } from '../../src/events/index.js';

export interface EventsAdapter {
  /** One record (as a JSONL line holds it) of a known format to its DataEvents; throws with the parser's reason when rejected. */
  parseRecord(value: unknown, format: string, file: string): DataEvent[];
  /** Every event of a vendor file (format auto-detected), in file order. */
  readFile(path: string): Promise<DataEvent[]>;
}

/** The events capability's parsers, as the evaluation uses them. */
export async function loadEventsAdapter(): Promise<EventsAdapter> {
  return {
    parseRecord(value, format, file) {
      const r = parseRecord(format as SourceFormat, value, { file, ingestTime: 0 });
      if (r.error) throw new Error(`${r.error.code}: ${r.error.reason}`);
      return r.events;
    },
    async readFile(path) {
      const out: DataEvent[] = [];
      for await (const batch of readEvents({ path }, { format: 'auto' })) out.push(...batch.events);
      return out;
    },
  };
}
