// One alert: why it fired (the rule, or the features that left the actor's
// baseline, with the peer group for comparison), the events behind it, the
// actor's recent timeline, and triage (acknowledge, assign, close, comment).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { Alert, AlertDetail, AlertStatus, DataEvent } from '../api/types';
import { deviationRatio, readExplanation } from '../alerts/explanation';
import { useAlertStream } from '../alerts/use-alert-stream';
import { CompareBars } from '../charts/meter-bar';
import { Sparkline } from '../charts/sparkline';
import { SeverityBadge, StatusBadge } from '../components/badges';
import { ErrorBanner, FieldError, Loading } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { useApi } from '../components/use-api';
import { formatBytes, formatDateTime, formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Link, navigate } from '../router/router';
import { useSession } from '../session/session';
import { DataTable } from '../components/data-table';
import { PersonInput } from '../components/person-input';

export function AlertDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const detail = useApi<AlertDetail>(`/api/v1/alerts/${encodeURIComponent(id)}`);
  const { setData, reload } = detail;
  const replaceAlert = useCallback((alert: Alert) => setData((d) => (d && alert.id === d.alert.id ? { ...d, alert } : d)), [setData]);
  useAlertStream(replaceAlert);
  const d = detail.data;
  return (
    <Page title={d ? d.alert.title : t('alert.title')} actions={<Link to="/alerts">{t('alert.back')}</Link>}>
      <ErrorBanner error={detail.error} />
      {detail.loading && !d ? <Loading /> : null}
      {d ? (
        <div className="grid">
          <Summary alert={d.alert} />
          <Triage alert={d.alert} onChanged={reload} />
          <OpenIncident alert={d.alert} />
          <WhyItFired alert={d.alert} />
          <Events title={t('alert.evidence')} events={d.events} empty={t('alert.noEvidence')} />
          <Timeline events={d.timeline} evidence={new Set(d.alert.evidence)} actor={d.alert.actor} />
          <Comments comments={d.comments} />
        </div>
      ) : null}
    </Page>
  );
}

function Summary({ alert }: { alert: Alert }) {
  const { t, label, locale } = useI18n();
  return (
    <Card title={t('alert.summary')}>
      <dl className="facts">
        <dt>{t('alerts.severity')}</dt>
        <dd>
          <SeverityBadge severity={alert.severity} /> <span className="muted">{t('alert.scoreOf', { score: formatNumber(alert.score, locale) })}</span>
        </dd>
        <dt>{t('alerts.status')}</dt>
        <dd>
          <StatusBadge status={alert.status} />
        </dd>
        <dt>{t('alert.assignee')}</dt>
        <dd>{alert.assignee || t('alert.unassigned')}</dd>
        <dt>{t('alerts.actor')}</dt>
        <dd>{alert.actor}</dd>
        <dt>{t('alerts.channel')}</dt>
        <dd>{label('channel', alert.channel)}</dd>
        <dt>{t('alert.span')}</dt>
        <dd>{t('alert.spanValue', { start: formatDateTime(alert.start, locale), end: formatDateTime(alert.end, locale) })}</dd>
        <dt>{t('alert.detector')}</dt>
        <dd>
          <code>{alert.detector}</code> <span className="muted">{t(`alert.kind.${alert.kind}`)}</span>
        </dd>
      </dl>
    </Card>
  );
}

function WhyItFired({ alert }: { alert: Alert }) {
  const { t, locale } = useI18n();
  const why = readExplanation(alert.explanation);
  return (
    <Card title={t('alert.why')} className="span-2">
      {alert.reasons.length > 0 ? (
        <ul className="reasons">
          {alert.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      ) : null}
      {why.rule ? (
        <dl className="facts">
          <dt>{t('alert.rule')}</dt>
          <dd>
            {why.rule.name} <code className="muted">{why.rule.id}</code>
          </dd>
          {why.rule.description ? (
            <>
              <dt>{t('alert.ruleDescription')}</dt>
              <dd>{why.rule.description}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {why.features.length > 0 ? (
        <>
          <table className="data-table features-table">
            <caption>{t('alert.featuresCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alert.feature')}</th>
                <th scope="col" className="num">
                  {t('alert.observed')}
                </th>
                <th scope="col" className="num">
                  {t('alert.baseline')}
                </th>
                <th scope="col" className="num">
                  {t('alert.peer')}
                </th>
                <th scope="col" className="num">
                  {t('alert.ratio')}
                </th>
                <th scope="col">{t('alert.compare')}</th>
              </tr>
            </thead>
            <tbody>
              {why.features.map((f) => {
                const ratio = deviationRatio(f);
                return (
                  <tr key={f.name}>
                    <th scope="row">{f.name}</th>
                    <td className="num strong">{formatNumber(f.observed, locale, 2)}</td>
                    <td className="num">{formatNumber(f.baseline, locale, 2)}</td>
                    <td className="num">{formatNumber(f.peer, locale, 2)}</td>
                    <td className="num">{ratio === null ? t('alert.ratioNew') : t('alert.ratioValue', { n: formatNumber(ratio, locale, 1) })}</td>
                    <td>
                      <CompareBars
                        label={t('alert.compareLabel', { observed: formatNumber(f.observed, locale, 2), baseline: formatNumber(f.baseline, locale, 2), peer: formatNumber(f.peer, locale, 2) })}
                        values={[
                          { key: 'observed', value: f.observed, className: 'bar-observed' },
                          { key: 'baseline', value: f.baseline, className: 'bar-baseline' },
                          { key: 'peer', value: f.peer, className: 'bar-peer' },
                        ]}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <ul className="chart-legend">
            <li>
              <span className="swatch bar-observed" aria-hidden="true" />
              {t('alert.observed')}
            </li>
            <li>
              <span className="swatch bar-baseline" aria-hidden="true" />
              {t('alert.baseline')}
            </li>
            <li>
              <span className="swatch bar-peer" aria-hidden="true" />
              {t('alert.peer')}
            </li>
          </ul>
        </>
      ) : null}
      {!why.rule && why.features.length === 0 && alert.reasons.length === 0 ? <p className="muted">{t('alert.noExplanation')}</p> : null}
    </Card>
  );
}

function destination(e: DataEvent): string {
  const d = e.destination;
  if (!d) return '';
  return [d.account, d.domain, d.device].filter(Boolean).join(' · ');
}

function Events({ title, events, empty }: { title: string; events: DataEvent[]; empty: string }) {
  return (
    <Card title={title} className="span-2">
      <EventsTable events={events} empty={empty} />
    </Card>
  );
}

function EventsTable({ events, empty, highlight }: { events: DataEvent[]; empty: string; highlight?: ReadonlySet<string> }) {
  const { t, label, locale } = useI18n();
  return (
    <>
      {events.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <DataTable className="compact" columns={[t('event.time'), t('event.action'), t('alerts.channel'), t('event.object'), t('event.destination'), { title: t('event.bytes'), numeric: true }, t('event.outcome'), t('event.source')]}>
          {events.map((e) => (
            <tr key={e.id} className={highlight?.has(e.id) ? 'row-evidence' : undefined}>
              <td>
                <time dateTime={new Date(e.time).toISOString()}>{formatDateTime(e.time, locale)}</time>
                {highlight?.has(e.id) ? <span className="badge evidence-badge">{t('alert.evidenceMark')}</span> : null}
              </td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{label('channel', e.channel)}</td>
              <td className="wrap">{[e.object?.container, e.object?.path].filter(Boolean).join(' / ')}</td>
              <td className="wrap">{destination(e)}</td>
              <td className="num">{e.bytes === undefined ? '' : formatBytes(e.bytes, locale)}</td>
              <td>{label('outcome', e.outcome)}</td>
              <td>{label('source', e.source)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

function Timeline({ events, evidence, actor }: { events: DataEvent[]; evidence: ReadonlySet<string>; actor: string }) {
  const { t } = useI18n();
  const ordered = [...events].sort((a, b) => a.time - b.time);
  return (
    <Card title={t('alert.timeline', { actor })} className="span-2">
      {ordered.length > 1 ? (
        <p className="sparkline-row">
          <span className="muted">{t('alert.bytesOverTime')}</span>
          <Sparkline label={t('alert.bytesOverTimeLabel', { actor })} values={ordered.map((e) => e.bytes ?? 0)} width={240} />
        </p>
      ) : null}
      <EventsTable events={[...ordered].reverse()} empty={t('alert.noTimeline')} highlight={evidence} />
    </Card>
  );
}

function Comments({ comments }: { comments: AlertDetail['comments'] }) {
  const { t, label, locale } = useI18n();
  return (
    <Card title={t('alert.history')} className="span-2">
      {comments.length === 0 ? (
        <p className="muted">{t('alert.noHistory')}</p>
      ) : (
        <ol className="history">
          {comments.map((c, i) => (
            <li key={i}>
              <time dateTime={new Date(c.at).toISOString()}>{formatDateTime(c.at, locale)}</time> <strong>{c.by}</strong>
              {c.action ? <span className="badge">{label('action', c.action)}</span> : null}
              {c.text ? <p>{c.text}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function Triage({ alert, onChanged }: { alert: Alert; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [comment, setComment] = useState('');
  const [assignee, setAssignee] = useState(alert.assignee ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  useEffect(() => setAssignee(alert.assignee ?? ''), [alert.assignee]);
  if (!can('triage')) return null;

  const send = async (change: { status?: AlertStatus; assignee?: string }) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await api.patch<Alert>(`/api/v1/alerts/${encodeURIComponent(alert.id)}`, { ...change, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setComment('');
      setDone(t('alert.saved'));
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const change: { assignee?: string } = {};
    if (assignee.trim() !== (alert.assignee ?? '')) change.assignee = assignee.trim();
    if (!('assignee' in change) && !comment.trim()) return;
    void send(change);
  };

  return (
    <Card title={t('alert.triage')}>
      <form className="form-stack" onSubmit={submit}>
        <label>
          {t('alert.assignee')}
          <PersonInput value={assignee} onChange={setAssignee} maxLength={100} />
        </label>
        <label>
          {t('alert.comment')}
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={4000} />
        </label>
        <div className="button-row">
          {alert.status === 'open' ? (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void send({ status: 'acknowledged' })}>
              {t('alert.acknowledge')}
            </button>
          ) : null}
          {alert.status !== 'closed' ? (
            <button type="button" className="button" disabled={busy} onClick={() => void send({ status: 'closed' })}>
              {t('alert.close')}
            </button>
          ) : (
            <button type="button" className="button" disabled={busy} onClick={() => void send({ status: 'open' })}>
              {t('alert.reopen')}
            </button>
          )}
          <button type="submit" className="button" disabled={busy}>
            {t('alert.save')}
          </button>
        </div>
        <FieldError error={error} />
        <p role="status" className="muted">
          {done}
        </p>
      </form>
    </Card>
  );
}

/** Opens an incident from this alert (the link is kept, the notification clocks start). */
function OpenIncident({ alert }: { alert: Alert }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!can('triage')) return null;
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const incident = await api.post<{ id: string }>('/api/v1/incidents/from-alerts', { alertIds: [alert.id] });
      navigate(`/incidents/${encodeURIComponent(incident.id)}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Card title={t('alert.incident')}>
      <p className="muted">{t('alert.incidentHint')}</p>
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void open()}>
        {t('alert.openIncident')}
      </button>
      <FieldError error={error} />
    </Card>
  );
}
