// Helpers for parser tests: parse one fixture record and get its single event.
import { expect } from 'vitest';
import type { DataEvent, SourceFormat } from '../data-event.js';
import { parseRecord } from '../parse.js';

export const INGEST = Date.UTC(2026, 0, 15, 12, 0, 0);

export function one(format: SourceFormat | 'auto', record: unknown): DataEvent {
  const r = parseRecord(format, record, { ingestTime: INGEST });
  expect(r.error).toBeUndefined();
  expect(r.events).toHaveLength(1);
  return r.events[0]!;
}
