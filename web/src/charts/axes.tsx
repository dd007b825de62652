// What the line and the stacked-bar charts share: the plot's geometry over days,
// the horizontal grid with its value labels, and the day labels along the bottom.
import { formatNumber } from '../format/format';
import type { Locale } from '../i18n/locale';
import { labelEvery, niceMax, round, ticks } from './scale';

const PAD = { top: 8, right: 8, bottom: 24, left: 40 };

export interface DayPlot {
  readonly width: number;
  readonly height: number;
  /** The top of the value axis: a round number at or above the largest value. */
  readonly top: number;
  /** Width of one category's slot. */
  readonly slot: number;
  /** The x of a slot's left edge, and of its centre. */
  readonly left: (i: number) => number;
  readonly centre: (i: number) => number;
  readonly y: (v: number) => number;
  /** Label every this many categories (and the last). */
  readonly every: number;
}

/** The geometry of a chart of `categories` values up to `max` in a width × height box. */
export function dayPlot(width: number, height: number, categories: number, max: number): DayPlot {
  const top = niceMax(Math.max(0, max));
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(categories, 1);
  return {
    width,
    height,
    top,
    slot,
    left: (i) => PAD.left + slot * i,
    centre: (i) => PAD.left + slot * i + slot / 2,
    y: (v) => PAD.top + plotH - (v / top) * plotH,
    every: labelEvery(categories, Math.floor(plotW / 48)),
  };
}

export function ValueGrid({ plot, locale }: { plot: DayPlot; locale: Locale }) {
  return (
    <g className="chart-grid">
      {ticks(plot.top).map((tick) => (
        <g key={tick}>
          <line x1={PAD.left} x2={plot.width - PAD.right} y1={round(plot.y(tick))} y2={round(plot.y(tick))} />
          <text x={PAD.left - 6} y={round(plot.y(tick))} dy="0.32em" textAnchor="end" className="chart-axis-label">
            {formatNumber(tick, locale, 1)}
          </text>
        </g>
      ))}
    </g>
  );
}

export function DayLabels({ plot, categories }: { plot: DayPlot; categories: readonly string[] }) {
  return (
    <g>
      {categories.map((c, i) =>
        i % plot.every === 0 || i === categories.length - 1 ? (
          <text key={c + i} x={round(plot.centre(i))} y={plot.height - 6} textAnchor="middle" className="chart-axis-label">
            {c}
          </text>
        ) : null,
      )}
    </g>
  );
}
