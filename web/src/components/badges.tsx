// Small labelled marks for severity, status and PIPL class: colour plus words,
// never colour alone.
import type { AlertStatus, PiplClass, Severity } from '../api/types';
import { useI18n } from '../i18n/i18n';

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return <span className={`badge sev-badge sev-${severity}`}>{t(`severity.${severity}`)}</span>;
}

export function StatusBadge({ status }: { status: AlertStatus }) {
  const { t } = useI18n();
  return <span className={`badge status-badge status-${status}`}>{t(`status.${status}`)}</span>;
}

export function PiplBadge({ pipl }: { pipl: PiplClass }) {
  const { t } = useI18n();
  const key = pipl ?? 'none';
  return (
    <span className={`badge pipl-badge pipl-${key}`} title={t('pipl.hint')}>
      {t(`pipl.${key}`)}
    </span>
  );
}
