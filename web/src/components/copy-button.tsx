// Copies a value to the clipboard and says so; falls back to selecting the text
// where the Clipboard API is unavailable (plain HTTP on another host).
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

export function CopyButton({ value, targetId }: { value: string; targetId?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      const el = targetId ? document.getElementById(targetId) : null;
      if (el) window.getSelection()?.selectAllChildren(el);
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        {t('common.copy')}
      </button>
      <span role="status" className="muted">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </>
  );
}
