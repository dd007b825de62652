// Health, metrics and the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { VERSION } from '../../version.js';

export function systemRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness', response: { 200: { type: 'object', required: ['status', 'version'], properties: { status: { type: 'string' }, version: { type: 'string' } } } } },
    },
    async () => ({ status: 'ok', version: VERSION }),
  );

  app.get('/metrics', { config: { access: 'read' }, schema: { tags: ['system'], summary: 'Prometheus metrics (text exposition format)' } }, async (_request, reply) => {
    ctx.metrics.queueDepth.set({ queue: 'scans' }, ctx.scans.depth);
    if (ctx.events) {
      ctx.metrics.alerts.reset();
      const counts = new Map<string, number>();
      for (const a of await ctx.events.store.listAlerts({ limit: 100_000 })) counts.set(`${a.severity}|${a.status}`, (counts.get(`${a.severity}|${a.status}`) ?? 0) + 1);
      for (const [key, n] of counts) {
        const [severity, status] = key.split('|') as [string, string];
        ctx.metrics.alerts.set({ severity, status }, n);
      }
    }
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });

  app.get('/openapi.json', { config: { access: 'read' }, schema: { tags: ['system'], summary: 'This API as an OpenAPI 3.1 document' } }, async () => app.swagger());
}
