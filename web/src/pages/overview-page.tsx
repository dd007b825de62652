// The first screen: how many alerts, on which channels and how severe, who is
// riskiest this week, whether every log source is flowing, and whether the
// ledger was verified.
import { useState } from 'react';
import type { Overview, Severity } from '../api/types';
import { ChartDataTable } from '../charts/chart-data-table';
import { LineChart } from '../charts/line-chart';
import { MeterBar } from '../charts/meter-bar';
import { Legend, StackedBarChart } from '../charts/stacked-bar-chart';
import { ErrorBanner, Loading } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { useApi } from '../components/use-api';
import { formatDateTime, formatDay, formatDuration, formatNumber, formatRelative } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { alertSeries, OTHER, type SplitBy } from '../overview/alert-series';
import { Link } from '../router/router';
import { queryString } from '../api/client';
import { useSession } from '../session/session';

export function OverviewPage() {
  const { t } = useI18n();
  const overview = useApi<Overview>('/api/v1/overview');
  const o = overview.data;
  return (
    <Page
      title={t('overview.title')}
      actions={
        <button type="button" className="button" onClick={overview.reload}>
          {t('common.refresh')}
        </button>
      }
    >
      <ErrorBanner error={overview.error} />
      {overview.loading && !o ? <Loading /> : null}
      {o ? (
        <div className="grid">
          <AlertsOverTime rows={o.alertsByDay} />
          <RiskiestUsers users={o.riskiestUsers} />
          <Sources sources={o.sources} />
          <LedgerSummary ledger={o.ledger} />
        </div>
      ) : null}
    </Page>
  );
}

function AlertsOverTime({ rows }: { rows: Overview['alertsByDay'] }) {
  const { t, label, locale } = useI18n();
  const [by, setBy] = useState<SplitBy>('severity');
  const data = alertSeries(rows, by);
  const days = data.days.map((d) => formatDay(d, locale));
  const series = data.series.map((s, i) => ({
    key: s.key,
    values: s.values,
    label: by === 'severity' ? t(`severity.${s.key as Severity}`) : s.key === OTHER ? t('overview.otherChannels') : label('channel', s.key),
    className: by === 'severity' ? `sev-${s.key}` : `series-${i % 8}`,
  }));
  return (
    <Card
      title={t('overview.alertsOverTime')}
      className="span-2"
      actions={
        <div className="segmented" role="group" aria-label={t('overview.splitBy')}>
          {(['severity', 'channel'] as const).map((option) => (
            <button key={option} type="button" className="button" aria-pressed={by === option} onClick={() => setBy(option)}>
              {t(`overview.by.${option}`)}
            </button>
          ))}
        </div>
      }
    >
      {rows.length === 0 ? (
        <p className="muted">{t('overview.noAlerts')}</p>
      ) : (
        <>
          <StackedBarChart label={t('overview.alertsChartLabel', { by: t(`overview.by.${by}`) })} categories={days} series={series} width={1000} height={260} />
          <Legend series={series} />
          <h3 className="subhead">{t('overview.totalPerDay')}</h3>
          <LineChart label={t('overview.totalPerDay')} categories={days} values={data.totals} width={1000} height={140} />
          <ChartDataTable caption={t('overview.alertsOverTime')} categoryHeader={t('overview.day')} categories={days} series={series} />
        </>
      )}
    </Card>
  );
}

function RiskiestUsers({ users }: { users: Overview['riskiestUsers'] }) {
  const { t, locale } = useI18n();
  return (
    <Card title={t('overview.riskiestUsers')}>
      {users.length === 0 ? (
        <p className="muted">{t('overview.noRiskyUsers')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('overview.actor')}</th>
              <th scope="col">{t('overview.risk')}</th>
              <th scope="col" className="num">
                {t('overview.alertCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.actor}>
                <th scope="row">
                  <Link to={`/alerts${queryString({ actor: u.actor })}`}>{u.actor}</Link>
                </th>
                <td>
                  <span className="meter-cell">
                    <MeterBar value={u.score} max={100} className={u.score >= 85 ? 'sev-critical' : u.score >= 65 ? 'sev-high' : u.score >= 40 ? 'sev-medium' : 'sev-low'} />
                    <span>{formatNumber(u.score, locale)}</span>
                  </span>
                </td>
                <td className="num">{formatNumber(u.alerts, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function Sources({ sources }: { sources: Overview['sources'] }) {
  const { t, label, locale } = useI18n();
  const now = Date.now();
  const maxRate = Math.max(1, ...sources.map((s) => s.eventsPerMinute));
  return (
    <Card title={t('overview.sources')}>
      {sources.length === 0 ? (
        <p className="muted">{t('overview.noSources')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('sources.source')}</th>
              <th scope="col">{t('overview.rate')}</th>
              <th scope="col" className="num">
                {t('overview.lag')}
              </th>
              <th scope="col">{t('sources.lastEvent')}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.source}>
                <th scope="row">{label('source', s.source)}</th>
                <td>
                  <span className="meter-cell">
                    <MeterBar value={s.eventsPerMinute} max={maxRate} />
                    <span>{t('overview.perMinute', { n: formatNumber(s.eventsPerMinute, locale, 1) })}</span>
                  </span>
                </td>
                <td className={`num ${s.lagMs !== null && s.lagMs > 60_000 ? 'text-warn' : ''}`}>{s.lagMs === null ? t('common.none') : formatDuration(s.lagMs, locale)}</td>
                <td>{s.lastEventAt === null ? t('common.never') : <time dateTime={new Date(s.lastEventAt).toISOString()}>{formatRelative(s.lastEventAt, now, locale)}</time>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function LedgerSummary({ ledger }: { ledger: Overview['ledger'] }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  return (
    <Card title={t('overview.ledger')}>
      <dl className="facts">
        <dt>{t('ledger.size')}</dt>
        <dd>{t('ledger.entries', { n: formatNumber(ledger.size, locale) })}</dd>
        <dt>{t('ledger.checkpointAt')}</dt>
        <dd>{ledger.checkpointAt === null ? t('common.never') : formatDateTime(ledger.checkpointAt, locale)}</dd>
        <dt>{t('ledger.lastVerified')}</dt>
        <dd>
          {ledger.lastVerifiedAt === null ? t('common.never') : formatDateTime(ledger.lastVerifiedAt, locale)}{' '}
          {ledger.verified === null ? null : ledger.verified ? <span className="badge ok-badge">{t('ledger.verifiedOk')}</span> : <span className="badge bad-badge">{t('ledger.verifiedBad')}</span>}
        </dd>
      </dl>
      {can('ledger') ? <Link to="/ledger">{t('overview.openLedger')}</Link> : null}
    </Card>
  );
}
