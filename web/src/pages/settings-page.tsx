// Settings: accounts and roles, API tokens (the secret is shown once), and the
// log sources the server has heard from. Each section shows only to those who
// may use it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ROLES, SCOPES, type ApiToken, type Role, type Scope, type SourceStatus, type User } from '../api/types';
import { CopyButton } from '../components/copy-button';
import { ErrorBanner, Loading, useErrorText } from '../components/error-banner';
import { Card, Page } from '../components/page';
import { useApi } from '../components/use-api';
import { formatDateTime, formatDuration, formatNumber, formatRelative } from '../format/format';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { Link } from '../router/router';
import { useSession } from '../session/session';
import { DataTable } from '../components/data-table';

export type SettingsSection = 'users' | 'tokens' | 'sources';
const SECTIONS: ReadonlyArray<{ id: SettingsSection; label: MessageKey; admin: boolean }> = [
  { id: 'users', label: 'settings.users', admin: true },
  { id: 'tokens', label: 'settings.tokens', admin: true },
  { id: 'sources', label: 'settings.sources', admin: false },
];

export function SettingsPage({ section }: { section: SettingsSection | null }) {
  const { t } = useI18n();
  const { can } = useSession();
  const allowed = SECTIONS.filter((s) => !s.admin || can('admin'));
  const current = allowed.find((s) => s.id === section) ?? allowed[0]!;
  return (
    <Page title={t('settings.title')}>
      <nav aria-label={t('settings.sections')} className="subnav">
        <ul>
          {allowed.map((s) => (
            <li key={s.id}>
              <Link to={`/settings/${s.id}`} aria-current={s.id === current.id ? 'page' : undefined}>
                {t(s.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="stack">
        {current.id === 'users' ? <Users /> : null}
        {current.id === 'tokens' ? <Tokens /> : null}
        {current.id === 'sources' ? <Sources /> : null}
      </div>
    </Page>
  );
}

function Users() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const errorText = useErrorText();
  const users = useApi<{ users: User[] }>('/api/v1/users');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  const change = async (user: User, patch: { role?: Role; disabled?: boolean }) => {
    setError(null);
    setNotice('');
    try {
      const updated = await api.patch<User>(`/api/v1/users/${encodeURIComponent(user.id)}`, patch);
      users.setData((d) => d && { users: d.users.map((u) => (u.id === updated.id ? updated : u)) });
      setNotice(t('users.updated', { name: updated.username }));
    } catch (err) {
      setError(err);
      users.reload();
    }
  };

  return (
    <>
      <Card title={t('users.title')}>
        <ErrorBanner error={users.error} />
        {error ? <div className="banner banner-error" role="alert">{errorText(error)}</div> : null}
        <p role="status" className="muted">
          {notice}
        </p>
        {users.loading && !users.data ? <Loading /> : null}
        {users.data ? (
          <DataTable columns={[t('users.username'), t('users.displayName'), t('users.role'), t('users.state'), t('users.lastLogin'), t('users.actions')]}>
            {users.data.users.map((u) => {
              const self = me?.user?.id === u.id;
              return (
                <tr key={u.id} className={u.disabled ? 'row-disabled' : undefined}>
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>
                    <select aria-label={t('users.roleOf', { name: u.username })} value={u.role} onChange={(e) => void change(u, { role: e.target.value as Role })}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{u.disabled ? <span className="badge bad-badge">{t('users.disabled')}</span> : <span className="badge ok-badge">{t('users.active')}</span>}</td>
                  <td>{u.lastLoginAt === null ? t('common.never') : formatDateTime(u.lastLoginAt, locale)}</td>
                  <td>
                    <button type="button" className="button" disabled={self && !u.disabled} onClick={() => void change(u, { disabled: !u.disabled })} aria-label={t(u.disabled ? 'users.enableNamed' : 'users.disableNamed', { name: u.username })}>
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        ) : null}
        <p className="hint">{t('users.roleHint')}</p>
      </Card>
      <CreateUser onCreated={users.reload} />
    </>
  );
}

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const empty = { username: '', displayName: '', password: '', role: 'viewer' as Role };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice('');
    try {
      const user = await api.post<User>('/api/v1/users', { username: form.username.trim(), password: form.password, role: form.role, ...(form.displayName.trim() ? { displayName: form.displayName.trim() } : {}) });
      setForm(empty);
      setNotice(t('users.created', { name: user.username }));
      onCreated();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={t('users.create')}>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          {t('users.username')}
          <input required maxLength={64} autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        </label>
        <label>
          {t('users.displayName')}
          <input maxLength={128} autoComplete="off" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        </label>
        <label>
          {t('users.password')}
          <input required type="password" minLength={12} autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </label>
        <label>
          {t('users.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('users.createSubmit')}
          </button>
        </div>
      </form>
      {error ? <div className="banner banner-error" role="alert">{errorText(error)}</div> : null}
      <p role="status" className="muted">
        {notice}
      </p>
    </Card>
  );
}

function Tokens() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const tokens = useApi<{ tokens: ApiToken[] }>('/api/v1/tokens');
  const [error, setError] = useState<unknown>(null);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);

  const revoke = async (token: ApiToken) => {
    if (!window.confirm(t('tokens.confirmRevoke', { name: token.name }))) return;
    setError(null);
    try {
      await api.del(`/api/v1/tokens/${encodeURIComponent(token.id)}`);
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      {secret ? <SecretCard name={secret.name} token={secret.token} onDone={() => setSecret(null)} /> : null}
      <Card title={t('tokens.title')}>
        <ErrorBanner error={tokens.error} />
        {error ? <div className="banner banner-error" role="alert">{errorText(error)}</div> : null}
        {tokens.loading && !tokens.data ? <Loading /> : null}
        {tokens.data && tokens.data.tokens.length === 0 ? <p className="muted">{t('tokens.none')}</p> : null}
        {tokens.data && tokens.data.tokens.length > 0 ? (
          <DataTable columns={[t('tokens.name'), t('tokens.scopes'), t('tokens.createdBy'), t('tokens.created'), t('tokens.expires'), t('tokens.lastUsed'), t('users.actions')]}>
            {tokens.data.tokens.map((tk) => (
              <tr key={tk.id} className={tk.revokedAt !== null ? 'row-disabled' : undefined}>
                <th scope="row">{tk.name}</th>
                <td>{tk.scopes.map((s) => t(`scope.${s}`)).join(', ')}</td>
                <td>{tk.createdBy}</td>
                <td>{formatDateTime(tk.createdAt, locale)}</td>
                <td>{tk.expiresAt === null ? t('tokens.noExpiry') : formatDateTime(tk.expiresAt, locale)}</td>
                <td>{tk.lastUsedAt === null ? t('common.never') : formatDateTime(tk.lastUsedAt, locale)}</td>
                <td>
                  {tk.revokedAt !== null ? (
                    <span className="badge bad-badge">{t('tokens.revoked')}</span>
                  ) : (
                    <button type="button" className="button button-danger" onClick={() => void revoke(tk)} aria-label={t('tokens.revokeNamed', { name: tk.name })}>
                      {t('tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Card>
      <CreateToken
        onCreated={(name, token) => {
          setSecret({ name, token });
          tokens.reload();
        }}
      />
    </>
  );
}

/** The new token's secret, shown this once; takes focus so nobody misses it. */
function SecretCard({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card secret-card" aria-labelledby="secret-title">
      <h2 id="secret-title" tabIndex={-1} ref={heading}>
        {t('tokens.secretTitle', { name })}
      </h2>
      <p>{t('tokens.secretOnce')}</p>
      <p className="secret-row">
        <code id="token-secret" className="secret">
          {token}
        </code>
        <CopyButton value={token} targetId="token-secret" />
      </p>
      <button type="button" className="button" onClick={onDone}>
        {t('tokens.secretDone')}
      </button>
    </section>
  );
}

function CreateToken({ onCreated }: { onCreated: (name: string, token: string) => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [days, setDays] = useState('90');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (scopes.length === 0) {
      setError(new Error('scopes'));
      return;
    }
    try {
      const n = Number(days);
      const expiresAt = days.trim() === '' || !(n > 0) ? null : Date.now() + n * 86_400_000;
      const created = await api.post<{ token: string; record: ApiToken }>('/api/v1/tokens', { name: name.trim(), scopes, expiresAt });
      setName('');
      onCreated(created.record.name, created.token);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={t('tokens.create')}>
      <form className="form-stack narrow-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('tokens.name')}
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('tokens.scopes')}</legend>
          {SCOPES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes((list) => (e.target.checked ? [...list, s] : list.filter((x) => x !== s)))} />
              {t(`scope.${s}`)}
              <span className="hint"> {t(`scope.${s}.hint`)}</span>
            </label>
          ))}
        </fieldset>
        <label>
          {t('tokens.expiresInDays')}
          <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} aria-describedby="expiry-hint" />
        </label>
        <p id="expiry-hint" className="hint">
          {t('tokens.expiryHint')}
        </p>
        <div>
          <button type="submit" className="button button-primary">
            {t('tokens.createSubmit')}
          </button>
        </div>
      </form>
      {error ? (
        <div className="banner banner-error" role="alert">
          {error instanceof Error && error.message === 'scopes' ? t('tokens.needScope') : errorText(error)}
        </div>
      ) : null}
    </Card>
  );
}

function Sources() {
  const { t, label, locale } = useI18n();
  const sources = useApi<{ sources: SourceStatus[] }>('/api/v1/sources');
  const now = Date.now();
  return (
    <Card title={t('settings.sources')}>
      <p className="hint">{t('sources.hint')}</p>
      <ErrorBanner error={sources.error} />
      {sources.loading && !sources.data ? <Loading /> : null}
      {sources.data && sources.data.sources.length === 0 ? <p className="muted">{t('sources.none')}</p> : null}
      {sources.data && sources.data.sources.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('sources.source')}</th>
              <th scope="col" className="num">
                {t('sources.events')}
              </th>
              <th scope="col">{t('sources.lastEvent')}</th>
              <th scope="col">{t('sources.typicalGap')}</th>
              <th scope="col">{t('sources.state')}</th>
            </tr>
          </thead>
          <tbody>
            {sources.data.sources.map((s) => (
              <tr key={s.source}>
                <th scope="row">{label('source', s.source)}</th>
                <td className="num">{formatNumber(s.events, locale)}</td>
                <td>{s.lastEventAt === null ? t('common.never') : formatRelative(s.lastEventAt, now, locale)}</td>
                <td>{s.typicalGapMs === null ? t('common.none') : formatDuration(s.typicalGapMs, locale)}</td>
                <td>{s.silent ? <span className="badge bad-badge">{t('sources.silent')}</span> : <span className="badge ok-badge">{t('sources.flowing')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}
