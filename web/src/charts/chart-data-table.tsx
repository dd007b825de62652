// The numbers behind a chart as a real table, folded under the chart: for screen
// readers, keyboard users, and anyone who wants the exact values.
import { useI18n } from '../i18n/i18n';
import { formatNumber } from '../format/format';

export interface ChartTableProps {
  caption: string;
  categoryHeader: string;
  categories: readonly string[];
  series: ReadonlyArray<{ key: string; label: string; values: readonly number[] }>;
}

export function ChartDataTable({ caption, categoryHeader, categories, series }: ChartTableProps) {
  const { t, locale } = useI18n();
  return (
    <details className="chart-table">
      <summary>{t('chart.showTable')}</summary>
      <table className="data-table compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryHeader}</th>
            {series.map((s) => (
              <th scope="col" key={s.key} className="num">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c, i) => (
            <tr key={c + i}>
              <th scope="row">{c}</th>
              {series.map((s) => (
                <td key={s.key} className="num">
                  {formatNumber(s.values[i] ?? 0, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
