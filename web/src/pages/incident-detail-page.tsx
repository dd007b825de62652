// One incident: its coding and leak fields, the notification clocks, status
// changes along the lifecycle (with a reason where one is needed), the owner,
// comments, linked alerts and evidence, and the timeline of every change.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { DeadlineClock, IncidentDetail, IncidentStatus } from '../api/incident-types';
import { ErrorBanner, FieldError, Loading } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { useApi } from '../components/use-api';
import { formatDateTime, formatDuration, formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router/router';
import { useSession } from '../session/session';
import { PersonInput } from '../components/person-input';

export function IncidentDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const detail = useApi<IncidentDetail>(`/api/v1/incidents/${encodeURIComponent(id)}`);
  const d = detail.data;
  return (
    <Page title={d ? d.incident.title : t('incident.title')} actions={<Link to="/incidents">{t('incident.back')}</Link>}>
      <ErrorBanner error={detail.error} />
      {detail.loading && !d ? <Loading /> : null}
      {d ? (
        <div className="grid">
          <Summary d={d} />
          <Clocks clocks={d.clocks} />
          <Workflow d={d} onChanged={detail.reload} />
          <Comments d={d} onChanged={detail.reload} />
          <Timeline d={d} />
        </div>
      ) : null}
    </Page>
  );
}

function Summary({ d }: { d: IncidentDetail }) {
  const { t, label, locale } = useI18n();
  const i = d.incident;
  return (
    <Card title={t('incident.summary')}>
      <dl className="facts">
        <dt>{t('incidents.status')}</dt>
        <dd>
          <span className={`badge istatus-${i.status}`}>{label('istatus', i.status)}</span>
        </dd>
        <dt>{t('incidents.owner')}</dt>
        <dd>{i.owner ?? t('incident.unassigned')}</dd>
        <dt>{t('incidents.channel')}</dt>
        <dd>{label('leak', i.leak.channel)}</dd>
        <dt>{t('incidents.cause')}</dt>
        <dd>{label('cause', i.leak.cause)}</dd>
        <dt>{t('incident.records')}</dt>
        <dd>{i.leak.recordsAffected === null ? t('common.none') : formatNumber(i.leak.recordsAffected, locale)}</dd>
        <dt>{t('incidents.dataset')}</dt>
        <dd>
          {i.dataset} <span className="muted">{i.source}</span>
        </dd>
        <dt>{t('incident.discovered')}</dt>
        <dd>{i.discoveredAt === null ? t('common.none') : formatDateTime(i.discoveredAt, locale)}</dd>
        <dt>{t('incident.alerts')}</dt>
        <dd>
          {i.alertIds.length === 0
            ? t('common.none')
            : i.alertIds.map((a) => (
                <span key={a}>
                  <Link to={`/alerts/${encodeURIComponent(a)}`}>
                    <code>{a}</code>
                  </Link>{' '}
                </span>
              ))}
        </dd>
      </dl>
      {i.summary ? <p>{i.summary}</p> : null}
    </Card>
  );
}

function Clocks({ clocks }: { clocks: DeadlineClock[] }) {
  const { t, label, locale } = useI18n();
  return (
    <Card title={t('incident.clocks')}>
      {clocks.length === 0 ? (
        <p className="muted">{t('incident.noClocks')}</p>
      ) : (
        <ul className="clock-list">
          {clocks.map((c) => (
            <li key={c.policyId} className={`clock clock-${c.state}`}>
              <strong>
                {c.regulation} {c.provision ?? ''}
              </strong>{' '}
              <span className="badge">{label('clock', c.state)}</span>
              <br />
              <span className="muted">
                {c.dueAt !== null ? t('incident.due', { at: formatDateTime(c.dueAt, locale) }) : t('incident.notStarted', { hours: c.hours })}
                {c.remainingMs !== null ? ` · ${c.remainingMs >= 0 ? t('incident.left', { time: formatDuration(c.remainingMs, locale) }) : t('incident.late', { time: formatDuration(-c.remainingMs, locale) })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Workflow({ d, onChanged }: { d: IncidentDetail; onChanged: () => void }) {
  const { t, label } = useI18n();
  const { can } = useSession();
  const [reason, setReason] = useState('');
  const [owner, setOwner] = useState(d.incident.owner ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  if (!can('triage')) return null;
  const send = async (change: { status?: IncidentStatus; owner?: string | null }) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await api.patch(`/api/v1/incidents/${encodeURIComponent(d.incident.id)}`, { ...change, version: d.incident.version, ...(change.status && reason.trim() ? { reason: reason.trim() } : {}) });
      setReason('');
      setDone(t('incident.saved'));
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const assign = (event: FormEvent) => {
    event.preventDefault();
    void send({ owner: owner.trim() || null });
  };
  return (
    <Card title={t('incident.workflow')}>
      <form className="form-stack" onSubmit={assign}>
        <label>
          {t('incidents.owner')}
          <PersonInput value={owner} onChange={setOwner} maxLength={200}>
            <button type="submit" className="button" disabled={busy}>
              {t('incident.assign')}
            </button>
          </PersonInput>
        </label>
        <label>
          {t('incident.reason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        </label>
        <div className="button-row">
          {d.transitions.map((s) => (
            <button key={s} type="button" className="button" disabled={busy} onClick={() => void send({ status: s })}>
              {t('incident.moveTo', { status: label('istatus', s) })}
            </button>
          ))}
        </div>
        <FieldError error={error} />
        <p role="status" className="muted">
          {done}
        </p>
      </form>
    </Card>
  );
}

function Comments({ d, onChanged }: { d: IncidentDetail; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    try {
      await api.post(`/api/v1/incidents/${encodeURIComponent(d.incident.id)}/comments`, { body: body.trim() });
      setBody('');
      setError(null);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={t('incident.comments')} className="span-2">
      {d.comments.length === 0 ? (
        <p className="muted">{t('incident.noComments')}</p>
      ) : (
        <ol className="history">
          {d.comments.map((c) => (
            <li key={c.id}>
              <time dateTime={new Date(c.at).toISOString()}>{formatDateTime(c.at, locale)}</time> <strong>{c.author}</strong>
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {can('triage') ? (
        <form className="form-stack" onSubmit={(e) => void submit(e)}>
          <label>
            {t('incident.comment')}
            <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={100000} />
          </label>
          <div className="button-row">
            <button type="submit" className="button" disabled={!body.trim()}>
              {t('incident.addComment')}
            </button>
          </div>
          <FieldError error={error} />
        </form>
      ) : null}
      {d.evidence.length > 0 ? (
        <>
          <h3>{t('incident.evidence')}</h3>
          <ul>
            {d.evidence.map((e) => (
              <li key={e.id}>
                <span className="badge">{e.kind}</span> <code>{e.ref}</code> {e.description}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

function Timeline({ d }: { d: IncidentDetail }) {
  const { t, label, locale } = useI18n();
  return (
    <Card title={t('incident.timeline')} className="span-2">
      <ol className="history">
        {[...d.timeline].reverse().map((e) => (
          <li key={e.seq}>
            <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time> <strong>{e.actor}</strong> <span className="badge">{label('ievent', e.kind)}</span>
            {e.kind === 'status' ? ` ${label('istatus', String(e.data['from']))} → ${label('istatus', String(e.data['to']))}` : ''}
            {e.kind === 'assigned' ? ` ${String(e.data['to'] ?? t('incident.unassigned'))}` : ''}
          </li>
        ))}
      </ol>
    </Card>
  );
}
