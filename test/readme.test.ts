import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_DETECTORS, withDetectorTable } from '../src/scan/index.js';
import { ROOT, runCli, withTempDir } from './support/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

describe('the README', () => {
  it('has a detector table that matches the detectors (run `npm run docs` after changing them)', () => {
    expect(readme).toBe(withDetectorTable(readme, DEFAULT_DETECTORS));
  });

  it('lists every required type id in the detector table', () => {
    const required = ['cn_resident_id', 'cn_mobile', 'cn_landline', 'cn_bank_card', 'cn_uscc', 'cn_passport', 'hk_id', 'mo_id', 'tw_id', 'cn_license_plate', 'email', 'credit_card', 'iban', 'us_ssn', 'phone_number', 'ipv4', 'ipv6', 'mac_address', 'imei', 'vin'];
    for (const id of required) expect(readme).toContain(`| \`${id}\` |`);
  });

  describe('quick start', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Scanning'));

    it('is npm install, npm test and npx leakwatch scan', () => {
      expect(quick).toContain('npm install');
      expect(quick).toContain('npm test');
      expect(quick).toContain('npx leakwatch scan PATH');
      expect(quick).toContain('npm start');
      expect(pkg.scripts['start']).toContain('serve');
      expect(pkg.scripts['test']).toContain('vitest run');
      expect(pkg.bin['leakwatch']).toBe('dist/cli/main.js');
    });

    it('starts the server with the Node flags the leakwatch command carries on its shebang', () => {
      const shebang = readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8').split('\n', 1)[0]!;
      const flags = /^#!\/usr\/bin\/env -S node (.+)$/.exec(shebang)?.[1];
      expect(flags).toMatch(/--max-semi-space-size=\d+/);
      expect(pkg.scripts['start']).toContain(`node ${flags} dist/cli/main.js serve`);
    });

    it('scans a folder the way the quick start says', async () => {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'memo.txt'), '请联系 13812345678\n');
        const r = await runCli(['scan', dir]);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('cn_mobile');
      });
    });
  });

  it('documents each command it shows', async () => {
    for (const cmd of ['scan', 'redact', 'detectors']) {
      expect(readme).toContain(`npx leakwatch ${cmd}`);
      const r = await runCli([cmd, '--help']);
      expect(r.code).toBe(0);
    }
  });
});
