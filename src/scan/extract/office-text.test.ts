import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { drawingText, numberText, officeKind, sharedStrings, sheetText, textParts, wordText } from './office-text.js';
import { extractInMemory, makeCfb, utf8 } from './test-support.js';
import { TextBuilder } from './text-builder.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

const p = (t: string): string => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;

const build = (f: (out: TextBuilder) => void): string => {
  const out = new TextBuilder(1_000_000);
  f(out);
  return out.toString();
};

const extract = extractInMemory;

function pkg(parts: Record<string, string>): Uint8Array {
  const files: Zippable = { '[Content_Types].xml': utf8(CONTENT_TYPES) };
  for (const [name, xml] of Object.entries(parts)) files[name] = utf8(xml);
  return zipSync(files);
}

describe('WordprocessingML text', () => {
  it('makes a line per paragraph, keeps tabs and breaks, decodes entities', () => {
    const xml = `<w:document ${W}><w:body>
      <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
        <w:r><w:t>Name:</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Zhang &amp; Li </w:t></w:r></w:p>
      <w:p><w:r><w:t>&#x8EAB;&#20221;证</w:t><w:br/><w:t>110105194912310021</w:t></w:r></w:p>
      <w:p><w:r><w:t>138</w:t><w:noBreakHyphen/><w:t>0013</w:t></w:r><w:del><w:r><w:delText>deleted 13900139000</w:delText></w:r></w:del></w:p>
      <w:p><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r></w:p>
    </w:body></w:document>`;
    expect(build((out) => wordText(xml, out))).toBe('Name:\tZhang & Li \n身份证\n110105194912310021\n138-0013deleted 13900139000\n\n');
  });

  it('writes a table row per line with tab-separated cells', () => {
    const cell = (t: string): string => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const xml = `<w:tbl><w:tr>${cell('Name')}${cell('Phone')}</w:tr><w:tr>${cell('Zhang')}${cell('13800138000')}</w:tr></w:tbl>`;
    expect(build((out) => wordText(xml, out))).toBe('Name \tPhone \t\nZhang \t13800138000 \t\n');
  });
});

describe('SpreadsheetML text', () => {
  const shared = `<sst><si><t>Name</t></si><si><r><t>Pho</t></r><r><t>ne</t></r></si><si><t>张三</t><rPh><t>ZHANG</t></rPh></si></sst>`;

  it('reads shared strings, joining rich-text runs and leaving out phonetic guides', () => {
    expect(sharedStrings(shared)).toEqual(['Name', 'Phone', '张三']);
  });

  it('writes a row per line: shared, inline and formula strings, numbers as digits, booleans', () => {
    const sheet = `<worksheet><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
      <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>13800138000</v></c><c r="C2"><v>1.10105194912E+17</v></c></row>
      <row r="3"><c r="A3" t="inlineStr"><is><t>inline &lt;b&gt;</t></is></c><c r="B3" t="str"><f>A1</f><v>formula</v></c><c r="C3" t="b"><v>1</v></c><c r="D3"><v>3.5</v></c></row>
      <row r="4"/>
    </sheetData></worksheet>`;
    expect(build((out) => sheetText(sheet, sharedStrings(shared), out)))
      .toBe('Name\tPhone\n张三\t13800138000\t110105194912000000\ninline <b>\tformula\tTRUE\t3.5\n');
  });

  it.each([
    ['13800138000', '13800138000'],
    ['1.3800138E10', '13800138000'],
    ['1E+300', '1E+300'],
    ['2.5E-3', '2.5E-3'],
    ['0.1', '0.1'],
  ])('writes the number %s as %s', (v, want) => {
    expect(numberText(v)).toBe(want);
  });
});

describe('DrawingML text', () => {
  it('makes a line per paragraph', () => {
    const xml = '<p:sld><p:txBody><a:p><a:r><a:t>Customer list</a:t></a:r></a:p><a:p><a:r><a:t>Call </a:t></a:r><a:br/><a:r><a:t>13800138000</a:t></a:r></a:p></p:txBody></p:sld>';
    expect(build((out) => drawingText(xml, out))).toBe('Customer list\nCall \n13800138000\n');
  });
});

describe('parts', () => {
  it('recognises the kind from the package names', () => {
    expect(officeKind(new Set(['[Content_Types].xml', 'word/document.xml']))).toBe('docx');
    expect(officeKind(new Set(['[Content_Types].xml', 'xl/workbook.xml']))).toBe('xlsx');
    expect(officeKind(new Set(['[Content_Types].xml', 'ppt/presentation.xml']))).toBe('pptx');
    expect(officeKind(new Set(['word/document.xml']))).toBeUndefined();
  });

  it('orders numbered parts by number', () => {
    expect(textParts('pptx', ['ppt/slides/slide10.xml', 'ppt/slides/slide2.xml', 'ppt/notesSlides/notesSlide1.xml', 'ppt/slides/slide1.xml']))
      .toEqual(['ppt/slides/slide1.xml', 'ppt/slides/slide2.xml', 'ppt/slides/slide10.xml', 'ppt/notesSlides/notesSlide1.xml']);
  });
});

describe('Office documents', () => {
  it('extracts a .docx: body, headers, footers, footnotes and comments', async () => {
    const docx = pkg({
      'word/document.xml': `<w:document ${W}><w:body>${p('Body 13800138000')}</w:body></w:document>`,
      'word/header1.xml': `<w:hdr ${W}>${p('Header')}</w:hdr>`,
      'word/footer1.xml': `<w:ftr ${W}>${p('Footer')}</w:ftr>`,
      'word/footnotes.xml': `<w:footnotes ${W}><w:footnote>${p('Footnote')}</w:footnote></w:footnotes>`,
      'word/comments.xml': `<w:comments ${W}><w:comment>${p('Comment')}</w:comment></w:comments>`,
      'word/styles.xml': `<w:styles ${W}>${p('not text')}</w:styles>`,
    });
    const sink = await extract('dir/report.docx', docx);
    expect(sink.documents).toEqual([{ path: 'dir/report.docx', format: 'docx', encoding: 'utf-8', text: 'Body 13800138000\nHeader\nFooter\nFootnote\nComment\n', chunkCount: 1 }]);
    expect(sink.issues).toEqual([]);
  });

  it('extracts a .xlsx: sheets in order, one row a line', async () => {
    const xlsx = pkg({
      'xl/workbook.xml': '<workbook/>',
      'xl/sharedStrings.xml': '<sst><si><t>Phone</t></si></sst>',
      'xl/worksheets/sheet2.xml': '<worksheet><sheetData><row><c t="inlineStr"><is><t>second sheet</t></is></c></row></sheetData></worksheet>',
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row><c t="s"><v>0</v></c><c><v>13800138000</v></c></row></sheetData></worksheet>',
    });
    const sink = await extract('book.xlsx', xlsx);
    expect(sink.documents.map((d) => [d.format, d.text])).toEqual([['xlsx', 'Phone\t13800138000\nsecond sheet\n']]);
  });

  it('extracts a .pptx: slides, then notes', async () => {
    const slide = (t: string): string => `<p:sld><a:p><a:r><a:t>${t}</a:t></a:r></a:p></p:sld>`;
    const pptx = pkg({
      'ppt/presentation.xml': '<p:presentation/>',
      'ppt/slides/slide1.xml': slide('First slide'),
      'ppt/slides/slide2.xml': slide('Second 13800138000'),
      'ppt/notesSlides/notesSlide1.xml': slide('Speaker note'),
    });
    const sink = await extract('deck.pptx', pptx);
    expect(sink.documents.map((d) => [d.format, d.text])).toEqual([['pptx', 'First slide\nSecond 13800138000\nSpeaker note\n']]);
  });

  it('recognises an Office document by its parts whatever its name', async () => {
    const sink = await extract('download.bin', pkg({ 'word/document.xml': `<w:document ${W}>${p('hi')}</w:document>` }));
    expect(sink.documents.map((d) => [d.path, d.format])).toEqual([['download.bin', 'docx']]);
  });

  it('reports SCAN_DOCUMENT_TRUNCATED past maxDocumentTextChars and delivers the first part', async () => {
    const docx = pkg({ 'word/document.xml': `<w:document ${W}>${p('a'.repeat(500))}${p('b'.repeat(500))}</w:document>` });
    const sink = await extract('long.docx', docx, { maxDocumentTextChars: 600 });
    expect(sink.text('long.docx')).toBe(`${'a'.repeat(500)}\n${'b'.repeat(99)}`);
    expect(sink.issues).toEqual([{ path: 'long.docx', code: 'SCAN_DOCUMENT_TRUNCATED', message: expect.any(String) }]);
  });
});

describe('when an Office document is damaged', () => {
  it('reports SCAN_DOCUMENT_CORRUPT for a .docx without its main part, and the next member is still read', async () => {
    const broken = pkg({ 'word/styles.xml': '<w:styles/>' });
    const sink = await extract('bundle.zip', zipSync({ 'broken.docx': broken, 'after.txt': utf8('after') }));
    expect(sink.issues).toEqual([{ path: 'bundle.zip!broken.docx', code: 'SCAN_DOCUMENT_CORRUPT', message: expect.any(String) }]);
    expect(sink.paths()).toEqual(['bundle.zip!after.txt']);
  });

  it('reports SCAN_DOCUMENT_CORRUPT when a part cannot be inflated', async () => {
    const docx = Buffer.from(pkg({ 'word/document.xml': `<w:document ${W}>${p('x'.repeat(1000))}</w:document>` }));
    const at = docx.indexOf('word/document.xml') + 'word/document.xml'.length;
    docx[at] = 0xff;
    docx[at + 1] = 0xff;
    const sink = await extract('bad.docx', docx);
    expect(sink.issues).toEqual([{ path: 'bad.docx', code: 'SCAN_DOCUMENT_CORRUPT', message: expect.any(String) }]);
  });

  it('extracts what it can from a truncated .docx and reports SCAN_DOCUMENT_CORRUPT', async () => {
    const docx = pkg({ 'word/document.xml': `<w:document ${W}>${p('kept 13800138000')}</w:document>`, 'word/comments.xml': `<w:comments ${W}>${p('x'.repeat(3000))}</w:comments>` });
    const sink = await extract('cut.docx', docx.subarray(0, Buffer.from(docx).indexOf('word/comments.xml') + 40));
    expect(sink.text('cut.docx')).toContain('kept 13800138000');
    expect(sink.issues.map((i) => [i.path, i.code])).toEqual([['cut.docx', 'SCAN_DOCUMENT_CORRUPT']]);
  });
});

describe('when an Office document takes too long', () => {
  it('reports SCAN_TIMEOUT past documentTimeoutMs, and the next member is still read', async () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `<row><c><v>${i}</v></c></row>`).join('');
    const xlsx = pkg({ 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${rows}</sheetData></worksheet>` });
    const sink = await extract('box.zip', zipSync({ 'huge.xlsx': xlsx, 'after.txt': utf8('after') }), { documentTimeoutMs: 1 });
    expect(sink.issues).toEqual([{ path: 'box.zip!huge.xlsx', code: 'SCAN_TIMEOUT', message: expect.any(String) }]);
    expect(sink.paths()).toEqual(['box.zip!after.txt']);
  });
});

describe('OLE compound files', () => {
  it('reports a password-protected Office file as SCAN_DOCUMENT_ENCRYPTED, and the next member is still read', async () => {
    const encrypted = makeCfb(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']);
    const sink = await extract('mail.zip', zipSync({ 'salaries.xlsx': encrypted, 'after.txt': utf8('after') }));
    expect(sink.issues).toEqual([{ path: 'mail.zip!salaries.xlsx', code: 'SCAN_DOCUMENT_ENCRYPTED', message: expect.any(String) }]);
    expect(sink.paths()).toEqual(['mail.zip!after.txt']);
  });

  it.each([
    ['old.doc', ['WordDocument', '1Table'], 'Word'],
    ['old.xls', ['Workbook'], 'Excel'],
    ['old.ppt', ['PowerPoint Document'], 'PowerPoint'],
  ])('skips the legacy format %s with SCAN_BINARY_SKIPPED, saying it is not supported', async (name, streams, label) => {
    const sink = await extract(name, makeCfb(streams));
    expect(sink.issues).toEqual([{ path: name, code: 'SCAN_BINARY_SKIPPED', message: expect.stringMatching(new RegExp(`${label}.*not support`)) }]);
  });

  it('reads a directory spread over several sectors', async () => {
    const names = Array.from({ length: 9 }, (_, i) => `Stream${i}`).concat(['EncryptionInfo', 'EncryptedPackage']);
    const sink = await extract('big.docx', makeCfb(names));
    expect(sink.issues.map((i) => i.code)).toEqual(['SCAN_DOCUMENT_ENCRYPTED']);
  });

  it('reports a damaged compound file named .docx as SCAN_DOCUMENT_CORRUPT', async () => {
    const cfb = makeCfb(['EncryptionInfo']).slice(0, 600);
    const sink = await extract('broken.docx', cfb);
    expect(sink.issues.map((i) => [i.path, i.code])).toEqual([['broken.docx', 'SCAN_DOCUMENT_CORRUPT']]);
  });
});
