// Calendar windows: define named periods (one date range per line) and see
// incident rates inside vs outside each, as rate ratios with exact 95%
// intervals and p-values, overall and by category.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { RateCell, SavedWindow, WindowAnalysis } from '../api/incident-types';
import { ErrorBanner, FieldError } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { useApi } from '../components/use-api';
import { formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { DataTable } from '../components/data-table';

/** `name: 2024-02-01..2024-02-29, 2025-03-01..2025-03-15` per line. */
export function parseWindowLines(text: string): Array<{ name: string; ranges: Array<{ from: string; to: string }> }> {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', rest = ''] = line.split(':', 2);
      const ranges = rest
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean)
        .map((r) => {
          const [from = '', to = from] = r.split('..').map((x) => x.trim());
          return { from, to };
        });
      return { name: name.trim(), ranges };
    });
}

export function windowLines(windows: readonly SavedWindow[]): string {
  return windows.map((w) => `${w.name}: ${w.ranges.map((r) => `${r.from}..${r.to}`).join(', ')}`).join('\n');
}

export function WindowsPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const saved = useApi<{ windows: SavedWindow[] }>('/api/v1/analytics/windows');
  const [text, setText] = useState('');
  const [by, setBy] = useState('channel');
  const [result, setResult] = useState<WindowAnalysis | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (saved.data) setText((old) => old || windowLines(saved.data!.windows));
  }, [saved.data]);

  const analyse = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setResult(await api.post<WindowAnalysis>('/api/v1/analytics/windows/report', { spec: { windows: parseWindowLines(text) }, by }));
    } catch (err) {
      setError(err);
    }
  };
  const save = async () => {
    setError(null);
    setNotice('');
    try {
      await api.put('/api/v1/analytics/windows', { windows: parseWindowLines(text) });
      setNotice(t('windows.saved'));
    } catch (err) {
      setError(err);
    }
  };
  const ratio = (c: RateCell) => (c.rateRatio === null ? t('common.none') : c.rateRatio === 'Infinity' ? '∞' : formatNumber(c.rateRatio, locale, 2));
  const ci = (c: RateCell) => (c.interval ? `${formatNumber(c.interval.low, locale, 2)} – ${c.interval.high === Infinity || String(c.interval.high) === 'Infinity' ? '∞' : formatNumber(c.interval.high, locale, 2)}` : t('common.none'));
  return (
    <Page title={t('windows.title')}>
      <ErrorBanner error={saved.error} />
      <Card title={t('windows.define')}>
        <form className="form-stack" onSubmit={(e) => void analyse(e)}>
          <label>
            {t('windows.periods')}
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} placeholder={t('windows.placeholder')} />
          </label>
          <p className="hint">{t('windows.hint')}</p>
          <label>
            {t('windows.by')}
            <select value={by} onChange={(e) => setBy(e.target.value)}>
              {['channel', 'cause', 'action', 'industry', 'region'].map((d) => (
                <option key={d} value={d}>
                  {t(`dimension.${d}` as 'dimension.channel')}
                </option>
              ))}
            </select>
          </label>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={!text.trim()}>
              {t('windows.analyse')}
            </button>
            {can('triage') ? (
              <button type="button" className="button" disabled={!text.trim()} onClick={() => void save()}>
                {t('windows.save')}
              </button>
            ) : null}
          </div>
          <FieldError error={error} />
          <p role="status" className="muted">
            {notice}
          </p>
        </form>
      </Card>
      {result ? (
        <Card title={t('windows.results', { from: result.period.from, to: result.period.to })}>
          <DataTable className="compact windows-table" columns={[t('windows.window'), t('windows.category'), { title: t('windows.inside'), numeric: true }, { title: t('windows.outside'), numeric: true }, { title: t('windows.ratio'), numeric: true }, { title: t('windows.ci'), numeric: true }, { title: t('windows.p'), numeric: true }]}>
            {result.windows.flatMap((w) => [
              <tr key={w.name} className="strong">
                <th scope="row">{t('windows.days', { name: w.label, days: w.daysInside })}</th>
                <td>{t('trends.all')}</td>
                <td className="num">{w.overall.inside}</td>
                <td className="num">{w.overall.outside}</td>
                <td className="num">{ratio(w.overall)}</td>
                <td className="num">{ci(w.overall)}</td>
                <td className="num">{w.overall.pValue.toPrecision(3)}</td>
              </tr>,
              ...w.byCategory.map((c) => (
                <tr key={`${w.name}-${c.dimension}-${c.key}`}>
                  <th scope="row" />
                  <td>{c.key}</td>
                  <td className="num">{c.inside}</td>
                  <td className="num">{c.outside}</td>
                  <td className="num">{ratio(c)}</td>
                  <td className="num">{ci(c)}</td>
                  <td className="num">{c.pHolm.toPrecision(3)}</td>
                </tr>
              )),
            ])}
          </DataTable>
          {result.undated > 0 ? <p className="muted">{t('windows.undated', { n: formatNumber(result.undated, locale) })}</p> : null}
        </Card>
      ) : null}
    </Page>
  );
}
