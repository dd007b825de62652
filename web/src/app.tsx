// The dashboard: session gate, layout and page by route. Setup and login live
// outside the layout; every other page needs a session and its permission.
import { useEffect, useState } from 'react';
import { Layout } from './components/layout';
import { Page } from './components/page';
import { useI18n } from './i18n/i18n';
import { AlertDetailPage } from './pages/alert-detail-page';
import { AlertsPage } from './pages/alerts-page';
import { DpExportPage } from './pages/dp-export-page';
import { IncidentDetailPage } from './pages/incident-detail-page';
import { IncidentsPage } from './pages/incidents-page';
import { TrendsPage } from './pages/trends-page';
import { WindowsPage } from './pages/windows-page';
import { LedgerPage } from './pages/ledger-page';
import { LoginPage } from './pages/login-page';
import { OverviewPage } from './pages/overview-page';
import { ScansPage } from './pages/scans-page';
import { SettingsPage, type SettingsSection } from './pages/settings-page';
import { SetupPage } from './pages/setup-page';
import { resolveRoute } from './routes';
import { Link, navigate, useLocation } from './router/router';
import { useSession } from './session/session';

export function App() {
  const { t } = useI18n();
  const { state } = useSession();
  const { path } = useLocation();
  const [created, setCreated] = useState<string | null>(null);

  useEffect(() => {
    if (state === 'signed-in' && (path === '/login' || path === '/setup')) navigate('/', { replace: true });
  }, [state, path]);

  if (path === '/setup' && state !== 'signed-in') return <SetupPage onDone={setCreated} />;
  if (state === 'loading') {
    return (
      <p className="boot" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (state === 'signed-out') return <LoginPage {...(created ? { notice: t('setup.created', { name: created }) } : {})} />;
  return (
    <Layout>
      <CurrentPage path={path} />
    </Layout>
  );
}

function CurrentPage({ path }: { path: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const route = resolveRoute(path);
  if (!route) {
    return (
      <Page title={t('notFound.title')}>
        <p>{t('notFound.text')}</p>
        <Link to="/">{t('notFound.home')}</Link>
      </Page>
    );
  }
  if (!can(route.needs)) {
    return (
      <Page title={t('forbidden.title')}>
        <p>{t('forbidden.text')}</p>
      </Page>
    );
  }
  switch (route.id) {
    case 'overview':
      return <OverviewPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'alert':
      return <AlertDetailPage key={route.params['id']} id={route.params['id'] ?? ''} />;
    case 'incidents':
      return <IncidentsPage />;
    case 'incident':
      return <IncidentDetailPage key={route.params['id']} id={route.params['id'] ?? ''} />;
    case 'trends':
      return <TrendsPage />;
    case 'windows':
      return <WindowsPage />;
    case 'dp-export':
      return <DpExportPage />;
    case 'scans':
      return <ScansPage />;
    case 'ledger':
      return <LedgerPage />;
    case 'settings':
    case 'settings-section':
      return <SettingsPage section={(route.params['section'] as SettingsSection | undefined) ?? null} />;
  }
}
