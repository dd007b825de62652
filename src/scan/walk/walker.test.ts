import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRoots, walk, type WalkItem } from './walker.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lw-walk-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function items(roots: string[], exclude: string[] = [], gitignore = true): Promise<WalkItem[]> {
  const out: WalkItem[] = [];
  for await (const i of walk(roots, { exclude, gitignore })) out.push(i);
  return out;
}
const files = (list: WalkItem[]) => list.flatMap((i) => (i.kind === 'file' ? [i.displayPath.slice(dir.length + 1)] : []));

async function tree(spec: Record<string, string>): Promise<void> {
  for (const [p, content] of Object.entries(spec)) {
    await mkdir(join(dir, p, '..'), { recursive: true });
    await writeFile(join(dir, p), content);
  }
}

describe('walk', () => {
  it('lists files recursively in name order and skips .git', async () => {
    await tree({ 'b.txt': '', 'a/z.txt': '', 'a/y.txt': '', '.git/config': '' });
    expect(files(await items([dir]))).toEqual(['a/y.txt', 'a/z.txt', 'b.txt']);
  });

  describe('when folders have .gitignore files', () => {
    beforeEach(() => tree({ '.gitignore': 'build/\n*.log\n', 'app.log': '', 'build/out.txt': '', 'src/.gitignore': 'secret.txt\n', 'src/secret.txt': '', 'src/ok.txt': '', 'secret.txt': '' }));

    it('honours each one within its own folder', async () => {
      expect(files(await items([dir]))).toEqual(['.gitignore', 'secret.txt', 'src/.gitignore', 'src/ok.txt']);
    });

    it('ignores them all with gitignore off', async () => {
      expect(files(await items([dir], [], false))).toContain('build/out.txt');
    });
  });

  it('applies exclude patterns relative to the root', async () => {
    await tree({ 'keep.txt': '', 'vendor/x.js': '', 'deep/a.min.js': '' });
    expect(files(await items([dir], ['vendor/', '*.min.js']))).toEqual(['keep.txt']);
  });

  it('reports a symbolic link loop once and goes on', async () => {
    await tree({ 'sub/file.txt': 'x' });
    await symlink(dir, join(dir, 'sub', 'loop'));
    const list = await items([dir]);
    expect(files(list)).toEqual(['sub/file.txt']);
    const issues = list.flatMap((i) => (i.kind === 'issue' ? [i.issue] : []));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'SCAN_SYMLINK_LOOP', path: `${dir}/sub/loop` });
  });

  it('reports a broken link as unreadable', async () => {
    await symlink(join(dir, 'nowhere'), join(dir, 'dangling'));
    const [item] = await items([dir]);
    expect(item).toMatchObject({ kind: 'issue', issue: { code: 'SCAN_FILE_UNREADABLE', path: `${dir}/dangling` } });
  });

  it('scans a file given directly even if an exclude would match it', async () => {
    await tree({ 'x.log': 'a' });
    expect(files(await items([join(dir, 'x.log')], ['*.log']))).toEqual(['x.log']);
  });
});

describe('checkRoots', () => {
  it('refuses a root that does not exist', async () => {
    await expect(checkRoots([join(dir, 'missing')])).rejects.toMatchObject({ code: 'SCAN_PATH_NOT_FOUND' });
    await expect(checkRoots([dir, '-'])).resolves.toBeUndefined();
  });
});
