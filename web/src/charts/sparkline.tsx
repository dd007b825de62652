// A word-sized line: the shape of a series with no axes (an actor's recent bytes).
import { linePath, round } from './scale';

export interface SparklineProps {
  label: string;
  values: readonly number[];
  width?: number;
  height?: number;
}

export function Sparkline({ label, values, width = 120, height = 28 }: SparklineProps) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const points = values.map((v, i) => [2 + step * i, height - 2 - (v / max) * (height - 4)] as const);
  const last = points[points.length - 1];
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path className="chart-line" d={linePath(points)} />
      {last ? <circle className="chart-dot" cx={round(last[0])} cy={round(last[1])} r={2} /> : null}
    </svg>
  );
}
