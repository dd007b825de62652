import { describe, expect, it } from 'vitest';
import { attribute, decodeEntities, scanXml } from './xml-text.js';

describe('decodeEntities', () => {
  it.each([
    ['a &amp; b', 'a & b'],
    ['&lt;tag&gt; &quot;q&quot; &apos;a&apos;', '<tag> "q" \'a\''],
    ['&#x4E2D;&#25991;', '中文'],
    ['&#x1F600;', '😀'],
    ['&#xD800; &#x110000;', '\uFFFD \uFFFD'],
    ['&nbsp; &unknown; & alone', '&nbsp; &unknown; & alone'],
  ])('%j → %j', (raw, want) => {
    expect(decodeEntities(raw)).toBe(want);
  });
});

describe('scanXml', () => {
  function tokens(xml: string): string[] {
    const out: string[] = [];
    scanXml(xml, {
      open: (name, attrs, self) => out.push(`<${name}${self ? '/' : ''}${attrs.trim() ? ` ${attrs.trim()}` : ''}>`),
      close: (name) => out.push(`</${name}>`),
      text: (raw, cdata) => out.push(cdata ? `[${raw}]` : raw),
    });
    return out;
  }

  it('gives local names, skips comments and declarations, passes CDATA raw', () => {
    expect(tokens('<?xml version="1.0"?><!DOCTYPE x><w:p a="1>2"><!-- c > --><w:t>x &amp; y</w:t><![CDATA[<raw>]]><w:br/></w:p>'))
      .toEqual(['<p a="1>2">', '<t>', 'x &amp; y', '</t>', '[<raw>]', '<br/>', '</p>']);
  });

  it('stops quietly on a tag that never ends', () => {
    expect(tokens('<a>text<b attr="x')).toEqual(['<a>', 'text']);
  });

  it('lets the checkpoint stop a long part', () => {
    const xml = '<a/>'.repeat(200_000);
    expect(() => scanXml(xml, { open() {}, close() {}, text() {} }, () => { throw new Error('stop'); })).toThrow('stop');
  });
});

describe('attribute', () => {
  it('reads a value by local name, in either quotes, decoded', () => {
    expect(attribute(' r="A1" s="2" t="s"', 't')).toBe('s');
    expect(attribute(" x:t='inlineStr'", 't')).toBe('inlineStr');
    expect(attribute(' r="A1" st="x"', 't')).toBeUndefined();
    expect(attribute(' v="a &amp; b"', 'v')).toBe('a & b');
  });
});
