// An API error as a person should read it: the translated meaning of its code,
// or the server's own message when the table has none.
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

export function useErrorText(): (err: unknown) => string {
  const { t, label } = useI18n();
  return (err: unknown) => {
    if (err instanceof ApiError) {
      if (err.code === 'SERVER_NOT_FOUND' && err.message.startsWith('no route')) return t('error.noRoute');
      if (err.code === 'NETWORK') return t('error.network');
      const text = label('error', err.code);
      return text === err.code ? err.message : text;
    }
    return t('error.unexpected');
  };
}

export function ErrorBanner({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      {text(error)}
    </div>
  );
}

/** A form's error, next to the fields it is about. */
export function FieldError({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p className="field-error" role="alert">
      {text(error)}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}
