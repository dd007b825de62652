// The dashboard: the built bundle in web/dist, served by the same server. The
// files are public (they are the same for everyone and hold no data: every
// number on a page comes from the authenticated API). Any other GET outside the
// API answers index.html so the dashboard's own router can take the path.
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { LeakwatchError } from '../../errors/index.js';
import type { ServerContext } from '../context.js';

/** web/dist beside the package: the same relative place from src/server/routes and dist/server/routes. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths the server owns: never answered with the dashboard, even when no route matched. */
const SERVER_PREFIXES = ['/api/', '/ledger/', '/metrics', '/healthz', '/openapi.json'];

/** Hashed build output: safe to cache for a year, a new build has new names. */
const IMMUTABLE_PREFIX = 'assets/';

export function isServerPath(path: string): boolean {
  return path === '/api' || SERVER_PREFIXES.some((p) => path.startsWith(p));
}

/** The file under `root` a request path names, or null when it would leave `root` or is no file. */
function fileIn(root: string, rel: string): string | null {
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const full = resolve(root, rel);
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

export async function webRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const root = resolve(ctx.config.webDir ?? DEFAULT_WEB_DIR);
  // Only reply.sendFile: the one route below decides what is served.
  await app.register(fastifyStatic, { root, serve: false, suppressWarning: true });

  app.get<{ Params: { '*': string } }>(
    '/*',
    // Public on purpose: the built bundle (HTML, JS, CSS, icons) only; it carries no data.
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const path = '/' + (request.params['*'] ?? '');
      if (isServerPath(path)) throw new LeakwatchError('SERVER_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
      if (!existsSync(join(root, 'index.html'))) throw new LeakwatchError('SERVER_WEB_NOT_BUILT');
      const rel = path.slice(1);
      const file = rel === '' ? null : fileIn(root, rel);
      if (file !== null) {
        if (rel.startsWith(IMMUTABLE_PREFIX)) return reply.sendFile(rel, root, { maxAge: 365 * 24 * 3600_000, immutable: true });
        return reply.header('cache-control', 'no-cache').sendFile(rel, root, { cacheControl: false });
      }
      // A missing asset is a 404; anything else is a dashboard page.
      if (rel.startsWith(IMMUTABLE_PREFIX) || /\.[a-z0-9]{1,8}$/i.test(rel)) throw new LeakwatchError('SERVER_NOT_FOUND', `no file ${path}`);
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', root, { cacheControl: false });
    },
  );
}
