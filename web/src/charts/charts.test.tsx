import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import type { Locale } from '../i18n/locale';
import { CompareBars, MeterBar } from './meter-bar';
import { labelEvery, linePath, niceMax, stack, ticks } from './scale';
import { Sparkline } from './sparkline';
import { StackedBarChart } from './stacked-bar-chart';

const render = (node: React.ReactNode, locale: Locale = 'en') => renderToStaticMarkup(<I18nProvider locale={locale}>{node}</I18nProvider>);
const attr = (html: string, tag: string, name: string) => [...html.matchAll(new RegExp(`<${tag}[^>]*?\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

describe('axis arithmetic', () => {
  it('rounds the top of an axis up to a nice number', () => {
    expect([0, 0.3, 1, 7, 11, 19, 24, 26, 99, 101, 4200].map(niceMax)).toEqual([1, 0.5, 1, 10, 20, 20, 25, 50, 100, 200, 5000]);
    expect(ticks(20, 4)).toEqual([0, 5, 10, 15, 20]);
    // Steps stay nice, and whole for small counts of alerts.
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(2)).toEqual([0, 1, 2]);
    expect(ticks(250)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(labelEvery(30, 10)).toBe(3);
    expect(labelEvery(7, 10)).toBe(1);
  });

  it('stacks series on each other, treating negatives and gaps as zero', () => {
    expect(stack([[1, 2], [3, -1], [1]], 2)).toEqual([
      [[0, 1], [0, 2]],
      [[1, 4], [2, 2]],
      [[4, 5], [2, 2]],
    ]);
    expect(linePath([[0, 10], [5.555, 2]])).toBe('M0,10 L5.56,2');
  });
});

describe('the stacked bar chart', () => {
  const chart = (
    <StackedBarChart
      label="Alerts per day"
      categories={['11/27', '11/28', '11/29']}
      series={[
        { key: 'critical', label: 'Critical', className: 'sev-critical', values: [0, 0, 3] },
        { key: 'high', label: 'High', className: 'sev-high', values: [1, 0, 1] },
      ]}
      height={220}
    />
  );

  it('draws one rectangle per non-zero segment, heights in proportion, titled with its value', () => {
    const html = render(chart);
    const heights = attr(html, 'rect', 'height').map(Number);
    expect(heights).toHaveLength(3);
    // Plot height 188 over a top of 5 (niceMax of 4): 3 → 112.8, 1 → 37.6.
    expect(heights).toEqual([112.8, 37.6, 37.6]);
    expect(html).toContain('<title>11/29 · Critical: 3</title>');
    const labelledBy = /role="img" aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(`<title id="${labelledBy}">Alerts per day</title>`);
    expect(html).not.toContain('style=');
  });

  it('stacks the second series on top of the first', () => {
    const html = render(chart);
    const ys = attr(html, 'rect', 'y').map(Number);
    const hs = attr(html, 'rect', 'height').map(Number);
    // On 11/29 the high segment (index 2) sits right on the critical one (index 0).
    expect(ys[2]! + hs[2]!).toBeCloseTo(ys[0]!, 5);
  });

  it('writes axis numbers in the reader locale', () => {
    const big = <StackedBarChart label="x" categories={['a']} series={[{ key: 'k', label: 'K', className: 'series-0', values: [12000] }]} />;
    expect(render(big, 'en')).toContain('>20,000<');
  });
});

describe('small charts', () => {
  it('fill a meter in proportion and clamp it', () => {
    expect(attr(renderToStaticMarkup(<MeterBar value={30} max={120} width={120} />), 'rect', 'width')).toEqual(['120', '30']);
    expect(attr(renderToStaticMarkup(<MeterBar value={500} max={100} width={100} />), 'rect', 'width')).toEqual(['100', '100']);
    expect(attr(renderToStaticMarkup(<MeterBar value={5} max={0} width={100} />), 'rect', 'width')).toEqual(['100', '0']);
  });

  it('put observed, baseline and peer on one scale', () => {
    const html = renderToStaticMarkup(
      <CompareBars
        label="observed 50, baseline 5, peers 10"
        width={100}
        values={[
          { key: 'o', value: 50, className: 'bar-observed' },
          { key: 'b', value: 5, className: 'bar-baseline' },
          { key: 'p', value: 10, className: 'bar-peer' },
        ]}
      />,
    );
    expect(attr(html, 'rect', 'width')).toEqual(['100', '10', '20']);
    expect(html).toContain('aria-label="observed 50, baseline 5, peers 10"');
  });

  it('draw a sparkline through every value', () => {
    const html = renderToStaticMarkup(<Sparkline label="bytes" values={[0, 10, 5]} width={104} height={24} />);
    expect(attr(html, 'path', 'd')).toEqual(['M2,22 L52,2 L102,12']);
  });
});
