// The alerts table: filterable (the filters live in the address bar), paged with
// the server's cursor, and live: alerts arriving over the stream slot into place
// without a reload and are announced to screen readers.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, queryString } from '../api/client';
import { ALERT_STATUSES, SEVERITIES, type Alert, type AlertPage } from '../api/types';
import { filtersFromQuery, filtersToParams, mergeLiveAlert, type AlertFilters } from '../alerts/alert-filters';
import { useAlertStream, type StreamState } from '../alerts/use-alert-stream';
import { SeverityBadge, StatusBadge } from '../components/badges';
import { ErrorBanner, Loading } from '../components/error-banner';
import { Page } from '../components/page';
import { formatDateTime, formatNumber, fromLocalInput, toLocalInput } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Link, navigate, useLocation } from '../router/router';
import { DataTable } from '../components/data-table';

const PAGE_SIZE = 50;
const CHANNELS = ['download', 'upload', 'share_link', 'share_external', 'share_internal', 'permission_change', 'mail_forward', 'mail_send', 'app_grant', 'removable_media', 'print', 'login', 'admin', 'logging_change', 'network', 'read', 'write', 'delete', 'other'];

export function AlertsPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const queryKey = query.toString();
  // The address bar is the source of truth for the filters (back/forward work).
  const filters = useMemo(() => filtersFromQuery(new URLSearchParams(queryKey)), [queryKey]);
  const [alerts, setAlertsState] = useState<readonly Alert[]>([]);
  const current = useRef<readonly Alert[]>([]);
  const setAlerts = useCallback((list: readonly Alert[]) => {
    current.current = list;
    setAlertsState(list);
  }, []);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');

  // Alerts that arrive while a page is loading are merged into it when it lands.
  const arrivedWhileLoading = useRef<Alert[] | null>(null);
  // After the stream was down, reload: alerts raised during the gap were not pushed.
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    arrivedWhileLoading.current = [];
    api
      .get<AlertPage>(`/api/v1/alerts${queryString({ ...filtersToParams(filters), limit: PAGE_SIZE })}`, controller.signal)
      .then((page) => {
        let list: readonly Alert[] = page.alerts;
        for (const a of arrivedWhileLoading.current ?? []) list = mergeLiveAlert(list, a, filters).list;
        arrivedWhileLoading.current = null;
        setAlerts(list);
        setNext(page.next);
        setError(null);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        arrivedWhileLoading.current = null;
        setError(err);
        setLoading(false);
      });
    return () => controller.abort();
  }, [filters, setAlerts, reloads]);

  const onLive = useCallback(
    (alert: Alert) => {
      arrivedWhileLoading.current?.push(alert);
      const merged = mergeLiveAlert(current.current, alert, filters);
      if (merged.list === current.current) return;
      setAlerts(merged.list);
      if (merged.added) {
        setFresh((s) => new Set(s).add(alert.id));
        setAnnouncement(t('alerts.newAlert', { title: alert.title }));
      }
    },
    [filters, t, setAlerts],
  );
  const stream = useAlertStream(onLive);
  const wasDown = useRef(false);
  useEffect(() => {
    if (stream === 'reconnecting') wasDown.current = true;
    else if (stream === 'live' && wasDown.current) {
      wasDown.current = false;
      setReloads((n) => n + 1);
    }
  }, [stream]);

  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await api.get<AlertPage>(`/api/v1/alerts${queryString({ ...filtersToParams(filters), limit: PAGE_SIZE, cursor: next })}`);
      const seen = new Set(current.current.map((a) => a.id));
      setAlerts([...current.current, ...page.alerts.filter((a) => !seen.has(a.id))]);
      setNext(page.next);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Page title={t('alerts.title')} actions={<LiveIndicator state={stream} />}>
      <FilterForm filters={filters} />
      <ErrorBanner error={error} />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {loading && alerts.length === 0 ? <Loading /> : null}
      <DataTable className="alerts-table" busy={loading} caption={t('alerts.caption')} columns={[t('alerts.time'), t('alerts.severity'), t('alerts.alert'), t('alerts.channel'), t('alerts.actor'), { title: t('alerts.score'), numeric: true }, t('alerts.status')]}>
        {alerts.map((a) => (
          <AlertRow key={a.id} alert={a} fresh={fresh.has(a.id)} />
        ))}
      </DataTable>
      {!loading && alerts.length === 0 && !error ? <p className="muted empty">{t('alerts.empty')}</p> : null}
      {next ? (
        <button type="button" className="button" onClick={() => void loadMore()}>
          {t('alerts.loadMore')}
        </button>
      ) : null}
    </Page>
  );
}

function AlertRow({ alert, fresh }: { alert: Alert; fresh: boolean }) {
  const { locale, label } = useI18n();
  return (
    <tr className={fresh ? 'row-new' : undefined} data-alert-id={alert.id}>
      <td>
        <time dateTime={new Date(alert.start).toISOString()}>{formatDateTime(alert.start, locale)}</time>
      </td>
      <td>
        <SeverityBadge severity={alert.severity} />
      </td>
      <td>
        <Link to={`/alerts/${encodeURIComponent(alert.id)}`}>{alert.title}</Link>
      </td>
      <td>{label('channel', alert.channel)}</td>
      <td>
        <Link to={`/alerts${queryString({ actor: alert.actor })}`} className="quiet-link">
          {alert.actor}
        </Link>
      </td>
      <td className="num">{formatNumber(alert.score, locale)}</td>
      <td>
        <StatusBadge status={alert.status} />
        {alert.assignee ? <span className="muted small"> {alert.assignee}</span> : null}
      </td>
    </tr>
  );
}

function LiveIndicator({ state }: { state: StreamState }) {
  const { t } = useI18n();
  return (
    <span className={`live live-${state}`} role="status">
      <span className="live-dot" aria-hidden="true" />
      {t(`alerts.stream.${state}`)}
    </span>
  );
}

function FilterForm({ filters }: { filters: AlertFilters }) {
  const { t, label } = useI18n();
  const [actor, setActor] = useState(filters.actor ?? '');
  const [since, setSince] = useState(filters.since !== undefined ? toLocalInput(filters.since) : '');
  const [until, setUntil] = useState(filters.until !== undefined ? toLocalInput(filters.until) : '');
  useEffect(() => {
    setActor(filters.actor ?? '');
    setSince(filters.since !== undefined ? toLocalInput(filters.since) : '');
    setUntil(filters.until !== undefined ? toLocalInput(filters.until) : '');
  }, [filters]);

  const apply = (f: AlertFilters) => navigate(`/alerts${queryString(filtersToParams(f))}`, { replace: true });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const s = fromLocalInput(since);
    const u = fromLocalInput(until);
    const { actor: _a, since: _s, until: _u, ...rest } = filters;
    apply({ ...rest, ...(actor.trim() ? { actor: actor.trim() } : {}), ...(s !== null ? { since: s } : {}), ...(u !== null ? { until: u } : {}) });
  };
  const set = <K extends keyof AlertFilters>(key: K, value: AlertFilters[K] | '') => {
    const next = { ...filters };
    if (value === '' || value === undefined) delete next[key];
    else next[key] = value;
    apply(next);
  };

  return (
    <form className="filters" role="search" aria-label={t('alerts.filters')} onSubmit={submit}>
      <label>
        {t('alerts.severity')}
        <select value={filters.severity ?? ''} onChange={(e) => set('severity', e.target.value as AlertFilters['severity'] | '')}>
          <option value="">{t('common.any')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alerts.status')}
        <select value={filters.status ?? ''} onChange={(e) => set('status', e.target.value as AlertFilters['status'] | '')}>
          <option value="">{t('common.any')}</option>
          {ALERT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alerts.channel')}
        <select value={filters.channel ?? ''} onChange={(e) => set('channel', e.target.value)}>
          <option value="">{t('common.any')}</option>
          {[...new Set([...CHANNELS, ...(filters.channel ? [filters.channel] : [])])].map((c) => (
            <option key={c} value={c}>
              {label('channel', c)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alerts.actor')}
        <input type="search" value={actor} onChange={(e) => setActor(e.target.value)} placeholder={t('alerts.actorPlaceholder')} />
      </label>
      <label>
        {t('alerts.since')}
        <input type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
      </label>
      <label>
        {t('alerts.until')}
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
      </label>
      <div className="filter-buttons">
        <button type="submit" className="button button-primary">
          {t('alerts.apply')}
        </button>
        <button type="button" className="button" onClick={() => apply({})}>
          {t('alerts.clear')}
        </button>
      </div>
    </form>
  );
}
