// The dashboard's pages: path pattern, the permission it needs, and its name.
// Pure data, so the route table can be tested and the nav built from it.
import type { Permission } from './api/types';
import { matchPath, type Params } from './router/match-path';

export type PageId = 'overview' | 'alerts' | 'alert' | 'incidents' | 'incident' | 'trends' | 'windows' | 'dp-export' | 'scans' | 'ledger' | 'settings' | 'settings-section';

export const ROUTES: ReadonlyArray<{ id: PageId; path: string; needs: Permission }> = [
  { id: 'overview', path: '/', needs: 'read' },
  { id: 'alerts', path: '/alerts', needs: 'read' },
  { id: 'alert', path: '/alerts/:id', needs: 'read' },
  { id: 'incidents', path: '/incidents', needs: 'read' },
  { id: 'incident', path: '/incidents/:id', needs: 'read' },
  { id: 'trends', path: '/trends', needs: 'read' },
  { id: 'windows', path: '/windows', needs: 'read' },
  { id: 'dp-export', path: '/private-export', needs: 'read' },
  { id: 'scans', path: '/scans', needs: 'scan' },
  { id: 'ledger', path: '/ledger', needs: 'ledger' },
  { id: 'settings', path: '/settings', needs: 'read' },
  { id: 'settings-section', path: '/settings/:section', needs: 'read' },
];

export function resolveRoute(path: string): { id: PageId; needs: Permission; params: Params } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { id: route.id, needs: route.needs, params };
  }
  return null;
}
