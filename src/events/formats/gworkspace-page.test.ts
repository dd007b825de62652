// Reports API activities.list pages read as Google returns them: the reader
// recognises the page by content and streams its items[] as records.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseText } from '../parse.js';
import { INGEST } from './test-support.js';

/** A page of 3 activities (Drive download; link sharing turned on; a login) in the API's own shape. */
const PAGE_TEXT = readFileSync(new URL('./fixtures/gworkspace-activities-page.json', import.meta.url), 'utf8');
const PAGE = JSON.parse(PAGE_TEXT) as { kind: string; etag: string; items: Array<Record<string, unknown>>; nextPageToken: string };
const compact = (page: unknown) => JSON.stringify(page);

describe('Reports API activities.list pages', () => {
  it('are recognised by content, pretty-printed or on one line, with one event per events[] entry', async () => {
    for (const text of [PAGE_TEXT, compact(PAGE)]) {
      const r = await parseText(text, { ingestTime: INGEST });
      expect(r.info).toMatchObject({ format: 'gworkspace', framing: 'json' });
      expect(r.deadLetters).toEqual([]);
      expect(r.records).toBe(3);
      expect(r.events.map((e) => [e.action, e.channel])).toEqual([
        ['download', 'download'],
        ['change_document_visibility', 'share_link'],
        ['change_user_access', 'share_external'],
        ['login_success', 'login'],
      ]);
      expect(r.events[0]).toMatchObject({ source: 'gworkspace', tenant: 'C03az79cb', actor: { user: 'zhang.san@example.com', ip: '203.0.113.77' }, object: { id: '1AbCdEfGhIjKlMnOpQrStUvWxYz', path: '客户名单 2026.xlsx' } });
      expect(r.events[1]).toMatchObject({ destination: { account: 'anyone' }, attributes: { link_scope: 'anyone', visibility: 'people_with_link' } });
      expect(r.events[3]).toMatchObject({ outcome: 'success', time: Date.parse('2026-01-14T08:25:03.789Z') });
      // Each event keeps its own activity as raw, never the page.
      expect(r.events.map((e) => (e.raw as { kind: string }).kind)).toEqual(Array(4).fill('admin#reports#activity'));
      expect(new Set(r.events.map((e) => e.id)).size).toBe(4);
    }
  });

  it('are read the same with --format gworkspace and with sorted keys (etag, items, kind, …)', async () => {
    expect((await parseText(compact(PAGE), { format: 'gworkspace', ingestTime: INGEST })).events).toHaveLength(4);
    const sorted = { etag: PAGE.etag, items: PAGE.items, kind: PAGE.kind, nextPageToken: PAGE.nextPageToken };
    const r = await parseText(compact(sorted), { ingestTime: INGEST });
    expect(r.info).toMatchObject({ format: 'gworkspace', framing: 'json' });
    expect(r.events).toHaveLength(4);
  });

  it('dead-letter a malformed item with its line and byte offset, and store the others', async () => {
    const bad = '{"kind": "admin#reports#activity", "id": {"time": 2026-01-14, "applicationName": "drive"}}';
    const noName = '{"kind": "admin#reports#activity", "id": {"applicationName": "drive"}, "events": [{"type": "access"}]}';
    const items = PAGE.items.map((i) => JSON.stringify(i));
    const text = `{"kind": "admin#reports#activities", "etag": "x",\n "items": [\n${items[0]},\n${bad},\n${items[1]},\n${noName},\n${items[2]}\n], "nextPageToken": "p"}\n`;
    const r = await parseText(text, { ingestTime: INGEST, file: 'page.json' });
    expect(r.events.map((e) => e.action)).toEqual(['download', 'change_document_visibility', 'change_user_access', 'login_success']);
    expect(r.records).toBe(5);
    expect(r.deadLetters).toEqual([
      { file: 'page.json', line: 4, offset: Buffer.byteLength(text.slice(0, text.indexOf(bad))), code: 'EVENTS_PARSE_FAILED', reason: expect.stringContaining('invalid JSON'), source: 'gworkspace' },
      { file: 'page.json', line: 6, offset: Buffer.byteLength(text.slice(0, text.indexOf(noName))), code: 'EVENTS_RECORD_INVALID', reason: expect.stringContaining('no name'), source: 'gworkspace' },
    ]);
  });

  it('read a JSONL file of two pages, and a JSON array of pages, page after page', async () => {
    const page2 = { ...PAGE, items: PAGE.items.slice(0, 2).map((i): Record<string, unknown> => ({ ...i, id: { ...(i['id'] as object), uniqueQualifier: `${(i['id'] as { uniqueQualifier: string }).uniqueQualifier}9` } })) };
    page2.items.splice(1, 0, { kind: 'admin#reports#activity', id: { applicationName: 'drive' }, events: [] });
    const jsonl = `${compact(PAGE)}\n${compact(page2)}\n`;
    const r = await parseText(jsonl, { ingestTime: INGEST, file: 'pages.jsonl' });
    expect(r.info).toMatchObject({ format: 'gworkspace', framing: 'json' });
    expect(r.events).toHaveLength(4 + 3);
    expect(r.records).toBe(6);
    const line2 = Buffer.byteLength(compact(PAGE)) + 1;
    expect(r.deadLetters).toEqual([expect.objectContaining({ line: 2, offset: line2 + Buffer.byteLength(compact(page2).slice(0, compact(page2).indexOf('{"kind":"admin#reports#activity","id":{"applicationName"'))), code: 'EVENTS_RECORD_INVALID' })]);

    const arrayText = `[\n${PAGE_TEXT},\n${compact(page2)}\n]`;
    const array = await parseText(arrayText, { ingestTime: INGEST });
    expect(array.info).toMatchObject({ format: 'gworkspace', framing: 'json' });
    expect(array.events.map((e) => e.action)).toEqual(r.events.map((e) => e.action));
    const badAt = arrayText.indexOf('{"kind":"admin#reports#activity","id":{"applicationName"');
    expect(array.deadLetters).toEqual([expect.objectContaining({ line: arrayText.slice(0, badAt).split('\n').length, offset: Buffer.byteLength(arrayText.slice(0, badAt)), code: 'EVENTS_RECORD_INVALID' })]);
  });

  it('stream items one by one: a one-line page far larger than the sniffing sample and maxRecordBytes is read whole', async () => {
    const items = Array.from({ length: 600 }, (_, n) => ({ ...PAGE.items[0], id: { ...(PAGE.items[0]!['id'] as object), uniqueQualifier: String(n) } }));
    const text = compact({ ...PAGE, items });
    expect(text.length).toBeGreaterThan(400_000);
    const r = await parseText(text, { ingestTime: INGEST, maxRecordBytes: 4096 });
    expect(r.deadLetters).toEqual([]);
    expect(r.events).toHaveLength(600);
  });

  it('read an empty page (no items, as Google returns when nothing matched) as no events and no dead letters', async () => {
    const r = await parseText('{"kind":"admin#reports#activities","etag":"\\"e\\""}\n', { ingestTime: INGEST });
    expect(r.info).toMatchObject({ format: 'gworkspace' });
    expect(r.events).toEqual([]);
    expect(r.deadLetters).toEqual([]);
  });

  const RAW = resolve(import.meta.dirname, '../../../../shared/datasets/logs/google-workspace/panther-reports-api-rule-tests.jsonl');
  it.skipIf(!existsSync(RAW))('give the same events for the real raw-shape samples as a page as one per line', async () => {
    const jsonl = readFileSync(RAW, 'utf8');
    const items = jsonl.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
    const lines = await parseText(jsonl, { ingestTime: INGEST });
    const page = await parseText(JSON.stringify({ kind: 'admin#reports#activities', etag: '"e"', items, nextPageToken: 't' }, null, 2), { ingestTime: INGEST });
    expect(page.info).toMatchObject({ format: 'gworkspace', framing: 'json' });
    expect(page.records).toBe(items.length);
    expect(page.deadLetters.map((d) => d.code)).toEqual(lines.deadLetters.map((d) => d.code));
    expect(page.events.map((e) => [e.id, e.channel])).toEqual(lines.events.map((e) => [e.id, e.channel]));
  });
});
