// One horizontal bar for a value against a maximum: risk scores, lag, and the
// observed/baseline/peer comparison of a deviating feature.
import { round } from './scale';

export interface MeterBarProps {
  value: number;
  max: number;
  /** CSS class giving the fill. */
  className?: string;
  width?: number;
  height?: number;
}

export function MeterBar({ value, max, className = 'meter-fill', width = 120, height = 10 }: MeterBarProps) {
  const w = max > 0 ? Math.max(0, Math.min(1, value / max)) * width : 0;
  return (
    <svg className="meter" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <rect className="meter-track" width={width} height={height} rx={2} />
      <rect className={className} width={round(w)} height={height} rx={2} />
    </svg>
  );
}

export interface CompareBarsProps {
  /** Accessible summary, e.g. "observed 52, baseline 3, peers 4". */
  label: string;
  values: ReadonlyArray<{ key: string; value: number; className: string }>;
  width?: number;
}

/** Several values on one scale, one thin bar each, stacked vertically. */
export function CompareBars({ label, values, width = 160 }: CompareBarsProps) {
  const max = Math.max(0, ...values.map((v) => Math.abs(v.value)));
  const bar = 8;
  const gap = 3;
  const height = values.length * (bar + gap) - gap;
  return (
    <svg className="compare-bars" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {values.map((v, i) => (
        <rect key={v.key} className={v.className} x={0} y={i * (bar + gap)} height={bar} rx={2} width={round(max > 0 ? (Math.abs(v.value) / max) * width : 0)} />
      ))}
    </svg>
  );
}
