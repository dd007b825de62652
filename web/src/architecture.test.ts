// The dashboard talks to the server over HTTP only, and lives within the CSP.
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forbiddenAttributes, importSpecifiers } from './i18n/source-check';
import { sourceFiles, WEB_SRC } from './test-support/sources';

const WEB = resolve(WEB_SRC, '..');

describe('the dashboard sources', () => {
  const app = sourceFiles({ appOnly: true });

  it('import nothing outside web/ and no Node built-ins', () => {
    const bad: string[] = [];
    for (const f of app) {
      for (const spec of importSpecifiers(f.file, f.source)) {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(f.path), spec);
          if (!target.startsWith(WEB + '/')) bad.push(`${f.file}: ${spec}`);
        } else if (spec.startsWith('node:') || !/^(react|react-dom)(\/|$)/.test(spec)) bad.push(`${f.file}: ${spec}`);
      }
    }
    expect(app.length).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });

  it('use no inline style attributes and no raw HTML (the CSP forbids inline styles)', () => {
    const problems = app.filter((f) => f.file.endsWith('.tsx')).flatMap((f) => forbiddenAttributes(f.file, f.source).map((p) => `${p.file}:${p.line} ${p.text}`));
    expect(problems).toEqual([]);
  });

  it('would notice a forbidden import or attribute', () => {
    expect(importSpecifiers('x.ts', "import { buildServer } from '../../src/server/index.js'; const m = import('node:fs');")).toEqual(['../../src/server/index.js', 'node:fs']);
    expect(forbiddenAttributes('x.tsx', 'const a = <div style={{ color: "red" }} dangerouslySetInnerHTML={{ __html: x }} />;').map((p) => p.text)).toEqual(['style', 'dangerouslySetInnerHTML']);
  });
});
