// First run: the server printed a one-time link with a token; this page reads it
// from the address, checks it, and creates the first admin account.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useErrorText } from '../components/error-banner';
import { LanguageSwitch } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { Link, navigate, useLocation } from '../router/router';

const MIN_PASSWORD = 12;

export function SetupPage({ onDone }: { onDone: (username: string) => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [check, setCheck] = useState<'checking' | 'valid' | 'invalid' | 'done' | 'failed'>('checking');
  const [form, setForm] = useState({ username: 'admin', displayName: '', password: '', confirm: '' });
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .probe<{ needed: boolean; valid: boolean }>(`/api/v1/setup?token=${encodeURIComponent(token)}`)
      .then((s) => live && setCheck(!s.needed ? 'done' : s.valid ? 'valid' : 'invalid'))
      .catch((err: unknown) => {
        if (!live) return;
        setError(err);
        setCheck('failed');
      });
    return () => {
      live = false;
    };
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.password !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    setError(null);
    try {
      await api.postPublic('/api/v1/setup', { token, username: form.username.trim(), password: form.password, ...(form.displayName.trim() ? { displayName: form.displayName.trim() } : {}) });
      // The token is spent: take it out of the address bar and history.
      navigate('/login', { replace: true });
      onDone(form.username.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })) });

  return (
    <div className="auth-screen">
      <div className="auth-tools">
        <LanguageSwitch />
      </div>
      <main className="auth-card" id="main">
        <h1>{t('setup.title')}</h1>
        {check === 'checking' ? <p role="status">{t('setup.checking')}</p> : null}
        {check === 'done' ? (
          <div className="banner banner-ok" role="status">
            {t('setup.alreadyDone')}{' '}
            <Link to="/login">{t('setup.toLogin')}</Link>
          </div>
        ) : null}
        {check === 'invalid' ? <div className="banner banner-error" role="alert">{t('setup.invalid')}</div> : null}
        {check === 'failed' ? <div className="banner banner-error" role="alert">{errorText(error)}</div> : null}
        {check === 'valid' ? (
          <>
            <p className="muted">{t('setup.intro')}</p>
            {error ? <div className="banner banner-error" role="alert">{errorText(error)}</div> : null}
            <form onSubmit={(e) => void submit(e)} className="form-stack">
              <label>
                {t('setup.username')}
                <input name="username" autoComplete="username" required maxLength={64} {...field('username')} />
              </label>
              <label>
                {t('setup.displayName')}
                <input name="displayName" autoComplete="name" maxLength={128} {...field('displayName')} />
              </label>
              <label>
                {t('setup.password')}
                <input name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD} aria-describedby="password-hint" {...field('password')} />
              </label>
              <p id="password-hint" className="hint">
                {t('setup.passwordHint', { n: MIN_PASSWORD })}
              </p>
              <label>
                {t('setup.confirm')}
                <input name="confirm" type="password" autoComplete="new-password" required aria-invalid={mismatch || undefined} {...field('confirm')} />
              </label>
              {mismatch ? <p className="field-error" role="alert">{t('setup.mismatch')}</p> : null}
              <button type="submit" className="button button-primary" disabled={busy}>
                {t('setup.submit')}
              </button>
            </form>
          </>
        ) : null}
      </main>
    </div>
  );
}
