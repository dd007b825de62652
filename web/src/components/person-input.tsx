// A field naming who is responsible (an alert's assignee, an incident's owner),
// with a button that fills in the signed-in person. `children` go on the same row.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

export function PersonInput({ value, onChange, maxLength, children }: { value: string; onChange: (value: string) => void; maxLength: number; children?: ReactNode }) {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <span className="input-row">
      <input value={value} onChange={(e) => onChange(e.target.value)} maxLength={maxLength} />
      {me ? (
        <button type="button" className="button" onClick={() => onChange(me.name)}>
          {t('alert.assignMe')}
        </button>
      ) : null}
      {children}
    </span>
  );
}
