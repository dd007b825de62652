// A single-series line chart in SVG (totals over days), with the same axes as the
// stacked bars so the two read together.
import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatNumber } from '../format/format';
import { DayLabels, ValueGrid, dayPlot } from './axes';
import { linePath, round } from './scale';

export interface LineChartProps {
  label: string;
  categories: readonly string[];
  values: readonly number[];
  width?: number;
  height?: number;
}

export function LineChart({ label, categories, values, width = 640, height = 160 }: LineChartProps) {
  const { locale } = useI18n();
  const titleId = useId();
  const plot = dayPlot(width, height, categories.length, Math.max(0, ...values));
  const points = values.map((v, i) => [plot.centre(i), plot.y(v)] as const);
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
      <title id={titleId}>{label}</title>
      <ValueGrid plot={plot} locale={locale} />
      <path className="chart-line" d={linePath(points)} />
      {points.map(([px, py], i) => (
        <circle key={i} className="chart-dot" cx={round(px)} cy={round(py)} r={3}>
          <title>{`${categories[i] ?? ''}: ${formatNumber(values[i] ?? 0, locale)}`}</title>
        </circle>
      ))}
      <DayLabels plot={plot} categories={categories} />
    </svg>
  );
}
