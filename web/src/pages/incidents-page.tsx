// The incidents board: the registry filtered by status, channel, cause, dataset
// and title text (the filters live in the address bar), and a form to open an
// incident by hand for those who may triage.
import { useState, type FormEvent } from 'react';
import { api, queryString } from '../api/client';
import { CAUSE_CLASSES, INCIDENT_STATUSES, LEAK_CHANNELS, type Incident, type IncidentPage } from '../api/incident-types';
import { ErrorBanner, FieldError, Loading } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { useApi } from '../components/use-api';
import { formatDateTime, formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Link, navigate, useLocation } from '../router/router';
import { useSession } from '../session/session';
import { DataTable } from '../components/data-table';

const FILTERS = ['status', 'channel', 'cause', 'dataset', 'q'] as const;

export function IncidentsPage() {
  const { t, label, locale } = useI18n();
  const { query } = useLocation();
  const params = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? '']));
  const board = useApi<IncidentPage>(`/api/v1/incidents${queryString({ ...params, limit: 200 })}`);
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`/incidents${next.toString() ? `?${next.toString()}` : ''}`, { replace: true });
  };
  return (
    <Page title={t('incidents.title')}>
      <form className="filters" aria-label={t('incidents.filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect title={t('incidents.status')} value={params['status']!} options={INCIDENT_STATUSES} labelOf={(v) => label('istatus', v)} onChange={(v) => setFilter('status', v)} />
        <FilterSelect title={t('incidents.channel')} value={params['channel']!} options={LEAK_CHANNELS} labelOf={(v) => label('leak', v)} onChange={(v) => setFilter('channel', v)} />
        <FilterSelect title={t('incidents.cause')} value={params['cause']!} options={CAUSE_CLASSES} labelOf={(v) => label('cause', v)} onChange={(v) => setFilter('cause', v)} />
        <label>
          {t('incidents.dataset')}
          <input value={params['dataset']} onChange={(e) => setFilter('dataset', e.target.value)} maxLength={64} />
        </label>
        <label>
          {t('incidents.search')}
          <input type="search" value={params['q']} onChange={(e) => setFilter('q', e.target.value)} maxLength={200} />
        </label>
      </form>
      <ErrorBanner error={board.error} />
      {board.loading && !board.data ? <Loading /> : null}
      {board.data ? (
        <>
          <p className="muted" role="status">
            {t('incidents.count', { n: formatNumber(board.data.total, locale) })}
          </p>
          {board.data.items.length === 0 ? (
            <p className="empty">{t('incidents.empty')}</p>
          ) : (
            <DataTable columns={[t('incidents.incident'), t('incidents.status'), t('incidents.channel'), t('incidents.cause'), t('incidents.owner'), t('incidents.dataset'), t('incidents.year'), t('incidents.updated')]}>
              {board.data.items.map((i) => (
                <tr key={i.id}>
                  <td className="wrap">
                    <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link>
                  </td>
                  <td>
                    <span className={`badge istatus-${i.status}`}>{label('istatus', i.status)}</span>
                  </td>
                  <td>{label('leak', i.leak.channel)}</td>
                  <td>{label('cause', i.leak.cause)}</td>
                  <td>{i.owner ?? t('common.none')}</td>
                  <td>{i.dataset}</td>
                  <td>{i.year ?? t('common.none')}</td>
                  <td>{formatDateTime(i.updatedAt, locale)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      ) : null}
      <NewIncident />
    </Page>
  );
}

/** One filter as a drop-down: "any" or one of the values. */
function FilterSelect({ title, value, options, labelOf, onChange }: { title: string; value: string; options: readonly string[]; labelOf: (v: string) => string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <label>
      {title}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('common.any')}</option>
        {options.map((v) => (
          <option key={v} value={v}>
            {labelOf(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

function NewIncident() {
  const { t, label } = useI18n();
  const { can } = useSession();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [channel, setChannel] = useState('');
  const [cause, setCause] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!can('triage')) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const leak = { ...(channel ? { channel } : {}), ...(cause ? { cause } : {}) };
      const created = await api.post<Incident>('/api/v1/incidents', { title: title.trim(), ...(summary.trim() ? { summary: summary.trim() } : {}), ...(Object.keys(leak).length ? { leak } : {}), discoveredAt: Date.now() });
      navigate(`/incidents/${encodeURIComponent(created.id)}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('incidents.new')}>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          {t('incidents.newTitle')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} />
        </label>
        <label>
          {t('incidents.newSummary')}
          <input value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={2000} />
        </label>
        <label>
          {t('incidents.channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">{t('incidents.derive')}</option>
            {LEAK_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {label('leak', c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('incidents.cause')}
          <select value={cause} onChange={(e) => setCause(e.target.value)}>
            <option value="">{t('incidents.derive')}</option>
            {CAUSE_CLASSES.map((c) => (
              <option key={c} value={c}>
                {label('cause', c)}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || !title.trim()}>
            {t('incidents.create')}
          </button>
        </div>
        <FieldError error={error} />
      </form>
    </Card>
  );
}
