// The audit ledger: the current signed checkpoint as the server publishes it, a
// "verify now" that recomputes the tree, what the witnesses last co-signed, and
// the newest entries (every login, role change, alert triage and scan).
import { useState } from 'react';
import { api, queryString } from '../api/client';
import type { LedgerEntry, LedgerVerification, Witness } from '../api/types';
import { ErrorBanner, Loading, useErrorText } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { useApi } from '../components/use-api';
import { formatDateTime, formatNumber, formatRelative } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { DataTable } from '../components/data-table';

const PAGE = 50;

export function LedgerPage() {
  const { t } = useI18n();
  return (
    <Page title={t('ledger.title')}>
      <div className="grid">
        <Checkpoint />
        <Verify />
        <Witnesses />
        <Entries />
      </div>
    </Page>
  );
}

function Checkpoint() {
  const { t } = useI18n();
  const checkpoint = useApi<string>('/api/v1/ledger/checkpoint', 'text');
  return (
    <Card
      title={t('ledger.checkpoint')}
      actions={
        <button type="button" className="button" onClick={checkpoint.reload}>
          {t('common.refresh')}
        </button>
      }
    >
      <p className="hint">{t('ledger.checkpointHint')}</p>
      <ErrorBanner error={checkpoint.error} />
      {checkpoint.loading && checkpoint.data === undefined ? <Loading /> : null}
      {checkpoint.data !== undefined ? (
        <pre className="checkpoint" tabIndex={0} aria-label={t('ledger.checkpoint')}>
          {checkpoint.data}
        </pre>
      ) : null}
    </Card>
  );
}

function Verify() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const [result, setResult] = useState<LedgerVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post<LedgerVerification>('/api/v1/ledger/verify'));
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('ledger.verify')}>
      <p className="hint">{t('ledger.verifyHint')}</p>
      <button type="button" className="button button-primary" onClick={() => void run()} disabled={busy}>
        {busy ? t('ledger.verifying') : t('ledger.verifyNow')}
      </button>
      <div role="status" className="verify-result">
        {result ? (
          <>
            <p className={result.ok ? 'banner banner-ok' : 'banner banner-error'}>{result.ok ? t('ledger.verifyOk', { n: formatNumber(result.size, locale) }) : t('ledger.verifyFailed')}</p>
            <dl className="facts">
              <dt>{t('ledger.size')}</dt>
              <dd>{t('ledger.entries', { n: formatNumber(result.size, locale) })}</dd>
              <dt>{t('ledger.rootHash')}</dt>
              <dd>
                <code className="hash">{result.rootHash}</code>
              </dd>
              <dt>{t('ledger.checkedAt')}</dt>
              <dd>{formatDateTime(result.checkedAt, locale)}</dd>
              {result.problem ? (
                <>
                  <dt>{t('ledger.problem')}</dt>
                  <dd>{result.problem}</dd>
                </>
              ) : null}
            </dl>
          </>
        ) : null}
        {error ? <p className="banner banner-error">{errorText(error)}</p> : null}
      </div>
    </Card>
  );
}

function Witnesses() {
  const { t, locale } = useI18n();
  const witnesses = useApi<{ witnesses: Witness[] }>('/api/v1/ledger/witnesses');
  const now = Date.now();
  return (
    <Card title={t('ledger.witnesses')} className="span-2">
      <ErrorBanner error={witnesses.error} />
      {witnesses.loading && !witnesses.data ? <Loading /> : null}
      {witnesses.data && witnesses.data.witnesses.length === 0 ? <p className="muted">{t('ledger.noWitnesses')}</p> : null}
      {witnesses.data && witnesses.data.witnesses.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('ledger.witness')}</th>
              <th scope="col">{t('ledger.witnessState')}</th>
              <th scope="col" className="num">
                {t('ledger.lastSize')}
              </th>
              <th scope="col">{t('ledger.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {witnesses.data.witnesses.map((w) => (
              <tr key={w.name}>
                <th scope="row">{w.name}</th>
                <td>{w.ok ? <span className="badge ok-badge">{t('ledger.witnessOk')}</span> : <span className="badge bad-badge">{t('ledger.witnessBad')}</span>}</td>
                <td className="num">{formatNumber(w.lastSize, locale)}</td>
                <td>{w.lastSeenAt === null ? t('common.never') : formatRelative(w.lastSeenAt, now, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}

/** The request for the page of entries older than `oldest` (the lowest index shown). */
export function olderPage(oldest: number, pageSize: number): { from: number; limit: number } | null {
  if (oldest <= 0) return null;
  const from = Math.max(0, oldest - pageSize);
  return { from, limit: oldest - from };
}

function Entries() {
  const { t, label, locale } = useI18n();
  const latest = useApi<{ size: number; entries: LedgerEntry[] }>(`/api/v1/ledger/entries${queryString({ limit: PAGE })}`);
  const [older, setOlder] = useState<LedgerEntry[]>([]);
  const [error, setError] = useState<unknown>(null);
  const entries = [...(latest.data?.entries ?? []), ...older].sort((a, b) => b.index - a.index);
  const oldest = entries.length > 0 ? entries[entries.length - 1]!.index : 0;
  const more = olderPage(oldest, PAGE);
  const loadOlder = async () => {
    if (!more) return;
    try {
      const page = await api.get<{ entries: LedgerEntry[] }>(`/api/v1/ledger/entries${queryString(more)}`);
      setOlder((list) => [...list, ...page.entries.filter((e) => e.index < oldest)]);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card
      title={t('ledger.recent')}
      className="span-2"
      actions={
        <button
          type="button"
          className="button"
          onClick={() => {
            setOlder([]);
            latest.reload();
          }}
        >
          {t('common.refresh')}
        </button>
      }
    >
      <ErrorBanner error={latest.error ?? error} />
      {latest.loading && !latest.data ? <Loading /> : null}
      {latest.data ? (
        <>
          <p className="muted">{t('ledger.entries', { n: formatNumber(latest.data.size, locale) })}</p>
          <DataTable className="compact ledger-entries" columns={[{ title: t('ledger.index'), numeric: true }, t('ledger.at'), t('ledger.kind'), t('ledger.actor'), t('ledger.subject')]}>
            {entries.map((e) => (
              <tr key={e.index}>
                <td className="num">{e.index}</td>
                <td>{formatDateTime(e.record.at, locale)}</td>
                <td>
                  {label('kind', e.record.kind)} <code className="muted small">{e.record.kind}</code>
                </td>
                <td>{e.record.actor}</td>
                <td className="wrap">{e.record.subject}</td>
              </tr>
            ))}
          </DataTable>
          {more ? (
            <button type="button" className="button" onClick={() => void loadOlder()}>
              {t('ledger.older')}
            </button>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
