// Stacked bars in plain SVG: one bar per category (a day), one coloured segment
// per series (a channel or a severity). Colours come from CSS classes, so the
// chart needs no inline style and follows the theme.
import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatNumber } from '../format/format';
import { labelEvery, niceMax, round, stack, ticks } from './scale';

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

const PAD = { top: 8, right: 8, bottom: 24, left: 40 };

export function StackedBarChart({ label, categories, series, width = 640, height = 220 }: StackedBarChartProps) {
  const { locale } = useI18n();
  const titleId = useId();
  const n = Math.max(categories.length, 1);
  const stacks = stack(
    series.map((s) => s.values),
    categories.length,
  );
  const totals = categories.map((_, i) => stacks.reduce((sum, st) => Math.max(sum, st[i]?.[1] ?? 0), 0));
  const top = niceMax(Math.max(0, ...totals));
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const slot = plotW / n;
  const barW = Math.max(1, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const every = labelEvery(categories.length, Math.floor(plotW / 48));
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
      <title id={titleId}>{label}</title>
      <g className="chart-grid">
        {ticks(top).map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={width - PAD.right} y1={round(y(tick))} y2={round(y(tick))} />
            <text x={PAD.left - 6} y={round(y(tick))} dy="0.32em" textAnchor="end" className="chart-axis-label">
              {formatNumber(tick, locale, 1)}
            </text>
          </g>
        ))}
      </g>
      {series.map((s, si) => (
        <g key={s.key} className={s.className}>
          {categories.map((c, i) => {
            const [y0, y1] = stacks[si]?.[i] ?? [0, 0];
            if (y1 <= y0) return null;
            return (
              <rect key={c + i} x={round(PAD.left + slot * i + (slot - barW) / 2)} y={round(y(y1))} width={round(barW)} height={round(y(y0) - y(y1))}>
                <title>{`${c} · ${s.label}: ${formatNumber(y1 - y0, locale)}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
      <g>
        {categories.map((c, i) =>
          i % every === 0 || i === categories.length - 1 ? (
            <text key={c + i} x={round(PAD.left + slot * i + slot / 2)} y={height - 6} textAnchor="middle" className="chart-axis-label">
              {c}
            </text>
          ) : null,
        )}
      </g>
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
