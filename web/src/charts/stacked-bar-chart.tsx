// Stacked bars in plain SVG: one bar per category (a day), one coloured segment
// per series (a channel or a severity). Colours come from CSS classes, so the
// chart needs no inline style and follows the theme.
import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatNumber } from '../format/format';
import { DayLabels, ValueGrid, dayPlot } from './axes';
import { round, stack } from './scale';

export interface Series {
  key: string;
  label: string;
  /** A CSS class giving the fill, e.g. `sev-high` or `series-2`. */
  className: string;
  values: readonly number[];
}

export interface StackedBarChartProps {
  /** What the chart shows, for assistive technology. */
  label: string;
  categories: readonly string[];
  series: readonly Series[];
  width?: number;
  height?: number;
}

export function StackedBarChart({ label, categories, series, width = 640, height = 220 }: StackedBarChartProps) {
  const { locale } = useI18n();
  const titleId = useId();
  const stacks = stack(
    series.map((s) => s.values),
    categories.length,
  );
  const totals = categories.map((_, i) => stacks.reduce((sum, st) => Math.max(sum, st[i]?.[1] ?? 0), 0));
  const plot = dayPlot(width, height, categories.length, Math.max(0, ...totals));
  const barW = Math.max(1, plot.slot * 0.7);
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
      <title id={titleId}>{label}</title>
      <ValueGrid plot={plot} locale={locale} />
      {series.map((s, si) => (
        <g key={s.key} className={s.className}>
          {categories.map((c, i) => {
            const [y0, y1] = stacks[si]?.[i] ?? [0, 0];
            if (y1 <= y0) return null;
            return (
              <rect key={c + i} x={round(plot.left(i) + (plot.slot - barW) / 2)} y={round(plot.y(y1))} width={round(barW)} height={round(plot.y(y0) - plot.y(y1))}>
                <title>{`${c} · ${s.label}: ${formatNumber(y1 - y0, locale)}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
      <DayLabels plot={plot} categories={categories} />
    </svg>
  );
}

export function Legend({ series }: { series: ReadonlyArray<Pick<Series, 'key' | 'label' | 'className'>> }) {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key}>
          <svg width="10" height="10" aria-hidden="true" className={s.className}>
            <rect width="10" height="10" rx="2" />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}
