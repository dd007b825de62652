import { describe, expect, it } from 'vitest';
import { chineseNumeral, countsIn, largestCount } from './chinese-number.js';

describe('counts written the Chinese way', () => {
  // The first eight are values of 影响人数 in the Dork-Admin chronicle.
  it.each([
    ['800万', 8_000_000],
    ['1.5亿', 150_000_000],
    ['3.7万', 37_000],
    ['17,551,044', 17_551_044],
    ['一亿四千三百万', 143_000_000],
    ['5亿、10亿', 1_000_000_000],
    ['377,377', 377_377],
    ['1.53亿', 153_000_000],
    ['5千万', 50_000_000],
    ['超过两千万用户', 20_000_000],
    ['十五', 15],
  ])('reads %s as %d', (text, value) => {
    expect(largestCount(text)).toBe(value);
  });

  it('finds nothing in words without a number', () => {
    expect(largestCount('数百万')).toBeNull();
    expect(largestCount('大量用户')).toBeNull();
  });

  it('lists every count in order', () => {
    expect(countsIn('5亿、10亿')).toEqual([500_000_000, 1_000_000_000]);
  });

  it('reads Chinese numerals with 万 and 亿 grouping', () => {
    expect(chineseNumeral('一万亿')).toBe(1e12);
    expect(chineseNumeral('三千零五')).toBe(3005);
    expect(chineseNumeral('abc')).toBeNull();
  });
});
