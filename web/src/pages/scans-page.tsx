// Scan a file: drop it (or pick it), the server scans it as a job and answers
// with a redacted report: findings with masked previews, each file's PIPL class
// and bulk flag, and the files it could not read.
import { useRef, useState, type DragEvent } from 'react';
import { api } from '../api/client';
import type { ScanJob, ScanReport } from '../api/types';
import { PiplBadge } from '../components/badges';
import { useErrorText } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { formatBytes, formatDateTime, formatDuration, formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { DataTable } from '../components/data-table';

const WAIT_SECONDS = 30;

export function ScansPage() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [jobs, setJobs] = useState<ScanJob[]>([]);
  const [selected, setSelected] = useState<string | null>(null);

  const upload = async (file: File) => {
    setBusy(file.name);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      let { body: job } = await api.upload<ScanJob>(`/api/v1/scans?wait=${WAIT_SECONDS}`, form);
      // A long scan answers 202 first; keep waiting on the job.
      while (job.status === 'queued' || job.status === 'running') {
        job = await api.get<ScanJob>(`/api/v1/scans/${encodeURIComponent(job.id)}?wait=${WAIT_SECONDS}`);
      }
      setJobs((list) => [job, ...list.filter((j) => j.id !== job.id)]);
      setSelected(job.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  };

  const job = jobs.find((j) => j.id === selected) ?? jobs[0];
  return (
    <Page title={t('scans.title')}>
      <section
        className={`dropzone ${dragging ? 'is-dragging' : ''}`}
        aria-labelledby="dropzone-label"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p id="dropzone-label" className="dropzone-text">
          {t('scans.drop')}
        </p>
        <label className="button button-primary file-button">
          {t('scans.choose')}
          <input
            ref={input}
            type="file"
            className="visually-hidden"
            disabled={busy !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
        </label>
        <p className="hint">{t('scans.privacy')}</p>
        <p role="status" className="muted">
          {busy ? t('scans.scanning', { name: busy }) : ''}
        </p>
      </section>
      {error ? <div className="banner banner-error" role="alert">{errorText(error)}</div> : null}
      {jobs.length > 1 ? (
        <label className="inline-label">
          {t('scans.history')}
          <select value={job?.id ?? ''} onChange={(e) => setSelected(e.target.value)}>
            {jobs.map((j) => (
              <option key={j.id} value={j.id}>
                {t('scans.historyItem', { name: j.target, time: formatDateTime(j.createdAt, locale) })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {job ? <ScanResult job={job} /> : null}
    </Page>
  );
}

function ScanResult({ job }: { job: ScanJob }) {
  const { t, locale } = useI18n();
  if (job.status === 'failed' || !job.report) {
    return (
      <div className="banner banner-error" role="alert">
        {t('scans.failed', { name: job.target })} {job.error ?? ''}
      </div>
    );
  }
  const r = job.report;
  return (
    <div className="grid scan-result">
      <Card title={t('scans.summary', { name: job.target })} className="span-2">
        <dl className="facts facts-inline">
          <dt>{t('scans.files')}</dt>
          <dd>{formatNumber(r.stats.filesScanned, locale)}</dd>
          <dt>{t('scans.size')}</dt>
          <dd>{formatBytes(r.stats.bytes, locale)}</dd>
          <dt>{t('scans.findings')}</dt>
          <dd>{formatNumber(r.stats.findings, locale)}</dd>
          <dt>{t('scans.bulkFiles')}</dt>
          <dd>{formatNumber(r.stats.bulkFiles, locale)}</dd>
          <dt>{t('scans.errors')}</dt>
          <dd>{formatNumber(r.stats.errors, locale)}</dd>
          <dt>{t('scans.duration')}</dt>
          <dd>{formatDuration(r.stats.durationMs, locale)}</dd>
        </dl>
        {r.stats.findingsNotListed > 0 ? <p className="banner banner-warn">{t('scans.notListed', { n: formatNumber(r.stats.findingsNotListed, locale) })}</p> : null}
      </Card>
      <FilesTable files={r.files} />
      <FindingsTable findings={r.findings} />
      {r.errors.length > 0 ? <ErrorsTable errors={r.errors} /> : null}
    </div>
  );
}

function FilesTable({ files }: { files: ScanReport['files'] }) {
  const { t, label, locale } = useI18n();
  return (
    <Card title={t('scans.filesTitle')} className="span-2">
      <DataTable columns={[t('scans.path'), t('scans.pipl'), t('scans.bulk'), { title: t('scans.findings'), numeric: true }, { title: t('scans.distinct'), numeric: true }, t('scans.types')]}>
        {files.map((f) => (
          <tr key={f.path}>
            <th scope="row" className="wrap">
              <code>{f.path}</code>
            </th>
            <td>
              <PiplBadge pipl={f.pipl} />
            </td>
            <td>{f.bulk ? <span className="badge bulk-badge">{t('scans.bulkYes')}</span> : <span className="muted">{t('scans.bulkNo')}</span>}</td>
            <td className="num">{formatNumber(f.findings, locale)}</td>
            <td className="num">{formatNumber(f.distinctPersonal, locale)}</td>
            <td className="wrap">
              {Object.entries(f.types)
                .map(([type, n]) => `${label('finding', type)} ×${formatNumber(n, locale)}`)
                .join(', ')}
            </td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}

function FindingsTable({ findings }: { findings: ScanReport['findings'] }) {
  const { t, label } = useI18n();
  return (
    <Card title={t('scans.findingsTitle')} className="span-2">
      {findings.length === 0 ? (
        <p className="muted">{t('scans.noFindings')}</p>
      ) : (
        <DataTable className="findings-table" caption={t('scans.findingsCaption')} columns={[t('scans.type'), t('scans.preview'), t('scans.pipl'), t('scans.confidence'), t('scans.location')]}>
          {findings.map((f, i) => (
            <tr key={`${f.fingerprint}:${f.path}:${f.line}:${f.column}:${i}`}>
              <td>
                {label('finding', f.type)} <span className="muted small">{t(`category.${f.category}`)}</span>
              </td>
              <td>
                <code className="preview">{f.preview}</code>
              </td>
              <td>
                <PiplBadge pipl={f.pipl} />
              </td>
              <td>{t(`confidence.${f.confidence}`)}</td>
              <td className="wrap">
                <code>{`${f.path}:${f.line}:${f.column}`}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}

function ErrorsTable({ errors }: { errors: ScanReport['errors'] }) {
  const { t, label } = useI18n();
  return (
    <Card title={t('scans.errorsTitle')} className="span-2">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('scans.path')}</th>
            <th scope="col">{t('scans.code')}</th>
            <th scope="col">{t('scans.message')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td className="wrap">
                <code>{e.path}</code>
              </td>
              <td>
                <code>{e.code}</code>
              </td>
              <td>{label('error', e.code) === e.code ? e.message : label('error', e.code)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
