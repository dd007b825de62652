// Route patterns like `/alerts/:id`: pure matching, tested without a browser.

export type Params = Record<string, string>;

/** The params of `path` under `pattern`, or null when it does not match. Trailing slashes are ignored. */
export function matchPath(pattern: string, path: string): Params | null {
  const want = split(pattern);
  const have = split(path);
  if (want.length !== have.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(h);
      } catch {
        return null;
      }
      params[w.slice(1)] = value;
    } else if (w !== h) return null;
  }
  return params;
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** A path with params filled in and encoded: `pathTo('/alerts/:id', {id})`. */
export function pathTo(pattern: string, params: Params): string {
  return pattern.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** Whether a click should be left to the browser (new tab, download, modified click). */
export function isPlainLeftClick(event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean; defaultPrevented: boolean }): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey && !event.defaultPrevented;
}
