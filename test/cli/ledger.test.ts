import { readFileSync } from 'node:fs';
import { appendFile, cp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVerifierKey, openNote, verifyConsistency, verifyInclusion } from '../../src/ledger/index.js';
import { ROOT, runCli, withTempDir } from '../support/cli.js';

// The eight RFC 6962 test leaves and the root of their tree (our own vector).
const LEAVES_HEX = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOT_8 = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328';

const rec = (i: number) => JSON.stringify({ kind: 'login', at: '2026-01-31T09:30:00Z', actor: `user${i}`, subject: 'crm', data: { i } });

async function initLog(dir: string, origin = 'example.org/audit'): Promise<string> {
  const r = await runCli(['ledger', 'init', '--dir', join(dir, 'log'), '--origin', origin]);
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

const lines = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('leakwatch ledger init and append', () => {
  it('creates a log with a private key and prints its verifier key; a second init is refused', async () => {
    await withTempDir(async (dir) => {
      const vkey = await initLog(dir);
      expect(parseVerifierKey(vkey).name).toBe('example.org/audit');
      expect((await stat(join(dir, 'log/private/signing.key'))).mode & 0o777).toBe(0o600);
      const again = await runCli(['ledger', 'init', '--dir', join(dir, 'log')]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('LEDGER_EXISTS');
    });
  });

  it('appends raw hex leaves (an empty line is the empty leaf) into the RFC 6962 tree', async () => {
    await withTempDir(async (dir) => {
      const vkey = await initLog(dir);
      const r = await runCli(['ledger', 'append', '--dir', join(dir, 'log'), '--hex'], { stdin: `${LEAVES_HEX.join('\n')}\n` });
      expect(r.code).toBe(0);
      expect(lines(r.stdout).map((l) => l['index'])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      const cp = await runCli(['ledger', 'checkpoint', '--dir', join(dir, 'log')]);
      expect(cp.stdout).toBe(await readFile(join(dir, 'log/checkpoint'), 'utf8'));
      expect(openNote(cp.stdout, [parseVerifierKey(vkey)]).text).toBe(`example.org/audit\n8\n${Buffer.from(ROOT_8, 'hex').toString('base64')}\n`);
    });
  });

  it('appends JSON records, reports a bad line by number and keeps the good ones', async () => {
    await withTempDir(async (dir) => {
      await initLog(dir);
      const r = await runCli(['ledger', 'append', '--dir', join(dir, 'log')], { stdin: `${rec(0)}\n{"kind":"x"}\nnot json\n\n${rec(1)}\n` });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('line 2: LEDGER_RECORD_INVALID');
      expect(r.stderr).toContain('line 3:');
      expect(lines(r.stdout).map((l) => l['index'])).toEqual([0, 1]);
      const proof = lines((await runCli(['ledger', 'prove', '--dir', join(dir, 'log'), '--index', '1'])).stdout)[0]!;
      expect(proof['treeSize']).toBe(2);
    });
  });

  it('reports a torn journal tail it cut off on open as LEDGER_JOURNAL_TORN, and keeps going', async () => {
    await withTempDir(async (dir) => {
      await initLog(dir);
      await runCli(['ledger', 'append', '--dir', join(dir, 'log')], { stdin: `${rec(0)}\n` });
      const journal = join(dir, 'log/private/journal');
      const [segment] = (await readdir(journal)).sort().reverse();
      await appendFile(join(journal, segment!), Buffer.from('LWJ1 torn batch'));
      const r = await runCli(['ledger', 'append', '--dir', join(dir, 'log')], { stdin: `${rec(1)}\n` });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('LEDGER_JOURNAL_TORN');
      expect(lines(r.stdout)).toEqual([expect.objectContaining({ index: 1 })]);
    });
  });

  it('uses <data>/ledger without --dir, from --data or LEAKWATCH_DATA', async () => {
    await withTempDir(async (dir) => {
      expect((await runCli(['ledger', 'init', '--origin', 'a'], { env: { LEAKWATCH_DATA: join(dir, 'd1') } })).code).toBe(0);
      expect((await stat(join(dir, 'd1/ledger/checkpoint'))).isFile()).toBe(true);
      const r = await runCli(['ledger', 'append', '--data', join(dir, 'd1')], { stdin: `${rec(0)}\n` });
      expect(lines(r.stdout)).toHaveLength(1);
      const missing = await runCli(['ledger', 'append', '--data', join(dir, 'nothing')], { stdin: `${rec(0)}\n` });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('LEDGER_NOT_FOUND');
    });
  });
});

describe('leakwatch ledger prove, consistency and verify', () => {
  it('prints proofs that verify against the signed checkpoint', async () => {
    await withTempDir(async (dir) => {
      const vkey = parseVerifierKey(await initLog(dir));
      await runCli(['ledger', 'append', '--dir', join(dir, 'log')], { stdin: Array.from({ length: 300 }, (_, i) => rec(i)).join('\n') });
      const p = lines((await runCli(['ledger', 'prove', '--dir', join(dir, 'log'), '--index', '257'])).stdout)[0]!;
      const head = openNote(p['checkpoint'] as string, [vkey]).text.split('\n');
      expect(Buffer.from(head[2]!, 'base64').toString('hex')).toBe(p['rootHash']);
      const hex = (h: unknown) => Buffer.from(h as string, 'hex');
      verifyInclusion(257, 300, hex(p['leafHash']), (p['proof'] as string[]).map(hex), hex(p['rootHash']));
      const c = lines((await runCli(['ledger', 'consistency', '--dir', join(dir, 'log'), '--from', '100'])).stdout)[0]!;
      verifyConsistency(100, 300, hex(c['root1']), hex(c['root2']), (c['proof'] as string[]).map(hex));
      expect(c['root2']).toBe(p['rootHash']);
    });
  });

  it('refuses bad proof arguments with exit 2 and a typed error', async () => {
    await withTempDir(async (dir) => {
      await initLog(dir);
      const beyond = await runCli(['ledger', 'prove', '--dir', join(dir, 'log'), '--index', '5']);
      expect(beyond.code).toBe(2);
      expect(beyond.stderr).toContain('LEDGER_RANGE_INVALID');
      expect((await runCli(['ledger', 'consistency', '--dir', join(dir, 'log'), '--from', 'x'])).code).toBe(2);
    });
  });

  it('verifies an intact log (exit 0) and names a tampered tile (exit 1)', async () => {
    await withTempDir(async (dir) => {
      const vkey = await initLog(dir);
      await runCli(['ledger', 'append', '--dir', join(dir, 'log')], { stdin: Array.from({ length: 260 }, (_, i) => rec(i)).join('\n') });
      const ok = await runCli(['ledger', 'verify', '--dir', join(dir, 'log'), '--vkey', vkey]);
      expect(ok.code).toBe(0);
      expect(lines(ok.stdout)[0]).toMatchObject({ ok: true, size: 260 });
      const tile = join(dir, 'log/tile/0/000');
      const bytes = await readFile(tile);
      bytes[100] = bytes[100]! ^ 0x10;
      await writeFile(tile, bytes);
      const bad = await runCli(['ledger', 'verify', '--dir', join(dir, 'log'), '--vkey', vkey]);
      expect(bad.code).toBe(1);
      expect(lines(bad.stdout)[0]).toMatchObject({ ok: false, code: 'LEDGER_TILE_CORRUPT', path: 'tile/0/000' });
      expect(bad.stderr).toContain('tile/0/000');
    });
  });

  it('fails verification under another key and for a truncated log', async () => {
    await withTempDir(async (dir) => {
      await initLog(dir);
      const other = await initLog(join(dir, 'other'));
      await runCli(['ledger', 'append', '--dir', join(dir, 'log')], { stdin: `${rec(0)}\n${rec(1)}\n` });
      const wrongKey = await runCli(['ledger', 'verify', '--dir', join(dir, 'log'), '--vkey', other]);
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.stderr).toContain('LEDGER_NOTE_UNVERIFIED');
      await writeFile(join(dir, 'log/tile/entries/000.p/2'), (await readFile(join(dir, 'log/tile/entries/000.p/2'))).subarray(0, 20));
      const truncated = await runCli(['ledger', 'verify', '--dir', join(dir, 'log')]);
      expect(truncated.code).toBe(1);
      expect(truncated.stderr).toContain('tile/entries/000.p/2');
    });
  });
});

describe('leakwatch ledger witness', () => {
  it('cosigns a checkpoint, and refuses a rollback with exit 1 showing both checkpoints', async () => {
    await withTempDir(async (dir) => {
      const vkey = await initLog(dir);
      const log = join(dir, 'log');
      await runCli(['ledger', 'append', '--dir', log], { stdin: `${rec(0)}\n` });
      await cp(log, join(dir, 'old'), { recursive: true });
      await runCli(['ledger', 'append', '--dir', log], { stdin: `${rec(1)}\n${rec(2)}\n` });
      const first = await runCli(['ledger', 'witness', '--dir', join(dir, 'w'), '--log', log, '--vkey', vkey, '--name', 'example.org/w']);
      expect(first.code).toBe(0);
      const witnessKey = /cosignature verifier key is (\S+)/.exec(first.stderr)![1]!;
      expect(openNote(first.stdout, [parseVerifierKey(vkey), parseVerifierKey(witnessKey)]).verified).toHaveLength(2);
      const rollback = await runCli(['ledger', 'witness', '--dir', join(dir, 'w'), '--log', join(dir, 'old'), '--vkey', vkey]);
      expect(rollback.code).toBe(1);
      expect(rollback.stderr).toContain('LEDGER_WITNESS_ROLLBACK');
      expect(rollback.stderr).toContain('example.org/audit\n3\n');
      expect(rollback.stderr).toContain('example.org/audit\n1\n');
    });
  });

  it('witnesses a log served over HTTP', async () => {
    await withTempDir(async (dir) => {
      const vkey = await initLog(dir);
      const log = join(dir, 'log');
      await runCli(['ledger', 'append', '--dir', log], { stdin: Array.from({ length: 20 }, (_, i) => rec(i)).join('\n') });
      const server = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
        if (!/^(checkpoint|tile\/[0-9a-z./]+)$/.test(path) || path.includes('..')) return void res.writeHead(404).end();
        readFile(join(log, path)).then((d) => res.writeHead(200).end(d), () => res.writeHead(404).end());
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const address = server.address();
        const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        const r = await runCli(['ledger', 'witness', '--dir', join(dir, 'w'), '--log', url, '--vkey', vkey]);
        expect(r.code).toBe(0);
        expect(r.stdout.startsWith('example.org/audit\n20\n')).toBe(true);
        const v = await runCli(['ledger', 'verify', '--log', url, '--vkey', vkey]);
        expect(lines(v.stdout)[0]).toMatchObject({ ok: true, size: 20 });
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  });
});

describe("the README's audit ledger commands", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Audit ledger'), readme.indexOf('\n## ', readme.indexOf('## Audit ledger') + 5));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

  // Splits a shell line into words, honouring quotes and dropping a trailing comment.
  function words(line: string): string[] {
    const out: string[] = [];
    for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(#.*$)|(\S+)/g)) {
      if (m[3] !== undefined) break;
      out.push(m[1] ?? m[2] ?? m[4]!);
    }
    return out;
  }

  it('run as written, in order', async () => {
    const commands = block.split('\n').filter((l) => l.includes('npx leakwatch ledger'));
    expect(commands.map((l) => words(l.slice(l.indexOf('npx leakwatch')))[3])).toEqual(['init', 'append', 'checkpoint', 'prove', 'consistency', 'verify', 'witness']);
    await withTempDir(async (cwd) => {
      let vkey = '';
      for (const line of commands) {
        const [before, after] = line.includes('|') ? line.split(' | ') : ['', line];
        const stdin = before ? words(before).slice(1).join(' ') + '\n' : '';
        const args = words(after!).slice(2).map((w) => (w === '$VKEY' ? vkey : w));
        const r = await runCli(args, { cwd, stdin });
        expect({ line, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ line, code: 0, stderr: '' });
        if (args[1] === 'init') vkey = r.stdout.trim();
      }
    });
  });
});
