import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RuleSetHolder, type ReloadResult } from './rule-set-holder.js';

const rule = (id: string) => `rules:\n  - id: ${id}\n    title: T\n    when: { action: A }\n`;

describe('a rule set holder', () => {
  let dir: string;
  let holder: RuleSetHolder | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lw-hold-'));
    await writeFile(join(dir, 'rules.yaml'), rule('first.rule'));
  });
  afterEach(async () => {
    holder?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('swaps in a valid new set on reload', async () => {
    holder = await RuleSetHolder.load(dir);
    await writeFile(join(dir, 'rules.yaml'), rule('second.rule'));
    const r = await holder.reload();
    expect(r.ok).toBe(true);
    expect(holder.current.rules.map((x) => x.id)).toEqual(['second.rule']);
  });

  describe('when the new file has a syntax error', () => {
    it('keeps the previous set active and reports DETECT_RULE_SYNTAX with the line', async () => {
      holder = await RuleSetHolder.load(dir);
      const before = holder.current;
      await writeFile(join(dir, 'rules.yaml'), 'rules:\n  - id: broken.rule\n    title: [unclosed\n');
      const r = await holder.reload();
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('DETECT_RULE_SYNTAX');
      expect(r.error.message).toMatch(/rules\.yaml:\d+ \(rule broken\.rule\)/);
      expect(holder.current).toBe(before);
      expect(holder.current.rules.map((x) => x.id)).toEqual(['first.rule']);
    });
  });

  it('keeps the previous set when a rule breaks the schema', async () => {
    holder = await RuleSetHolder.load(dir);
    await writeFile(join(dir, 'rules.yaml'), 'rules:\n  - id: bad.rule\n    title: T\n    when: { action: { nope: 1 } }\n');
    const r = await holder.reload();
    expect(r.ok ? 'ok' : r.error.code).toBe('DETECT_RULE_INVALID');
    expect(holder.current.rules.map((x) => x.id)).toEqual(['first.rule']);
  });

  it('refuses to start from an invalid set', async () => {
    await writeFile(join(dir, 'rules.yaml'), 'rules: [\n');
    await expect(RuleSetHolder.load(dir)).rejects.toMatchObject({ code: 'DETECT_RULE_SYNTAX' });
  });

  it('reloads by itself when a watched file changes', async () => {
    holder = await RuleSetHolder.load(dir);
    const reloaded = new Promise<ReloadResult>((resolve) => holder!.onReload(resolve));
    await holder.watch(20);
    await writeFile(join(dir, 'rules.yaml'), rule('watched.rule'));
    const r = await Promise.race([reloaded, new Promise<null>((res) => setTimeout(() => res(null), 5000))]);
    expect(r?.ok).toBe(true);
    expect(holder.current.rules.map((x) => x.id)).toEqual(['watched.rule']);
  });
});
