import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick.js';

function hits(patterns: string[], text: string): string[] {
  const out: string[] = [];
  new AhoCorasick(patterns).search(text, (id, start, end) => out.push(`${patterns[id]}@${start}-${end}`));
  return out.sort();
}

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  patterns.forEach((p) => {
    const lp = p.replace(/[A-Z]/g, (c) => c.toLowerCase());
    for (let i = lower.indexOf(lp); i >= 0; i = lower.indexOf(lp, i + 1)) out.push(`${p}@${i}-${i + p.length}`);
  });
  return out.sort();
}

describe('AhoCorasick', () => {
  it('finds the classic he/she/his/hers overlaps', () => {
    expect(hits(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['he@2-4', 'hers@2-6', 'she@1-4']);
  });

  it('folds ASCII case but not other scripts', () => {
    expect(hits(['AKIA', 'password'], 'x akia PASSWORD Password')).toEqual(['AKIA@2-6', 'password@16-24', 'password@7-15']);
    expect(hits(['密码'], '请输入密码：密 码')).toEqual(['密码@3-5']);
  });

  it('agrees with a naive search on random text', () => {
    const patterns = ['ab', 'abc', 'bca', 'c', 'xyz', '身份证', 'ghp_', 'AKIA', 'aa'];
    const alphabet = 'abcxyzAKIghp_身份证 ';
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      let text = '';
      for (let i = 0; i < 300; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      expect(hits(patterns, text)).toEqual(naive(patterns, text));
    }
  });

  it('handles no patterns and an empty text', () => {
    expect(hits([], 'anything')).toEqual([]);
    expect(hits(['a'], '')).toEqual([]);
  });
});
