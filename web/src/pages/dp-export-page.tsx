// Private export: each dataset's remaining privacy budget, and a form for a
// differentially private release of counts by chosen dimensions; the release is
// shown with its mechanism, noise scale and 95% error bound per cell.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { Budget, DpRelease } from '../api/incident-types';
import { MeterBar } from '../charts/meter-bar';
import { ErrorBanner, FieldError, Loading } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { useApi } from '../components/use-api';
import { formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { DataTable } from '../components/data-table';

const DIMENSIONS = ['year', 'action', 'actor', 'channel', 'cause', 'industry', 'region'] as const;

export function DpExportPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const budgets = useApi<{ budgets: Budget[] }>('/api/v1/analytics/dp/budgets');
  const [epsilon, setEpsilon] = useState('1');
  const [delta, setDelta] = useState('0');
  const [by, setBy] = useState<string[]>(['year']);
  const [yearFrom, setYearFrom] = useState('2010');
  const [yearTo, setYearTo] = useState(String(new Date().getFullYear()));
  const [release, setRelease] = useState<DpRelease | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const years = by.includes('year') ? { years: { from: Number(yearFrom), to: Number(yearTo) } } : {};
      setRelease(await api.post<DpRelease>('/api/v1/analytics/dp/releases', { epsilon, delta, by, ...years }));
      budgets.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (d: string) => setBy((old) => (old.includes(d) ? old.filter((x) => x !== d) : [...old, d]));
  return (
    <Page title={t('dp.title')}>
      <ErrorBanner error={budgets.error} />
      {budgets.loading && !budgets.data ? <Loading /> : null}
      <Card title={t('dp.budgets')}>
        {budgets.data && budgets.data.budgets.length === 0 ? <p className="muted">{t('dp.noDatasets')}</p> : null}
        <table className="data-table compact budgets-table">
          <thead>
            <tr>
              <th scope="col">{t('incidents.dataset')}</th>
              <th scope="col" className="num">
                {t('dp.remaining')}
              </th>
              <th scope="col">{t('dp.spent')}</th>
              <th scope="col" className="num">
                {t('dp.releases')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(budgets.data?.budgets ?? []).map((b) => (
              <tr key={b.dataset}>
                <th scope="row">{b.dataset}</th>
                <td className="num" data-testid={`remaining-${b.dataset}`}>
                  {t('dp.epsilonOf', { left: formatNumber(b.epsilon.remaining, locale, 6), cap: formatNumber(b.epsilon.cap, locale, 6) })}
                </td>
                <td>
                  <MeterBar value={b.epsilon.spent} max={b.epsilon.cap} />
                </td>
                <td className="num">{b.releases}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {can('admin') ? (
        <Card title={t('dp.release')}>
          <form className="form-grid" onSubmit={(e) => void submit(e)}>
            <label>
              {t('dp.epsilon')}
              <input value={epsilon} onChange={(e) => setEpsilon(e.target.value)} inputMode="decimal" required maxLength={32} />
            </label>
            <label>
              {t('dp.delta')}
              <input value={delta} onChange={(e) => setDelta(e.target.value)} inputMode="decimal" maxLength={32} />
            </label>
            <fieldset>
              <legend>{t('dp.by')}</legend>
              {DIMENSIONS.map((d) => (
                <label key={d}>
                  <input type="checkbox" checked={by.includes(d)} onChange={() => toggle(d)} /> {t(`dimension.${d}` as 'dimension.year')}
                </label>
              ))}
            </fieldset>
            {by.includes('year') ? (
              <>
                <label>
                  {t('trends.yearFrom')}
                  <input type="number" value={yearFrom} onChange={(e) => setYearFrom(e.target.value)} />
                </label>
                <label>
                  {t('trends.yearTo')}
                  <input type="number" value={yearTo} onChange={(e) => setYearTo(e.target.value)} />
                </label>
              </>
            ) : null}
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy || by.length === 0}>
                {t('dp.make')}
              </button>
            </div>
            <FieldError error={error} />
          </form>
        </Card>
      ) : null}
      {release ? <Release release={release} /> : null}
    </Page>
  );
}

function Release({ release }: { release: DpRelease }) {
  const { t, locale } = useI18n();
  return (
    <Card title={t('dp.result', { id: release.id })}>
      <dl className="facts">
        <dt>{t('dp.mechanism')}</dt>
        <dd>{release.method.mechanism}</dd>
        <dt>{t('dp.cost')}</dt>
        <dd>{t('dp.costValue', { epsilon: release.method.epsilon, delta: release.method.delta })}</dd>
        <dt>{t('dp.scale')}</dt>
        <dd>{formatNumber(release.method.count.scale, locale, 3)}</dd>
        <dt>{t('dp.bound')}</dt>
        <dd>{t('dp.boundValue', { n: formatNumber(release.method.count.errorBound95, locale) })}</dd>
        <dt>{t('dp.suppressed')}</dt>
        <dd>
          {release.suppressed.count} <span className="muted">{release.suppressed.rule}</span>
        </dd>
      </dl>
      <DataTable
        className="compact release-table"
        columns={[...release.by.map((d) => t(`dimension.${d}` as 'dimension.year')), { title: t('dp.noisyCount'), numeric: true }, { title: t('dp.error'), numeric: true }]}
      >
        {release.cells.map((c, i) => (
          <tr key={i}>
            {release.by.map((d) => (
              <td key={d}>{c.key[d]}</td>
            ))}
            <td className="num">{formatNumber(c.count, locale)}</td>
            <td className="num">{`± ${formatNumber(c.countError95, locale)}`}</td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}
