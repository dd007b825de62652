import { appendFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeRecord } from './record.js';
import { Journal, encodeJournalRecord } from './journal.js';
import { openLedger, type Ledger } from './ledger.js';
import { JOURNAL_DIR, initLedger } from './ledger-files.js';
import { parseVerifierKey } from './note-keys.js';
import { verifyConsistency, verifyInclusion } from './proof-verify.js';
import { leafHash } from './rfc6962.js';
import { TEST_LEAVES, TEST_ROOTS, refMth } from './rfc6962-reference.case.js';
import { openNote } from './signed-note.js';
import { rejectedCode as code } from '../../test/support/error-code.js';

let dir: string;
const open: Ledger[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lw-ledger-'));
});
afterEach(async () => {
  for (const l of open.splice(0)) await l.close().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

async function ledger(options = {}): Promise<Ledger> {
  const l = await openLedger(dir, options);
  open.push(l);
  return l;
}

const rec = (i: number) => ({ kind: 'evidence.viewed', at: '2026-01-31T09:30:00Z', actor: `user:${i % 3}`, subject: `alert:${i}`, data: { i } });

describe('a new ledger', () => {
  it('has a signing key only its owner can read and a signed checkpoint of the empty tree', async () => {
    const config = await initLedger(dir, { origin: 'example.org/audit' });
    expect((await stat(join(dir, 'private/signing.key'))).mode & 0o777).toBe(0o600);
    const note = await readFile(join(dir, 'checkpoint'), 'utf8');
    expect(openNote(note, [parseVerifierKey(config.vkey)]).text).toBe(`example.org/audit\n0\n${Buffer.from(TEST_ROOTS[0]!, 'hex').toString('base64')}\n`);
  });

  it('is not created twice in one directory', async () => {
    await initLedger(dir, { origin: 'a' });
    expect(await code(initLedger(dir, { origin: 'b' }))).toBe('LEDGER_EXISTS');
  });

  it('cannot be opened where there is none', async () => {
    expect(await code(openLedger(join(dir, 'nothing')))).toBe('LEDGER_NOT_FOUND');
  });
});

describe('appending', () => {
  beforeEach(() => initLedger(dir, { origin: 'example.org/audit' }).then(() => undefined));

  it('gives the RFC 6962 tree of the test leaves, and proofs that verify against its checkpoint', async () => {
    const l = await ledger();
    const results = await Promise.all(TEST_LEAVES.map((d) => l.appendLeaf(d)));
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((r) => r.leafHash)).toEqual(TEST_LEAVES.map(leafHash));
    const { checkpoint } = await l.integrated(7);
    expect(checkpoint.size).toBe(8);
    expect(checkpoint.rootHash.toString('hex')).toBe(TEST_ROOTS[8]);
    verifyInclusion(5, 8, leafHash(TEST_LEAVES[5]!), await l.inclusionProof(5), checkpoint.rootHash);
    verifyConsistency(3, 8, Buffer.from(TEST_ROOTS[3]!, 'hex'), checkpoint.rootHash, await l.consistencyProof(3));
  });

  it('stores records as canonical JSON and returns them by index', async () => {
    const l = await ledger();
    const { index } = await l.append({ subject: 's', actor: 'a', kind: 'k', at: '2026-01-01T00:00:00Z', data: { b: 2, a: 1 } });
    await l.integrated(index);
    expect((await l.entry(index)).toString()).toBe('{"actor":"a","at":"2026-01-01T00:00:00Z","data":{"a":1,"b":2},"kind":"k","subject":"s"}');
  });

  it('commits appends made together as one journal batch (group commit)', async () => {
    const l = await ledger();
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => l.append(rec(i))));
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    const journal = join(dir, JOURNAL_DIR);
    const data = Buffer.concat(await Promise.all((await readdir(journal)).map((f) => readFile(join(journal, f)))));
    expect(data.readUInt32BE(4)).toBe(500); // the first batch record holds all 500
    expect(data.length).toBe(20 + data.readUInt32BE(16) + 32); // and nothing else
  });

  it('acknowledges an append only once it is durable, and integrated() once a signed checkpoint covers it', async () => {
    const l = await ledger({ checkpointIntervalMs: 60_000 });
    const { index } = await l.append(rec(0));
    expect(l.size).toBe(1);
    expect(l.integratedSize).toBe(0);
    const { note, checkpoint } = await l.integrated(index);
    expect(checkpoint.size).toBe(1);
    expect(await readFile(join(dir, 'checkpoint'), 'utf8')).toBe(note);
  });

  it('signs a checkpoint on its own after the interval', async () => {
    const l = await ledger({ checkpointIntervalMs: 20 });
    await l.append(rec(0));
    await new Promise((r) => setTimeout(r, 200));
    expect(l.integratedSize).toBe(1);
  });

  it('keeps appending across tiles and reopening, with every proof valid', async () => {
    let l = await ledger({ integrateEvery: 100 });
    for (let b = 0; b < 6; b++) await Promise.all(Array.from({ length: 111 }, (_, i) => l.append(rec(b * 111 + i))));
    await l.close();
    l = await ledger();
    expect(l.size).toBe(666);
    await Promise.all(Array.from({ length: 34 }, (_, i) => l.append(rec(666 + i))));
    const { checkpoint } = await l.integrated(699);
    const all = await l.reader.entries(0, 700, 700);
    expect(checkpoint.rootHash).toEqual(refMth(all));
    expect(decodeRecord(all[300]!).subject).toBe('alert:300');
    for (const i of [0, 255, 256, 699]) verifyInclusion(i, 700, leafHash(all[i]!), await l.inclusionProof(i), checkpoint.rootHash);
    verifyConsistency(666, 700, refMth(all.slice(0, 666)), checkpoint.rootHash, await l.consistencyProof(666));
  });

  it('refuses bad records and oversized leaves with typed errors, appending nothing', async () => {
    const l = await ledger();
    expect(await code(l.append({ kind: 'k', actor: 'a' } as never))).toBe('LEDGER_RECORD_INVALID');
    expect(await code(l.appendLeaf(Buffer.alloc(70000)))).toBe('LEDGER_ENTRY_TOO_LARGE');
    expect(await code(l.integrated(0))).toBe('LEDGER_RANGE_INVALID');
    expect(l.size).toBe(0);
  });

  it('has one writer: a second open is LEDGER_LOCKED, and a closed ledger refuses appends', async () => {
    const l = await ledger();
    expect(await code(openLedger(dir))).toBe('LEDGER_LOCKED');
    await l.close();
    expect(await code(l.append(rec(0)))).toBe('LEDGER_CLOSED');
    await (await ledger()).close();
  });

  it('takes over a lock left by a process that died', async () => {
    await writeFile(join(dir, 'private/lock'), '999999999\n');
    const l = await ledger();
    expect(l.size).toBe(0);
  });
});

describe('recovering on open', () => {
  beforeEach(() => initLedger(dir, { origin: 'example.org/audit' }).then(() => undefined));

  it('integrates journal entries that never reached a checkpoint', async () => {
    const { journal } = await Journal.open(join(dir, JOURNAL_DIR), 0);
    await journal.append(0, TEST_LEAVES.slice(0, 5));
    await journal.close();
    const l = await ledger();
    expect(l.recovery).toEqual({ replayed: 5, tornBytes: 0 });
    expect(l.recovery.warning).toBeUndefined();
    expect(l.integratedSize).toBe(5);
    expect(l.checkpoint.checkpoint.rootHash.toString('hex')).toBe(TEST_ROOTS[5]);
  });

  it('cuts off and reports a torn tail, keeping every acknowledged entry', async () => {
    let l = await ledger();
    await Promise.all([0, 1, 2].map((i) => l.append(rec(i))));
    await l.close();
    const journal = join(dir, JOURNAL_DIR);
    const [last] = (await readdir(journal)).sort().reverse();
    await appendFile(join(journal, last!), encodeJournalRecord(3, [Buffer.from('torn')]).subarray(0, 30));
    expect(await code(openLedger(dir, { repairTornTail: false }))).toBe('LEDGER_JOURNAL_TORN');
    l = await ledger();
    expect(l.recovery.tornBytes).toBe(30);
    expect(l.recovery.warning?.code).toBe('LEDGER_JOURNAL_TORN');
    expect(l.size).toBe(3);
  });

  it('refuses a checkpoint that was tampered with', async () => {
    const note = await readFile(join(dir, 'checkpoint'), 'utf8');
    await writeFile(join(dir, 'checkpoint'), note.replace('\n0\n', '\n1\n'));
    expect(await code(openLedger(dir))).toBe('LEDGER_SIGNATURE_INVALID');
  });

  it('refuses to extend tiles whose right edge does not match the checkpoint', async () => {
    const l = await ledger();
    await Promise.all([0, 1, 2].map((i) => l.append(rec(i))));
    await l.close();
    const tile = await readFile(join(dir, 'tile/0/000.p/3'));
    tile[40] = tile[40]! ^ 1;
    await writeFile(join(dir, 'tile/0/000.p/3'), tile);
    expect(await code(openLedger(dir))).toBe('LEDGER_ENTRY_MISMATCH');
  });
});
