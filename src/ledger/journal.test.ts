import { appendFile, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, encodeJournalRecord } from './journal.js';
import { rejectedCode as code } from '../../test/support/error-code.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lw-journal-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const e = (...s: string[]) => s.map((x) => Buffer.from(x));

async function segments(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('the journal', () => {
  it('gives back every durable entry from the checkpoint size on', async () => {
    const { journal } = await Journal.open(dir, 0);
    await journal.append(0, e('a', 'b'));
    await journal.append(2, e('c'));
    await journal.close();
    const { recovery, journal: again } = await Journal.open(dir, 1);
    expect(recovery).toEqual({ entries: e('b', 'c'), end: 3, tornBytes: 0 });
    await again.close();
  });

  it('cuts off a torn last batch and reports how many bytes it cut', async () => {
    const { journal } = await Journal.open(dir, 0);
    await journal.append(0, e('a', 'b'));
    await journal.close();
    const [seg] = await segments();
    const torn = encodeJournalRecord(2, e('never acknowledged'));
    await appendFile(join(dir, seg!), torn.subarray(0, torn.length - 5));
    const { recovery, journal: again } = await Journal.open(dir, 0);
    expect(recovery.entries).toEqual(e('a', 'b'));
    expect(recovery.tornBytes).toBe(torn.length - 5);
    expect(recovery.tornSegment).toBe(seg);
    await again.append(2, e('c'));
    await again.close();
    expect((await Journal.open(dir, 0)).recovery).toMatchObject({ entries: e('a', 'b', 'c'), tornBytes: 0 });
  });

  it('treats zeros after the last batch (a power cut after the size grew) as a torn tail', async () => {
    const { journal } = await Journal.open(dir, 0);
    await journal.append(0, e('a'));
    await journal.close();
    const [seg] = await segments();
    await appendFile(join(dir, seg!), Buffer.alloc(4096));
    const { recovery } = await Journal.open(dir, 0);
    expect(recovery).toMatchObject({ entries: e('a'), tornBytes: 4096 });
  });

  it('refuses to open when a batch before the tail is damaged, rather than drop acknowledged entries', async () => {
    const { journal } = await Journal.open(dir, 0);
    await journal.append(0, e('first'));
    await journal.append(1, e('second'));
    await journal.close();
    const [seg] = await segments();
    const bytes = await readFile(join(dir, seg!));
    bytes[24] = bytes[24]! ^ 0xff; // inside the first batch's payload
    await writeFile(join(dir, seg!), bytes);
    expect(await code(Journal.open(dir, 0))).toBe('LEDGER_JOURNAL_CORRUPT');
  });

  it('refuses a journal with a gap after the checkpoint', async () => {
    await writeFile(join(dir, `${'5'.padStart(16, '0')}.wal`), encodeJournalRecord(5, e('x')));
    expect(await code(Journal.open(dir, 3))).toBe('LEDGER_JOURNAL_CORRUPT');
  });

  it('refuses a batch whose index does not follow the one before', async () => {
    await writeFile(join(dir, `${'0'.padStart(16, '0')}.wal`), Buffer.concat([encodeJournalRecord(0, e('a')), encodeJournalRecord(2, e('c'))]));
    expect(await code(Journal.open(dir, 0))).toBe('LEDGER_JOURNAL_CORRUPT');
  });

  it('starts a segment per rotation and deletes segments once a checkpoint covers them', async () => {
    const { journal } = await Journal.open(dir, 0);
    await journal.append(0, e('a', 'b'));
    await journal.rotate(2);
    await journal.append(2, e('c'));
    await journal.rotate(3);
    expect(await segments()).toHaveLength(3);
    await journal.dropBefore(2);
    expect(await segments()).toEqual(['0000000000000002.wal', '0000000000000003.wal']);
    await journal.close();
    const { recovery } = await Journal.open(dir, 2);
    expect(recovery.entries).toEqual(e('c'));
  });

  it('ignores a shortened segment that only held integrated entries', async () => {
    const { journal } = await Journal.open(dir, 0);
    await journal.append(0, e('a', 'b'));
    await journal.close();
    const [seg] = await segments();
    await truncate(join(dir, seg!), 10);
    expect((await Journal.open(dir, 2)).recovery).toMatchObject({ entries: [], end: 2 });
  });
});
