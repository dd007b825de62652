// Axis arithmetic for the SVG charts: a "nice" top value and evenly spaced ticks.

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ max (and ≥ 1). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const exp = Math.floor(Math.log10(max));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= max) return m * base;
  return 10 * base;
}

/** Whether a step is 1, 2, 2.5 or 5 times a power of ten. */
function isNiceStep(step: number): boolean {
  if (!(step > 0)) return false;
  const m = step / 10 ** Math.floor(Math.log10(step));
  return [1, 2, 2.5, 5, 10].some((x) => Math.abs(x - m) < 1e-9);
}

/** How many steps split 0..top into nice ones: whole numbers for small counts, else 5 or 4 nice steps. */
export function tickCount(top: number): number {
  if (Number.isInteger(top) && top >= 1 && top <= 5) return top;
  for (const n of [5, 4]) if (isNiceStep(top / n)) return n;
  return 4;
}

/** `count + 1` ticks from 0 to `top` inclusive. */
export function ticks(top: number, count = tickCount(top)): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

/** Which of `n` x labels to draw so that at most `max` appear (always the first and last). */
export function labelEvery(n: number, max: number): number {
  return n <= max ? 1 : Math.ceil(n / max);
}

/** Stacks series values per category: the [y0, y1] of each segment. */
export function stack(series: ReadonlyArray<readonly number[]>, categories: number): Array<Array<[number, number]>> {
  const base = new Array<number>(categories).fill(0);
  return series.map((values) =>
    base.map((b, i) => {
      const v = Math.max(0, values[i] ?? 0);
      base[i] = b + v;
      return [b, b + v] as [number, number];
    }),
  );
}

/** The SVG path of a line through the points. */
export function linePath(points: ReadonlyArray<readonly [number, number]>): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)},${round(y)}`).join(' ');
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
