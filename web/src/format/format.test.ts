import { describe, expect, it } from 'vitest';
import { olderPage } from '../pages/ledger-page';
import { formatBytes, formatDay, formatDuration, formatNumber, formatRelative, fromLocalInput, toLocalInput } from './format';

describe('formatting for the reader', () => {
  it('writes sizes with binary steps and localised units', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(5 * 1024 ** 3, 'en')).toBe('5 GB');
    expect(formatBytes(1536, 'zh-CN')).toMatch(/^1\.5\s?kB$|^1\.5\s?千字节$/);
  });

  it('writes durations in the largest readable unit', () => {
    expect(formatDuration(850, 'en')).toBe('850 ms');
    expect(formatDuration(12_000, 'en')).toBe('12 sec');
    expect(formatDuration(90 * 60_000, 'en')).toBe('1.5 hr');
    expect(formatDuration(90 * 60_000, 'zh-CN')).toContain('1.5');
  });

  it('writes relative times and days in either language', () => {
    const now = Date.UTC(2026, 10, 29, 12);
    expect(formatRelative(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago');
    expect(formatRelative(now - 3 * 60_000, now, 'zh-CN')).toBe('3分钟前');
    expect(formatDay('2026-11-29', 'en')).toBe('11/29');
    expect(formatDay('2026-11-29', 'zh-CN')).toBe('11/29');
    expect(formatDay('garbage', 'en')).toBe('garbage');
    expect(formatNumber(12345.678, 'en', 1)).toBe('12,345.7');
  });

  it('round-trips datetime-local input values', () => {
    const ms = new Date(2026, 10, 29, 8, 30).getTime();
    expect(fromLocalInput(toLocalInput(ms))).toBe(ms);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('nonsense')).toBeNull();
  });
});

describe('paging back through the ledger', () => {
  it('asks for the page just below the oldest entry shown', () => {
    expect(olderPage(120, 50)).toEqual({ from: 70, limit: 50 });
    expect(olderPage(30, 50)).toEqual({ from: 0, limit: 30 });
    expect(olderPage(0, 50)).toBeNull();
  });
});
