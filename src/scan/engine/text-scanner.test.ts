import { describe, expect, it } from 'vitest';
import type { Detector } from '../detectors/index.js';
import { runDetector } from '../detectors/index.js';
import { TextScanner } from './text-scanner.js';

const token: Detector = {
  id: 'test_token',
  category: 'secret',
  pipl: null,
  description: 'test token',
  validation: 'prefix',
  anchors: ['tok_'],
  pattern: /tok_[a-z0-9]{8}/g,
  confidence: 'high',
  example: 'tok_abcd1234',
  allow: ['tok_00000000'],
};
const assigned: Detector = {
  id: 'test_password',
  category: 'secret',
  pipl: null,
  description: 'password assignment',
  validation: 'entropy',
  anchors: ['password'],
  pattern: /password\s*=\s*(?<value>[^\s]{6,})/gi,
  confidence: 'low',
  example: 'password = hunter22',
};
const digits: Detector = {
  id: 'test_digits',
  category: 'pii',
  pipl: 'personal',
  description: 'eleven digits',
  validation: 'none',
  anchors: [],
  pattern: /(?<![0-9])[0-9]{11}(?![0-9])/g,
  keywords: ['phone', '手机'],
  example: '13812345678',
};
const evenDigits: Detector = { ...digits, id: 'test_even', validate: (v) => Number(v.at(-1)) % 2 === 0 };

describe('TextScanner', () => {
  it('finds an anchored match only around the anchor, case-insensitively', () => {
    const s = new TextScanner([token]);
    const m = s.scan('x\nsome TOK_ line tok_abcd1234 here\n');
    expect(m.map((x) => x.value)).toEqual(['tok_abcd1234']);
    expect(m[0]!.confidence).toBe('high');
  });

  it('skips values on the detector allow-list', () => {
    expect(new TextScanner([token]).scan('tok_00000000 tok_abcd1234').map((m) => m.value)).toEqual(['tok_abcd1234']);
  });

  it('reports only the value group, at its own offsets', () => {
    const text = 'db:\n  password = s3cr3tP4ss\n';
    const [m] = new TextScanner([assigned]).scan(text);
    expect(m?.value).toBe('s3cr3tP4ss');
    expect(text.slice(m!.start, m!.end)).toBe('s3cr3tP4ss');
  });

  it('raises confidence one step when a keyword is near', () => {
    const s = new TextScanner([digits]);
    const [plain] = s.scan('ref 13812345678');
    const [ctx] = s.scan('手机: 13812345678');
    expect(plain?.confidence).toBe('medium');
    expect(ctx?.confidence).toBe('high');
    expect(ctx?.context).toBe(true);
  });

  it('drops matches the validator rejects', () => {
    expect(new TextScanner([evenDigits]).scan('13812345677 13812345678').map((m) => m.value)).toEqual(['13812345678']);
  });

  it('keeps the earlier-listed detector where two of one category cover the same value', () => {
    const m = new TextScanner([evenDigits, digits]).scan('13812345678');
    expect(m.map((x) => x.type)).toEqual(['test_even']);
  });

  it('keeps overlapping matches of different categories', () => {
    const secretDigits: Detector = { ...digits, id: 'secret_digits', category: 'secret', pipl: null };
    expect(new TextScanner([digits, secretDigits]).scan('13812345678').map((x) => x.type).sort()).toEqual(['secret_digits', 'test_digits']);
  });

  it('marks the values the configured allow-list accepts, so callers skip and count them', () => {
    const s = new TextScanner([digits], (type, value) => type === 'test_digits' && value === '13812345678');
    expect(s.scan('13812345678 13912345678').map((m) => [m.value, m.allowed === true])).toEqual([
      ['13812345678', true],
      ['13912345678', false],
    ]);
  });

  it('agrees with the reference runner on text with many anchors', () => {
    const text = Array.from({ length: 200 }, (_, i) => (i % 3 ? `password = pw${i}xyzzy tok_${String(i).padStart(8, '0')}` : `call 1380000${String(i).padStart(4, '0')}`)).join('\n');
    const fast = new TextScanner([token, assigned, digits]).scan(text).map((m) => `${m.type}@${m.start}`);
    const ref = [token, assigned, digits].flatMap((d) => runDetector(d, text)).filter((m) => !(m.type === 'test_token' && m.value === 'tok_00000000')).sort((a, b) => a.start - b.start).map((m) => `${m.type}@${m.start}`);
    expect(fast).toEqual(ref);
    expect(fast.length).toBeGreaterThan(300);
  });
});

describe('TextScanner with triggers', () => {
  const long: Detector = {
    id: 'test_long',
    category: 'pii',
    pipl: 'personal',
    description: 'eighteen digits',
    validation: 'none',
    anchors: [],
    trigger: /[0-9]{6}/,
    pattern: /(?<![0-9])[0-9]{18}(?![0-9])/g,
    example: '110105194912310021',
  };
  const grouped: Detector = { ...long, id: 'test_grouped', trigger: /[0-9]{6}/, pattern: /(?<![0-9])[0-9]{3}-[0-9]{8}(?![0-9])/g };

  it('finds matches around trigger hits and nowhere else', () => {
    const text = 'a 110105194912310021 b\nno digits here\n123-45678901 x 12345 123456789012345678901';
    const fast = new TextScanner([long, grouped]).scan(text);
    const ref = [long, grouped].flatMap((d) => runDetector(d, text)).sort((a, b) => a.start - b.start);
    expect(fast.map((m) => m.value)).toEqual(ref.map((m) => m.value));
    expect(fast.map((m) => m.value)).toEqual(['110105194912310021', '123-45678901']);
  });

  it('keeps look-behind working at the edge of a window', () => {
    // The window opens 18 characters before the trigger hit, inside a longer run:
    // the digit just before the window must still block the match.
    const tail: Detector = { ...long, id: 'test_tail', trigger: /x/, window: { before: 18, after: 1 }, pattern: /(?<![0-9])[0-9]{18}x/g };
    expect(new TextScanner([tail]).scan('9'.repeat(100) + 'x')).toEqual([]);
    expect(new TextScanner([tail]).scan('-' + '9'.repeat(18) + 'x').map((m) => m.start)).toEqual([1]);
  });
});

describe('TextScanner on one very long line', () => {
  it('finds every anchored match on a 2 MB line with thousands of anchor hits', () => {
    const token: Detector = { id: 'tok', category: 'secret', pipl: null, description: 't', validation: 'v', anchors: ['tok_'], pattern: /tok_[a-z0-9]{8}/g, example: 'tok_abcd1234' };
    const unit = 'var a="tok_abcd1234";'.padEnd(100, ' ');
    const line = unit.repeat(20_000);
    const found = new TextScanner([token]).scan(line);
    expect(found).toHaveLength(20_000);
    expect(found.at(-1)?.start).toBe(line.length - 100 + 7);
  });
});
