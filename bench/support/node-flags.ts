// The Node flags the `leakwatch` command runs with: those on its shebang line
// (`#!/usr/bin/env -S node --max-semi-space-size=32`), which `npm start` repeats.
// Benchmarks start the built command with them, as a user's shell would.
import { readFileSync } from 'node:fs';

export function binNodeFlags(cli: string): string[] {
  const first = readFileSync(cli, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\/usr\/bin\/env -S node(.*)$/.exec(first);
  return m ? m[1]!.trim().split(/\s+/).filter(Boolean) : [];
}
