// The HTTP server: Fastify 5 with validated schemas, an OpenAPI 3.1 document,
// access rules on every route, `{code, message}` errors, security headers and
// metrics. Pure assembly: the context brings the capabilities.
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { VERSION } from '../version.js';
import { installAccess, type RouteAccess } from './access.js';
import type { ServerContext } from './context.js';
import { installErrors } from './errors.js';
import { installSecurityHeaders } from './security-headers.js';
import { adminRoutes } from './routes/admin-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { scanRoutes } from './routes/scan-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import { webRoutes } from './routes/web-routes.js';

export interface BuiltServer {
  readonly app: FastifyInstance;
  /** Every route with its access rule, as registered. */
  readonly routes: readonly RouteAccess[];
}

export interface BuildOptions {
  /** Fastify's logger: false in tests; a pino config in `serve`. */
  readonly logger?: boolean | Record<string, unknown>;
  /** Extra route sets (events, alerts, ledger) registered after the core ones; the dashboard comes last. */
  readonly plugins?: ReadonlyArray<(app: FastifyInstance, ctx: ServerContext) => void | Promise<void>>;
}

export async function buildServer(ctx: ServerContext, options: BuildOptions = {}): Promise<BuiltServer> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: false,
    // Fastify's request lines would log query strings, and a setup token must not land
    // in a log: requests are logged below by route pattern only.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false, allowUnionTypes: true } },
  });
  const routes: RouteAccess[] = [];
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.scanUploadLimit, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Leakwatch API', version: VERSION, description: 'Self-hosted data-leak defense: scans, events, alerts and the audit ledger.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lw_session' },
          token: { type: 'http', scheme: 'bearer', description: 'API token (lwt_...) with scopes ingest, read or admin' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  installErrors(app);
  installSecurityHeaders(app, { https: ctx.config.secureCookies });
  installAccess(app, ctx, routes);
  ctx.metrics.install(app);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime), who: request.principal?.name }, 'request');
  });
  systemRoutes(app, ctx);
  authRoutes(app, ctx);
  adminRoutes(app, ctx);
  scanRoutes(app, ctx);
  for (const plugin of options.plugins ?? []) await plugin(app, ctx);
  // Last: the dashboard's catch-all GET never shadows an API route (specific routes win anyway).
  await webRoutes(app, ctx);
  await app.ready();
  return { app, routes };
}
