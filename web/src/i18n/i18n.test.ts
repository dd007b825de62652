import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../test-support/sources';
import { en } from './en';
import { interpolate, pickLocale } from './locale';
import { translationKeys, untranslatedText } from './source-check';
import { zhCN } from './zh-CN';

const TABLES = { en: en as Record<string, string>, 'zh-CN': zhCN as Record<string, string> };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the translation tables', () => {
  it('have exactly the same keys in English and Simplified Chinese', () => {
    const enKeys = Object.keys(en).sort();
    const zhKeys = Object.keys(zhCN).sort();
    expect(zhKeys.filter((k) => !(k in en))).toEqual([]);
    expect(enKeys.filter((k) => !(k in zhCN))).toEqual([]);
    expect(enKeys.length).toBeGreaterThan(100);
  });

  it('have no empty strings, and the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(en)) {
      const zh = TABLES['zh-CN'][key] ?? '';
      expect({ key, en: text.trim().length > 0, zh: zh.trim().length > 0 }).toEqual({ key, en: true, zh: true });
      expect({ key, placeholders: placeholders(zh) }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('say something different in Chinese for the words people read most', () => {
    for (const key of ['nav.overview', 'nav.alerts', 'login.submit', 'severity.critical', 'status.open'] as const) expect(zhCN[key]).not.toBe(en[key]);
    expect(zhCN['nav.overview']).toMatch(/\p{Script=Han}/u);
  });
});

describe('the sources', () => {
  const files = sourceFiles({ appOnly: true });

  it('are found', () => {
    expect(files.filter((f) => f.file.endsWith('.tsx')).length).toBeGreaterThan(15);
  });

  it('pass only keys to t() that both tables hold', () => {
    const used = files.flatMap((f) => translationKeys(f.file, f.source).map((k) => ({ ...k, file: f.file })));
    expect(used.length).toBeGreaterThan(200);
    const missing = used.filter((u) => !(u.key in TABLES.en) || !(u.key in TABLES['zh-CN'])).map((u) => `${u.file}:${u.line} t('${u.key}')`);
    expect(missing).toEqual([]);
  });

  it('render no literal text in JSX: every word goes through t()', () => {
    const problems = files.filter((f) => f.file.endsWith('.tsx')).flatMap((f) => untranslatedText(f.file, f.source).map((p) => `${p.file}:${p.line} ${p.text}`));
    expect(problems).toEqual([]);
  });
});

describe('the source checks themselves', () => {
  it('find literal keys, including both branches of a conditional', () => {
    const src = "const a = t('one'); const b = t(x ? 'two' : 'three', { n: 1 }); const c = t(`dyn.${v}`); other('no');";
    expect(translationKeys('x.tsx', src).map((k) => k.key)).toEqual(['one', 'two', 'three']);
  });

  it('flag JSX text, literal children and visible attributes, in any script', () => {
    const src = [
      'export const A = () => (',
      '  <div title="Hello" aria-label={"Close"} className="not-text" data-x="ok">',
      '    Welcome back',
      "    {'Literal child'}",
      '    {ok ? t("yes") : "No"}',
      '    <b>{t("fine")} · 42 {`${n}%`}</b>',
      '    <i>欢迎</i>',
      '    <input placeholder={t("p")} />',
      '  </div>',
      ');',
    ].join('\n');
    const texts = untranslatedText('x.tsx', src).map((p) => p.text);
    expect(texts).toEqual(['title="Hello"', 'aria-label={Close}', 'Welcome back', 'Literal child', 'No', '欢迎']);
  });
});

describe('choosing the language', () => {
  it('follows the browser: any zh* becomes Simplified Chinese, anything else English', () => {
    expect(pickLocale(null, ['zh-CN'])).toBe('zh-CN');
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(null, ['zh'])).toBe('zh-CN');
    expect(pickLocale(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(pickLocale(null, ['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(pickLocale(null, ['de-DE'])).toBe('en');
    expect(pickLocale(undefined, [])).toBe('en');
  });

  it('prefers a remembered choice, and ignores a corrupt one', () => {
    expect(pickLocale('en', ['zh-CN'])).toBe('en');
    expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLocale('klingon', ['zh-HK'])).toBe('zh-CN');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{n} entries by {who}', { n: 3, who: 'ann' })).toBe('3 entries by ann');
    expect(interpolate('{n} of {total}', { n: 1 })).toBe('1 of {total}');
    expect(interpolate('plain', undefined)).toBe('plain');
  });
});
