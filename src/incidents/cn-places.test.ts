import { describe, expect, it } from 'vitest';
import { findPlace, regionFromName } from './cn-places.js';

describe('finding the place of a Chinese news item', () => {
  it.each([
    ['美国位置数据公司 X-Mode Social 通过亚马逊平台进行数据售卖', '', { country: 'US', region: null }],
    ['深圳某公司员工倒卖用户信息', '', { country: 'CN', region: 'CN-GD' }],
    ['浙江警方破获侵犯公民个人信息案', '', { country: 'CN', region: 'CN-ZJ' }],
    ['小米论坛 用户数据遭泄漏', '据国内安全问题反馈平台乌云网报告', { country: 'CN', region: null }],
    ['国内某快递公司数据泄露', '涉及广东、福建等地用户', { country: 'CN', region: null }],
    ['国内某快递公司数据泄露', '嫌疑人在成都被抓获', { country: 'CN', region: 'CN-SC' }],
    ['香港某银行客户资料外泄', '', { country: 'HK', region: null }],
    ['印度尼西亚电商数据泄露', '', { country: 'ID', region: null }],
    ['某网站数据泄露', '', { country: null, region: null }],
  ])('%s → %j', (title, description, place) => {
    expect(findPlace(title, description)).toEqual(place);
  });

  it('reads province names and codes', () => {
    expect(regionFromName('CN-SC')).toBe('CN-SC');
    expect(regionFromName('四川省')).toBe('CN-SC');
    expect(regionFromName('Sichuan')).toBe('CN-SC');
    expect(regionFromName('MO')).toBeNull();
  });
});
