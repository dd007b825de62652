import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from './config/options.js';
import { scan } from './scan.js';
import { makeEml, makePdf, makeTar, patchZipMember, tempDir } from './extract/test-support.js';
import type { ScanReport } from './report/types.js';

const MOBILE = '13812345678';
const ID = '11010519491231002X';

function options(over: Partial<ScanOptions> = {}, limits: Partial<ScanOptions['limits']> = {}): ScanOptions {
  return { ...DEFAULT_SCAN_OPTIONS, salt: 'test-salt-123456', workers: 0, ...over, limits: { ...DEFAULT_SCAN_OPTIONS.limits, ...limits } };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('lw-scan-'));
});
afterEach(() => cleanup());

const types = (r: ScanReport, path: string) => r.findings.filter((f) => f.path === path).map((f) => f.type);
const codes = (r: ScanReport) => r.errors.map((e) => `${e.code} ${e.path.slice(dir.length + 1)}`).sort();

describe('scan', () => {
  describe('when a folder holds every kind of bad input next to a good file', () => {
    beforeEach(async () => {
      const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document><w:body>broken') });
      await writeFile(join(dir, 'good.txt'), `手机 ${MOBILE}\n`);
      await writeFile(join(dir, 'image.bin'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.alloc(4096, 1)]));
      await writeFile(join(dir, 'corrupt.docx'), docx.subarray(0, docx.length - 30));
      await writeFile(join(dir, 'corrupt.pdf'), Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage'));
      await writeFile(join(dir, 'secret.zip'), patchZipMember(zipSync({ 'a.txt': strToU8(`身份证 ${ID}\n`), 'b.txt': strToU8(`手机 ${MOBILE}\n`) }), 'a.txt', { orFlags: 1 }));
      await writeFile(join(dir, 'bomb.zip'), zipSync({ 'zeros.txt': new Uint8Array(8 * 1024 * 1024) }, { level: 9 }));
      const inner = zipSync({ 'deep.txt': strToU8(`手机 ${MOBILE}\n`) });
      await writeFile(join(dir, 'nested.zip'), zipSync({ 'level1.zip': zipSync({ 'level2.zip': inner }) }));
      await writeFile(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe, 0x80, 0x0a]));
      await writeFile(join(dir, 'long.txt'), 'x'.repeat(5000) + ` 手机 ${MOBILE}\n`);
      await mkdir(join(dir, 'sub'));
      await symlink(dir, join(dir, 'sub', 'loop'));
    });

    it('reports each with its path and code, and still scans everything else', async () => {
      const r = await scan([dir], options({}, { maxCompressionRatio: 50, maxArchiveDepth: 1, maxLineLength: 1000 }));
      expect(codes(r)).toEqual([
        'SCAN_ARCHIVE_ENCRYPTED secret.zip!a.txt',
        'SCAN_ARCHIVE_TOO_DEEP nested.zip!level1.zip',
        'SCAN_BINARY_SKIPPED image.bin',
        'SCAN_DECOMPRESSION_LIMIT bomb.zip!zeros.txt',
        'SCAN_DOCUMENT_CORRUPT corrupt.docx',
        'SCAN_DOCUMENT_CORRUPT corrupt.pdf',
        'SCAN_ENCODING_INVALID latin1.txt',
        'SCAN_LINE_TOO_LONG long.txt',
        'SCAN_SYMLINK_LOOP sub/loop',
      ]);
      expect(types(r, join(dir, 'good.txt'))).toEqual(['cn_mobile']);
      expect(types(r, join(dir, 'secret.zip!b.txt'))).toEqual(['cn_mobile']);
      expect(types(r, join(dir, 'long.txt'))).toEqual(['cn_mobile']);
      expect(r.findings.find((f) => f.path.endsWith('long.txt'))?.column).toBe(5005);
    });

    it('keeps every message free of file content', async () => {
      const r = await scan([dir], options({}, { maxCompressionRatio: 50, maxArchiveDepth: 1, maxLineLength: 1000 }));
      for (const e of r.errors) {
        expect(e.message).not.toContain(MOBILE);
        expect(e.message).not.toContain(ID);
      }
    });
  });

  it('opens tar.gz, e-mail attachments and PDF text', async () => {
    const tar = await makeTar([{ name: 'export/ids.txt', content: `身份证号 ${ID}\n` }]);
    const { gzipSync } = await import('node:zlib');
    await writeFile(join(dir, 'backup.tar.gz'), gzipSync(tar));
    await writeFile(join(dir, 'mail.eml'), makeEml({ headers: { From: 'a@corp-mail.cn', To: 'b@qq.com', Subject: 'list' }, text: `电话 ${MOBILE}`, attachments: [{ name: 'report.pdf', contentType: 'application/pdf', content: makePdf([`ID card ${ID}`]) }] }));
    const r = await scan([dir], options());
    expect(types(r, join(dir, 'backup.tar.gz!export/ids.txt'))).toEqual(['cn_resident_id']);
    expect(types(r, join(dir, 'mail.eml'))).toEqual(expect.arrayContaining(['cn_mobile', 'email']));
    expect(types(r, join(dir, 'mail.eml!report.pdf'))).toEqual(['cn_resident_id']);
  });

  it('skips a root file over maxFileBytes with SCAN_FILE_TOO_LARGE', async () => {
    await writeFile(join(dir, 'big.txt'), 'a'.repeat(2000));
    const r = await scan([dir], options({}, { maxFileBytes: 1000 }));
    expect(codes(r)).toEqual(['SCAN_FILE_TOO_LARGE big.txt']);
  });

  it('lists findings up to maxFindingsPerFile and counts the rest', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `客户 ${i} 手机 1${String(3800000000 + i * 7)}`);
    await writeFile(join(dir, 'many.txt'), rows.join('\n'));
    const r = await scan([dir], options({}, { maxFindingsPerFile: 10 }));
    expect(r.findings).toHaveLength(10);
    expect(r.stats.findings).toBe(50);
    expect(r.stats.findingsNotListed).toBe(40);
    expect(r.files[0]).toMatchObject({ findings: 50, truncated: true, distinctPersonal: 50 });
  });
});
