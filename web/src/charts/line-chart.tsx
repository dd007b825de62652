// A single-series line chart in SVG (totals over days), with the same axes as the
// stacked bars so the two read together.
import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatNumber } from '../format/format';
import { labelEvery, linePath, niceMax, round, ticks } from './scale';

export interface LineChartProps {
  label: string;
  categories: readonly string[];
  values: readonly number[];
  width?: number;
  height?: number;
}

const PAD = { top: 8, right: 8, bottom: 24, left: 40 };

export function LineChart({ label, categories, values, width = 640, height = 160 }: LineChartProps) {
  const { locale } = useI18n();
  const titleId = useId();
  const top = niceMax(Math.max(0, ...values));
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const n = Math.max(categories.length, 1);
  const slot = plotW / n;
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const points = values.map((v, i) => [x(i), y(v)] as const);
  const every = labelEvery(categories.length, Math.floor(plotW / 48));
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
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
      <path className="chart-line" d={linePath(points)} />
      {points.map(([px, py], i) => (
        <circle key={i} className="chart-dot" cx={round(px)} cy={round(py)} r={3}>
          <title>{`${categories[i] ?? ''}: ${formatNumber(values[i] ?? 0, locale)}`}</title>
        </circle>
      ))}
      {categories.map((c, i) =>
        i % every === 0 || i === categories.length - 1 ? (
          <text key={c + i} x={round(x(i))} y={height - 6} textAnchor="middle" className="chart-axis-label">
            {c}
          </text>
        ) : null,
      )}
    </svg>
  );
}
