// Walks the inputs of a scan: files, folders (recursively, in name order), with
// .gitignore files and exclude patterns honoured, symbolic links followed but
// loops refused. Yields files to scan and issues; never throws past a root check.
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { LeakwatchError } from '../../errors/index.js';
import type { ScanIssue } from '../report/types.js';

export interface WalkOptions {
  /** gitignore-style patterns, relative to each root folder. */
  exclude: readonly string[];
  /** Honour .gitignore files. */
  gitignore: boolean;
}

export type WalkItem =
  | { kind: 'file'; filePath: string; displayPath: string; size: number }
  | { kind: 'issue'; issue: ScanIssue };

/** Checks every root exists before any work starts (a missing root is a usage error). */
export async function checkRoots(roots: readonly string[]): Promise<void> {
  for (const root of roots) {
    if (root === '-') continue;
    try {
      await stat(root);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new LeakwatchError(code === 'ENOENT' ? 'SCAN_PATH_NOT_FOUND' : 'SCAN_FILE_UNREADABLE', `${root}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code})`}`, { path: root });
    }
  }
}

interface Scope {
  /** Path of the scope's folder relative to the root, '' for the root, else ending in '/'. */
  base: string;
  ig: Ignore;
}

/** Walks the roots in order; `-` is left to the caller. */
export async function* walk(roots: readonly string[], options: WalkOptions): AsyncGenerator<WalkItem> {
  for (const root of roots) {
    if (root === '-') continue;
    const info = await stat(root).catch(() => null);
    if (!info) continue;
    if (info.isDirectory()) {
      const scopes: Scope[] = [];
      if (options.exclude.length > 0) scopes.push({ base: '', ig: ignore().add([...options.exclude]) });
      yield* walkDir(root, trimSlash(root), '', scopes, options, [await realpath(root)]);
    } else if (info.isFile()) {
      yield { kind: 'file', filePath: root, displayPath: toDisplay(root), size: info.size };
    } else {
      yield { kind: 'issue', issue: { path: toDisplay(root), code: 'SCAN_BINARY_SKIPPED', message: 'not a regular file or folder' } };
    }
  }
}

async function* walkDir(dir: string, display: string, rel: string, scopes: Scope[], options: WalkOptions, ancestors: string[]): AsyncGenerator<WalkItem> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (err) {
    yield { kind: 'issue', issue: { path: display, code: 'SCAN_FILE_UNREADABLE', message: `folder cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` } };
    return;
  }
  let here = scopes;
  if (options.gitignore && names.includes('.gitignore')) {
    const text = await readFile(join(dir, '.gitignore'), 'utf8').catch(() => '');
    if (text) here = [...scopes, { base: rel, ig: ignore().add(text) }];
  }
  for (const name of names) {
    if (name === '.git') continue;
    const path = join(dir, name);
    const childRel = rel + name;
    const childDisplay = `${display}/${name}`;
    let info = await lstat(path).catch(() => null);
    if (!info) continue;
    let linkTarget: string | undefined;
    if (info.isSymbolicLink()) {
      try {
        linkTarget = await realpath(path);
        info = await stat(path);
      } catch {
        yield { kind: 'issue', issue: { path: childDisplay, code: 'SCAN_FILE_UNREADABLE', message: 'broken symbolic link' } };
        continue;
      }
    }
    const isDir = info.isDirectory();
    if (ignored(here, childRel, isDir)) continue;
    if (isDir) {
      const real = linkTarget ?? (await realpath(path).catch(() => path));
      if (ancestors.includes(real)) {
        yield { kind: 'issue', issue: { path: childDisplay, code: 'SCAN_SYMLINK_LOOP', message: 'symbolic link leads back into a folder being walked; not followed' } };
        continue;
      }
      yield* walkDir(path, childDisplay, childRel + '/', here, options, [...ancestors, real]);
    } else if (info.isFile()) {
      yield { kind: 'file', filePath: path, displayPath: childDisplay, size: info.size };
    } else {
      yield { kind: 'issue', issue: { path: childDisplay, code: 'SCAN_BINARY_SKIPPED', message: 'not a regular file (socket, FIFO or device); skipped' } };
    }
  }
}

function ignored(scopes: readonly Scope[], rel: string, isDir: boolean): boolean {
  for (const s of scopes) {
    const local = rel.slice(s.base.length);
    if (s.ig.ignores(isDir ? local + '/' : local)) return true;
  }
  return false;
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

function toDisplay(p: string): string {
  return p.split('\\').join('/');
}
