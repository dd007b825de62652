// The frame around every signed-in page: a skip link, the navigation (only what
// the signed-in role may use), the language switch and the account.
import type { ReactNode } from 'react';
import type { Permission } from '../api/types';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { LOCALES, type Locale } from '../i18n/locale';
import { Link, useLocation } from '../router/router';
import { useSession } from '../session/session';

export const NAV: ReadonlyArray<{ to: string; label: MessageKey; needs: Permission }> = [
  { to: '/', label: 'nav.overview', needs: 'read' },
  { to: '/alerts', label: 'nav.alerts', needs: 'read' },
  { to: '/incidents', label: 'nav.incidents', needs: 'read' },
  { to: '/trends', label: 'nav.trends', needs: 'read' },
  { to: '/windows', label: 'nav.windows', needs: 'read' },
  { to: '/private-export', label: 'nav.dpExport', needs: 'read' },
  { to: '/scans', label: 'nav.scans', needs: 'scan' },
  { to: '/ledger', label: 'nav.ledger', needs: 'ledger' },
  { to: '/settings', label: 'nav.settings', needs: 'read' },
];

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('header.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('header.language')}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, label } = useI18n();
  const { me, can, signOut } = useSession();
  const { path } = useLocation();
  const current = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(to + '/'));
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="6" className="brand-mark" />
            <path d="M16 6c-4 5-7 8.5-7 12a7 7 0 0 0 14 0c0-3.5-3-7-7-12z" className="brand-drop" />
          </svg>
          <span>{t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.filter((item) => can(item.needs)).map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={current(item.to) ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <LanguageSwitch />
          {me ? (
            <span className="who" title={me.user ? label('role', me.user.role) : undefined}>
              {me.user?.displayName || me.name}
              {me.user ? <span className="muted"> {t('header.role', { role: label('role', me.user.role) })}</span> : null}
            </span>
          ) : null}
          <button type="button" className="button button-quiet" onClick={() => void signOut()}>
            {t('header.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
