import { describe, expect, it } from 'vitest';
import { resolveRoute } from '../routes';
import { isPlainLeftClick, matchPath, pathTo } from './match-path';

describe('matching a path against a route pattern', () => {
  it('matches static paths exactly, ignoring trailing slashes', () => {
    expect(matchPath('/alerts', '/alerts')).toEqual({});
    expect(matchPath('/alerts', '/alerts/')).toEqual({});
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/alerts', '/alert')).toBeNull();
    expect(matchPath('/alerts', '/alerts/x')).toBeNull();
  });

  it('decodes params and refuses malformed escapes', () => {
    expect(matchPath('/alerts/:id', '/alerts/al_12%2F3')).toEqual({ id: 'al_12/3' });
    expect(matchPath('/alerts/:id', '/alerts/%E0%A4%A')).toBeNull();
  });

  it('builds paths with encoded params', () => {
    expect(pathTo('/alerts/:id', { id: 'a/b c' })).toBe('/alerts/a%2Fb%20c');
  });

  it('leaves modified and middle clicks to the browser', () => {
    const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
    expect(isPlainLeftClick(click)).toBe(true);
    expect(isPlainLeftClick({ ...click, ctrlKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...click, button: 1 })).toBe(false);
    expect(isPlainLeftClick({ ...click, defaultPrevented: true })).toBe(false);
  });
});

describe('the dashboard routes', () => {
  it('resolve each page with the permission it needs', () => {
    expect(resolveRoute('/')).toMatchObject({ id: 'overview', needs: 'read' });
    expect(resolveRoute('/alerts/al_1')).toMatchObject({ id: 'alert', params: { id: 'al_1' } });
    expect(resolveRoute('/scans')).toMatchObject({ needs: 'scan' });
    expect(resolveRoute('/ledger')).toMatchObject({ needs: 'ledger' });
    expect(resolveRoute('/settings/tokens')).toMatchObject({ id: 'settings-section', params: { section: 'tokens' } });
    expect(resolveRoute('/nowhere')).toBeNull();
  });
});
