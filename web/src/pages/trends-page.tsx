// Monthly incident trends: the total as a line, and one dimension (channel,
// cause, sector, region) as stacked bars of its largest keys, filtered by year,
// dataset and status; flagged months are listed, and the figures download as CSV.
import { queryString } from '../api/client';
import type { Trends } from '../api/incident-types';
import { ChartDataTable } from '../charts/chart-data-table';
import { LineChart } from '../charts/line-chart';
import { Legend, StackedBarChart } from '../charts/stacked-bar-chart';
import { ErrorBanner, Loading } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { useApi } from '../components/use-api';
import { formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { navigate, useLocation } from '../router/router';

const DIMENSIONS = ['channel', 'cause', 'industry', 'region'] as const;
const TOP = 7;

export function TrendsPage() {
  const { t, label, locale } = useI18n();
  const { query } = useLocation();
  const dimension = (DIMENSIONS as readonly string[]).includes(query.get('by') ?? '') ? (query.get('by') as string) : 'channel';
  const filter = { yearFrom: query.get('yearFrom') ?? '', yearTo: query.get('yearTo') ?? '', dataset: query.get('dataset') ?? '', status: query.get('status') ?? '' };
  const qs = queryString(filter);
  const trends = useApi<Trends>(`/api/v1/analytics/trends${qs}`);
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`/trends${next.toString() ? `?${next.toString()}` : ''}`, { replace: true });
  };
  const d = trends.data;
  const all = d?.series.find((s) => s.dimension === 'all');
  const keyed = (d?.series ?? []).filter((s) => s.dimension === dimension).sort((a, b) => b.total - a.total);
  const shown = keyed.slice(0, TOP);
  const rest = keyed.slice(TOP);
  const series = shown.map((s, i) => ({ key: s.key, label: label(dimension === 'channel' ? 'leak' : dimension, s.key), className: `series-${i}`, values: s.counts }));
  if (rest.length && d) series.push({ key: 'other', label: t('trends.other'), className: `series-${TOP}`, values: d.months.map((_, m) => rest.reduce((sum, s) => sum + (s.counts[m] ?? 0), 0)) });
  const changes = (d?.series ?? []).flatMap((s) => s.changes.map((c) => ({ ...c, series: s.dimension === 'all' ? t('trends.all') : `${label('dimension', s.dimension)}: ${s.key}` })));
  return (
    <Page title={t('trends.title')} actions={<a className="button" href={`/api/v1/analytics/trends${queryString({ ...filter, format: 'csv' })}`} download="leakwatch-trends.csv">{t('trends.csv')}</a>}>
      <form className="filters" aria-label={t('incidents.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('trends.by')}
          <select value={dimension} onChange={(e) => set('by', e.target.value)}>
            {DIMENSIONS.map((x) => (
              <option key={x} value={x}>
                {label('dimension', x)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('trends.yearFrom')}
          <input type="number" min={1} max={4095} value={filter.yearFrom} onChange={(e) => set('yearFrom', e.target.value)} />
        </label>
        <label>
          {t('trends.yearTo')}
          <input type="number" min={1} max={4095} value={filter.yearTo} onChange={(e) => set('yearTo', e.target.value)} />
        </label>
        <label>
          {t('incidents.dataset')}
          <input value={filter.dataset} onChange={(e) => set('dataset', e.target.value)} maxLength={64} />
        </label>
      </form>
      <ErrorBanner error={trends.error} />
      {trends.loading && !d ? <Loading /> : null}
      {d && all ? (
        <div className="grid">
          <Card title={t('trends.monthly', { n: formatNumber(all.total, locale) })} className="span-2">
            <LineChart label={t('trends.monthlyLabel')} categories={d.months} values={all.counts} />
            {d.undated > 0 ? <p className="muted">{t('trends.undated', { n: formatNumber(d.undated, locale) })}</p> : null}
          </Card>
          <Card title={t('trends.byDimension', { dimension: label('dimension', dimension) })} className="span-2">
            <StackedBarChart label={t('trends.byDimension', { dimension: label('dimension', dimension) })} categories={d.months} series={series} />
            <Legend series={series} />
            <ChartDataTable caption={t('trends.byDimension', { dimension: label('dimension', dimension) })} categoryHeader={t('trends.month')} categories={d.months} series={series} />
          </Card>
          <Card title={t('trends.changes')} className="span-2">
            {changes.length === 0 ? (
              <p className="muted">{t('trends.noChanges')}</p>
            ) : (
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th scope="col">{t('trends.month')}</th>
                    <th scope="col">{t('trends.series')}</th>
                    <th scope="col">{t('trends.direction')}</th>
                    <th scope="col" className="num">
                      {t('trends.count')}
                    </th>
                    <th scope="col" className="num">
                      {t('trends.baseline')}
                    </th>
                    <th scope="col" className="num">
                      {t('trends.p')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c, i) => (
                    <tr key={i}>
                      <td>{c.month}</td>
                      <td>{c.series}</td>
                      <td>{label('trends', c.direction)}</td>
                      <td className="num">{formatNumber(c.count, locale)}</td>
                      <td className="num">{formatNumber(c.baseline, locale, 2)}</td>
                      <td className="num">{c.pValue.toExponential(2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="hint">{d.method}</p>
          </Card>
        </div>
      ) : d ? (
        <p className="empty">{t('trends.empty')}</p>
      ) : null}
    </Page>
  );
}
