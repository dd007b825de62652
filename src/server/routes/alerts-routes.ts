// Alerts: the list with filters, the detail with its evidence and the actor's
// recent activity, triage (acknowledge, assign, close, with a comment), and a
// live stream of new and changed alerts as server-sent events.
import type { FastifyInstance } from 'fastify';
import { LeakwatchError } from '../../errors/index.js';
import { ALERT_SEVERITIES, ALERT_STATUSES, type AlertRecord, type AlertSeverity, type AlertStatus, type EventRecord } from '../../store/index.js';
import type { EventServices, ServerContext } from '../context.js';
import { AUTH_ERRORS, ERROR_SCHEMA, ID_PARAMS } from '../schemas.js';

export const ALERT_SCHEMA = {
  type: 'object',
  required: ['id', 'actor', 'start', 'end', 'severity', 'score', 'channel', 'detector', 'kind', 'title', 'reasons', 'evidence', 'status', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    actor: { type: 'string' },
    start: { type: 'integer' },
    end: { type: 'integer' },
    severity: { type: 'string', enum: [...ALERT_SEVERITIES] },
    score: { type: 'number' },
    channel: { type: 'string' },
    detector: { type: 'string' },
    kind: { type: 'string', enum: ['rule', 'model', 'system'] },
    title: { type: 'string' },
    reasons: { type: 'array', items: { type: 'string' } },
    explanation: { description: 'rule, or the features that deviated with observed, baseline and peer values' },
    evidence: { type: 'array', items: { type: 'string' } },
    status: { type: 'string', enum: [...ALERT_STATUSES] },
    assignee: { type: 'string' },
    createdAt: { type: 'integer' },
    updatedAt: { type: 'integer' },
  },
} as const;

const EVENT_SCHEMA = { type: 'object', additionalProperties: true } as const;

/** What the dashboard shows of an event: no raw vendor record (it may hold personal data). */
export function eventView(e: EventRecord): Record<string, unknown> {
  return { id: e.id, time: e.time, source: e.source, action: e.action, channel: e.channel, actor: { user: e.actor.user ?? e.actor.service, ip: e.actor.ip }, object: e.object ?? {}, destination: e.destination ?? {}, bytes: e.bytes, records: e.records, outcome: e.outcome };
}

interface Comment {
  at: number;
  by: string;
  text: string;
  action: string;
}

const commentsKey = (id: string) => `alert.comments.${id}`;

export function alertsRoutes(app: FastifyInstance, ctx: ServerContext & { events: EventServices }): void {
  const { store, hub } = ctx.events;

  app.get<{ Querystring: { since?: number; until?: number; severity?: AlertSeverity; channel?: string; actor?: string; status?: AlertStatus; limit: number } }>(
    '/api/v1/alerts',
    {
      config: { access: 'read' },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts, newest first, filtered by time (overlap with the alert window), minimum severity, channel, actor and status',
        querystring: {
          type: 'object',
          properties: {
            since: { type: 'integer' },
            until: { type: 'integer' },
            severity: { type: 'string', enum: [...ALERT_SEVERITIES] },
            channel: { type: 'string', maxLength: 64 },
            actor: { type: 'string', maxLength: 256 },
            status: { type: 'string', enum: [...ALERT_STATUSES] },
            limit: { type: 'integer', minimum: 1, maximum: 5000, default: 200 },
          },
        },
        response: { 200: { type: 'object', required: ['alerts', 'next'], properties: { alerts: { type: 'array', items: ALERT_SCHEMA }, next: { type: ['string', 'null'] } } }, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const q = request.query;
      const wanted = q.channel ? q.limit * 4 : q.limit;
      let alerts = await store.listAlerts({
        ...(q.since !== undefined ? { since: q.since } : {}),
        ...(q.until !== undefined ? { until: q.until } : {}),
        ...(q.severity ? { minSeverity: q.severity } : {}),
        ...(q.actor ? { actor: q.actor } : {}),
        ...(q.status ? { status: q.status } : {}),
        limit: Math.min(100_000, wanted),
      });
      if (q.channel) alerts = alerts.filter((a) => a.channel === q.channel).slice(0, q.limit);
      return { alerts, next: null };
    },
  );

  app.get('/api/v1/alerts/stream', { config: { access: 'read' }, schema: { tags: ['alerts'], summary: 'New and changed alerts as server-sent events (`event: alert`)', hide: false } }, async (request, reply) => {
    if (!hub.hasRoom()) throw new LeakwatchError('SERVER_OVERLOADED', 'too many live streams are open', { retryAfterMs: 5000 });
    hub.attach(request, reply, (event) => event === 'alert');
  });

  app.get<{ Params: { id: string } }>(
    '/api/v1/alerts/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['alerts'],
        summary: 'One alert with its evidence events, the actor timeline and the triage comments',
        params: ID_PARAMS,
        response: {
          200: {
            type: 'object',
            required: ['alert', 'events', 'timeline', 'comments'],
            properties: { alert: ALERT_SCHEMA, events: { type: 'array', items: EVENT_SCHEMA }, timeline: { type: 'array', items: EVENT_SCHEMA }, comments: { type: 'array', items: { type: 'object', additionalProperties: true } } },
          },
          404: ERROR_SCHEMA,
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const alert = await store.getAlert(request.params.id);
      if (!alert) throw new LeakwatchError('SERVER_NOT_FOUND', 'no such alert');
      const evidence = await store.getEvents(alert.evidence.slice(0, 200));
      const actor = alert.actor;
      const day = 86_400_000;
      const page = actor ? await store.queryEvents({ actor, since: alert.start - 7 * day, until: alert.end + day, limit: 2000 }) : { events: [] };
      const timeline = page.events.slice(-200).reverse();
      const comments = (await store.getState<Comment[]>(commentsKey(alert.id))) ?? [];
      return { alert, events: evidence.map(eventView), timeline: timeline.map(eventView), comments };
    },
  );

  app.patch<{ Params: { id: string }; Body: { status?: AlertStatus; assignee?: string | null; comment?: string } }>(
    '/api/v1/alerts/:id',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge, assign or close an alert, with an optional comment; recorded on the ledger',
        params: ID_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { status: { type: 'string', enum: [...ALERT_STATUSES] }, assignee: { type: ['string', 'null'], maxLength: 64 }, comment: { type: 'string', maxLength: 4000 } },
        },
        response: { 200: ALERT_SCHEMA, 404: ERROR_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params;
      const before = await store.getAlert(id);
      if (!before) throw new LeakwatchError('SERVER_NOT_FOUND', 'no such alert');
      const by = request.principal!.name;
      const now = ctx.now();
      const { status, assignee, comment } = request.body;
      let after: AlertRecord | null = before;
      if (status !== undefined || assignee !== undefined) after = await store.updateAlert(id, { ...(status !== undefined ? { status } : {}), ...(assignee !== undefined ? { assignee } : {}), updatedAt: now });
      const action = status && status !== before.status ? status : assignee !== undefined ? 'assigned' : 'commented';
      if (comment !== undefined || action !== 'commented') {
        const comments = (await store.getState<Comment[]>(commentsKey(id))) ?? [];
        comments.push({ at: now, by, text: comment ?? '', action });
        await store.setState(commentsKey(id), comments.slice(-500));
      }
      ctx.audit({
        kind: 'alert.updated',
        actor: by,
        subject: `alert:${id}`,
        data: { action, from: before.status, to: after!.status, ...(assignee !== undefined ? { assignee } : {}), ...(comment ? { comment_chars: comment.length } : {}) },
      });
      hub.publish('alert', after);
      return after;
    },
  );
}
