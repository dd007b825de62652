// The dashboard's overview and the list of event sources.
import type { FastifyInstance } from 'fastify';
import { silentSources } from '../../events/index.js';
import type { EventServices, ServerContext } from '../context.js';
import { AUTH_ERRORS } from '../schemas.js';

const DAY = 86_400_000;

export function overviewRoutes(app: FastifyInstance, ctx: ServerContext & { events: EventServices }): void {
  const { store } = ctx.events;

  app.get<{ Querystring: { days: number } }>(
    '/api/v1/overview',
    {
      config: { access: 'read' },
      schema: {
        tags: ['overview'],
        summary: 'Alerts by day, channel and severity; the riskiest actors this week; ingest per source; the ledger',
        querystring: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 366, default: 30 } } },
        response: { 200: { type: 'object', additionalProperties: true }, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const now = ctx.now();
      const alerts = await store.listAlerts({ since: now - request.query.days * DAY, limit: 100_000 });
      const byDay = new Map<string, { day: string; channel: string; severity: string; count: number }>();
      const risk = new Map<string, { actor: string; score: number; alerts: number }>();
      for (const a of alerts) {
        const day = new Date(a.start).toISOString().slice(0, 10);
        const key = `${day}|${a.channel}|${a.severity}`;
        const cell = byDay.get(key) ?? { day, channel: a.channel, severity: a.severity, count: 0 };
        cell.count++;
        byDay.set(key, cell);
        if (a.end >= now - 7 * DAY && a.kind !== 'system' && a.status !== 'closed') {
          const r = risk.get(a.actor) ?? { actor: a.actor, score: 0, alerts: 0 };
          r.alerts++;
          // Risk adds up with diminishing returns: the top alert counts most.
          r.score = Math.min(100, Math.max(r.score, a.score) + (r.alerts > 1 ? 5 : 0));
          risk.set(a.actor, r);
        }
      }
      const sources = (await store.listSources()).map((s) => ({
        source: s.stream,
        events: s.events,
        lastEventAt: s.lastTime,
        lagMs: Math.max(0, s.lastIngestTime - s.lastTime),
        eventsPerMinute: s.typicalGapMs > 0 ? Math.round((60_000 / s.typicalGapMs) * 10) / 10 : 0,
      }));
      const status = ctx.ledgerStatus;
      return {
        alertsByDay: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
        riskiestUsers: [...risk.values()].sort((a, b) => b.score - a.score || b.alerts - a.alerts).slice(0, 10),
        sources,
        ledger: { size: ctx.ledger?.log.integratedSize ?? 0, checkpointAt: null, lastVerifiedAt: status?.lastVerifiedAt ?? null, verified: status?.verified ?? null },
      };
    },
  );

  app.get('/api/v1/sources', { config: { access: 'read' }, schema: { tags: ['overview'], summary: 'Event sources with their last event and whether they went silent', response: { 200: { type: 'object', additionalProperties: true }, ...AUTH_ERRORS } } }, async () => {
    const now = ctx.now();
    const silent = new Set((await silentSources(store, now)).map((s) => s.source));
    return {
      sources: (await store.listSources()).map((s) => ({ source: s.stream, events: s.events, lastEventAt: s.lastTime, typicalGapMs: Math.round(s.typicalGapMs), silent: silent.has(s.stream) })),
    };
  });
}
