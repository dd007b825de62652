// Reading whole files: compression, encodings, documents, and the bad input the
// issue lists. Temp files are removed after each test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DataEvent } from './data-event.js';
import { readEvents, type DeadLetterEntry, type FileInfo, type ReadOptions } from './read-events.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lw-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function trail(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    eventID: `0000000${n}-aaaa-4bbb-8ccc-${String(n).padStart(12, '0')}`,
    eventTime: new Date(Date.UTC(2026, 0, 14, 0, 0, n)).toISOString().replace('.000', ''),
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.1',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' },
    requestParameters: { bucketName: 'b', key: `k/${n}` },
    recipientAccountId: '111122223333',
    ...extra,
  };
}

async function readAll(path: string, options: ReadOptions = {}): Promise<{ events: DataEvent[]; dead: DeadLetterEntry[]; records: number; info: FileInfo }> {
  const info: FileInfo = { bytesRead: 0, gzip: false };
  const events: DataEvent[] = [];
  const dead: DeadLetterEntry[] = [];
  let records = 0;
  for await (const b of readEvents({ path }, options, info)) {
    events.push(...b.events);
    dead.push(...b.deadLetters);
    records += b.records;
  }
  return { events, dead, records, info };
}

describe('reading files', () => {
  it('reads a gzip CloudTrail delivery file whatever its name, keeping each record text as raw', async () => {
    const doc = JSON.stringify({ Records: [trail(1), trail(2), trail(3)] });
    await writeFile(join(dir, 'delivery.log'), gzipSync(doc));
    const r = await readAll(join(dir, 'delivery.log'));
    expect(r.info).toMatchObject({ gzip: true, format: 'cloudtrail', framing: 'json', encoding: 'utf-8' });
    expect(r.events.map((e) => e.object?.path)).toEqual(['k/1', 'k/2', 'k/3']);
    expect((r.events[0] as DataEvent & { rawText?: string }).rawText).toBe(JSON.stringify(trail(1)));
  });

  it('reads a folder of JSON lines in batches no larger than asked', async () => {
    await writeFile(join(dir, 'a.jsonl'), Array.from({ length: 2500 }, (_, i) => JSON.stringify(trail(i))).join('\n'));
    const sizes: number[] = [];
    for await (const b of readEvents({ path: join(dir, 'a.jsonl') }, { batchSize: 1000 })) sizes.push(b.events.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2500);
    expect(Math.max(...sizes)).toBeLessThan(1000 + 2500);
  });

  it('skips CloudTrail digest files without dead letters', async () => {
    await writeFile(join(dir, 'digest.json'), JSON.stringify({ awsAccountId: '1', digestStartTime: '2026-01-14T00:00:00Z', digestEndTime: '2026-01-14T01:00:00Z', logFiles: [] }));
    const r = await readAll(join(dir, 'digest.json'));
    expect(r.info.skipped).toContain('digest');
    expect(r.dead).toEqual([]);
  });
});

describe('bad input', () => {
  it('keeps the records before the cut of a truncated gzip file and dead-letters the damage', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify(trail(i, { pad: `${i}`.repeat(50) }))).join('\n');
    const gz = gzipSync(lines);
    await writeFile(join(dir, 'cut.json.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
    const r = await readAll(join(dir, 'cut.json.gz'));
    expect(r.events.length).toBeGreaterThan(1000);
    expect(r.events.length).toBeLessThan(3000);
    expect(r.dead).toEqual([expect.objectContaining({ code: 'EVENTS_GZIP_CORRUPT', offset: expect.any(Number), reason: expect.stringContaining('damaged') })]);
  });

  it('dead-letters a JSON document that is not records: a Records object, a bare value', async () => {
    await writeFile(join(dir, 'obj.json'), JSON.stringify({ Records: trail(1) }));
    expect((await readAll(join(dir, 'obj.json'), { format: 'cloudtrail' })).dead).toEqual([expect.objectContaining({ code: 'EVENTS_JSON_NOT_RECORDS' })]);
    await writeFile(join(dir, 'num.json'), '[1, "two", null]');
    const r = await readAll(join(dir, 'num.json'), { format: 'cloudtrail' });
    expect(r.dead.map((d) => d.code)).toEqual(['EVENTS_RECORD_INVALID', 'EVENTS_RECORD_INVALID', 'EVENTS_RECORD_INVALID']);
    await writeFile(join(dir, 'bare.json'), '"just a string"');
    expect((await readAll(join(dir, 'bare.json'), { format: 'cloudtrail' })).dead.map((d) => d.code)).toEqual(['EVENTS_JSON_NOT_RECORDS']);
  });

  it('dead-letters invalid JSON lines with their line numbers and reads the rest', async () => {
    await writeFile(join(dir, 'mixed.jsonl'), [JSON.stringify(trail(1)), '{"eventName": "GetObject", oops}', JSON.stringify(trail(2)), '{}'].join('\n'));
    const r = await readAll(join(dir, 'mixed.jsonl'));
    expect(r.events).toHaveLength(2);
    expect(r.dead.map((d) => [d.code, d.line])).toEqual([
      ['EVENTS_PARSE_FAILED', 2],
      ['EVENTS_RECORD_INVALID', 4],
    ]);
    expect(r.records).toBe(4);
  });

  it('skips a 50 MB single record in bounded memory, with a clear error, and reads the next one', async () => {
    const path = join(dir, 'huge.jsonl');
    const fh = await open(path, 'w');
    await fh.write(`${JSON.stringify(trail(1))}\n{"eventName":"GetObject","pad":"`);
    const block = 'x'.repeat(1 << 20);
    for (let i = 0; i < 50; i++) await fh.write(block);
    await fh.write(`"}\n${JSON.stringify(trail(2))}\n`);
    await fh.close();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const r = await readAll(path, { maxRecordBytes: 8 << 20 });
    clearInterval(timer);
    expect(r.events.map((e) => e.object?.path)).toEqual(['k/1', 'k/2']);
    expect(r.dead).toEqual([expect.objectContaining({ code: 'EVENTS_RECORD_TOO_LARGE', line: 2, reason: expect.stringContaining('maxRecordBytes') })]);
    expect(peak - before).toBeLessThan(40 << 20);
  });

  it('skips a 50 MB element of a JSON array too, and takes it when the limit is raised', async () => {
    const path = join(dir, 'huge.json');
    const fh = await open(path, 'w');
    await fh.write(`{"Records":[${JSON.stringify(trail(1))},{"eventName":"GetObject","pad":"`);
    const block = 'y'.repeat(1 << 20);
    for (let i = 0; i < 50; i++) await fh.write(block);
    await fh.write(`","eventTime":"2026-01-14T00:00:00Z","eventSource":"s3.amazonaws.com","eventID":"big-record-0001"},${JSON.stringify(trail(2))}]}`);
    await fh.close();
    const small = await readAll(path);
    expect(small.events).toHaveLength(2);
    expect(small.dead.map((d) => d.code)).toEqual(['EVENTS_RECORD_TOO_LARGE']);
    const big = await readAll(path, { maxRecordBytes: 64 << 20 });
    expect(big.events.map((e) => e.id)).toContain('cloudtrail:big-record-0001');
  }, 60_000);

  it('reads UTF-16 (BOM) and GBK files, and refuses text in no supported encoding', async () => {
    const record = { CreationTime: '2026-01-14T09:00:00', Id: 'e1e2e3e4-0000-4000-8000-000000000001', Operation: 'FileDownloaded', Workload: 'OneDrive', UserId: 'zhangsan@example.com', ObjectId: 'https://x.sharepoint.com/客户名单.xlsx', SourceFileName: '客户名单.xlsx' };
    const text = `${JSON.stringify(record)}\n`;
    await writeFile(join(dir, 'u16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const u16 = await readAll(join(dir, 'u16.json'));
    expect(u16.info.encoding).toBe('utf-16le');
    expect(u16.events[0]?.attributes?.['file_name']).toBe('客户名单.xlsx');
    // The same record in GBK: "客户名单" is BF CD BB A7 C3 FB B5 A5.
    const gbkName = Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0xc3, 0xfb, 0xb5, 0xa5]);
    const gbk = Buffer.concat(text.split('客户名单').flatMap((p, i) => (i === 0 ? [Buffer.from(p)] : [gbkName, Buffer.from(p)])));
    await writeFile(join(dir, 'gbk.json'), gbk);
    const g = await readAll(join(dir, 'gbk.json'));
    expect(g.info.encoding).toBe('gb18030');
    expect(g.events[0]?.attributes?.['file_name']).toBe('客户名单.xlsx');
    await writeFile(join(dir, 'bad.json'), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xfd, 0xc0, 0x22, 0x7d, 0x0a]));
    expect((await readAll(join(dir, 'bad.json'))).dead).toEqual([expect.objectContaining({ code: 'EVENTS_ENCODING_INVALID', reason: expect.stringContaining('UTF-8') })]);
  });

  it('names a file it cannot read, and one in no known format', async () => {
    const r = await readAll(join(dir, 'missing.json'));
    expect(r.dead).toEqual([expect.objectContaining({ code: 'EVENTS_FILE_UNREADABLE' })]);
    await writeFile(join(dir, 'notes.txt'), 'dear diary, today nothing leaked\n');
    expect((await readAll(join(dir, 'notes.txt'))).dead).toEqual([expect.objectContaining({ code: 'EVENTS_FORMAT_UNKNOWN' })]);
    await writeFile(join(dir, 'empty.json'), '');
    expect(await readAll(join(dir, 'empty.json'))).toMatchObject({ events: [], dead: [], records: 0 });
  });
});
