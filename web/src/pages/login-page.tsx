// Sign in with a local account. The session lands in an HttpOnly cookie; the
// page only learns the CSRF token and the permissions.
import { useState, type FormEvent } from 'react';
import { useErrorText } from '../components/error-banner';
import { LanguageSwitch } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

export function LoginPage({ notice }: { notice?: string }) {
  const { t } = useI18n();
  const { signIn, expired } = useSession();
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-screen">
      <div className="auth-tools">
        <LanguageSwitch />
      </div>
      <main className="auth-card" id="main">
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {notice ? <div className="banner banner-ok" role="status">{notice}</div> : null}
        {expired ? <div className="banner banner-warn" role="status">{t('login.expired')}</div> : null}
        {error ? <div className="banner banner-error" role="alert">{errorText(error)}</div> : null}
        <form onSubmit={(e) => void submit(e)} className="form-stack">
          <label>
            {t('login.username')}
            <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          </label>
          <label>
            {t('login.password')}
            <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
