// Incidents over HTTP: the board (list with filters), creation by hand or from
// alerts (the links kept), the detail with timeline, comments, evidence and
// notification clocks, and changes (status, owner, coding, notifications).
// The registry does the work and writes every change to the ledger.
import type { FastifyInstance } from 'fastify';
import { LeakwatchError } from '../../errors/index.js';
import { INCIDENT_STATUSES, allowedTransitions, type Incident, type IncidentPatch, type IncidentStatus, type NewIncident } from '../../incidents/index.js';
import type { IncidentFilter } from '../../store/index.js';
import type { EventServices, IncidentServices, ServerContext } from '../context.js';
import { AUTH_ERRORS, ERROR_SCHEMA, ID_PARAMS } from '../schemas.js';

/** Comma-separated list filters of the board and the analytics routes. */
export const FILTER_QUERY = {
  status: { type: 'string', maxLength: 200, description: 'comma-separated statuses' },
  dataset: { type: 'string', maxLength: 400, description: 'comma-separated datasets' },
  source: { type: 'string', maxLength: 200 },
  owner: { type: 'string', maxLength: 200 },
  channel: { type: 'string', maxLength: 400 },
  cause: { type: 'string', maxLength: 200 },
  sector: { type: 'string', maxLength: 400, description: 'NAICS sectors (62, 31-33, Unknown)' },
  region: { type: 'string', maxLength: 400, description: 'ISO 3166-2:CN regions (CN-GD)' },
  country: { type: 'string', maxLength: 16 },
  q: { type: 'string', maxLength: 200, description: 'text in the title' },
  yearFrom: { type: 'integer', minimum: 1, maximum: 4095 },
  yearTo: { type: 'integer', minimum: 1, maximum: 4095 },
} as const;

export interface FilterQuery {
  status?: string;
  dataset?: string;
  source?: string;
  owner?: string;
  channel?: string;
  cause?: string;
  sector?: string;
  region?: string;
  country?: string;
  q?: string;
  yearFrom?: number;
  yearTo?: number;
}

const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

/** The store filter of a query (unknown values simply match nothing). */
export function filterOf(q: FilterQuery): IncidentFilter {
  const f: Record<string, unknown> = {
    statuses: list(q.status),
    datasets: list(q.dataset),
    sources: list(q.source),
    channels: list(q.channel),
    causes: list(q.cause),
    sectors: list(q.sector),
    regions: list(q.region),
    owner: q.owner || undefined,
    country: q.country || undefined,
    text: q.q?.trim() || undefined,
    yearFrom: q.yearFrom,
    yearTo: q.yearTo,
  };
  for (const k of Object.keys(f)) if (f[k] === undefined || (Array.isArray(f[k]) && (f[k] as unknown[]).length === 0)) delete f[k];
  return f as IncidentFilter;
}

/** What the board shows of an incident: no VERIS document, no source fields. */
export function incidentSummary(i: Incident): Record<string, unknown> {
  return {
    id: i.id,
    title: i.title,
    status: i.status,
    owner: i.owner,
    dataset: i.dataset,
    source: i.source,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    discoveredAt: i.discoveredAt,
    year: i.facts.year,
    month: i.facts.month,
    alertIds: i.alertIds,
    leak: i.leak,
    sector: i.facts.sector,
    countries: i.facts.countries,
  };
}

const OPEN_OBJECT = { type: 'object', additionalProperties: true } as const;
const LEAK_BODY = { type: 'object', additionalProperties: false, properties: { channel: { type: ['string', 'null'] }, cause: { type: ['string', 'null'] }, officialChannel: { type: ['boolean', 'null'] }, dataClasses: { type: ['array', 'null'], items: { type: 'string' }, maxItems: 3 }, recordsAffected: { type: ['integer', 'null'], minimum: 0 }, cnRegion: { type: ['string', 'null'] } } } as const;
const CODING_PROPERTIES = {
  title: { type: 'string', minLength: 1, maxLength: 500 },
  summary: { type: 'string', maxLength: 100_000 },
  discoveredAt: { type: ['integer', 'null'], minimum: 0 },
  veris: OPEN_OBJECT,
  leak: LEAK_BODY,
  regulations: { type: ['array', 'null'], items: { type: 'string', maxLength: 64 }, maxItems: 20 },
} as const;
const ALERT_IDS = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, minItems: 1, maxItems: 100, uniqueItems: true } as const;
const NEW_INCIDENT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: { ...CODING_PROPERTIES, dataset: { type: 'string', maxLength: 64 }, owner: { type: ['string', 'null'], maxLength: 200 }, alertIds: { ...ALERT_IDS, minItems: 0 } },
} as const;

type NewIncidentBody = Omit<NewIncident, 'veris' | 'leak'> & { veris?: Record<string, unknown>; leak?: Record<string, unknown> };
interface PatchBody {
  version?: number;
  status?: IncidentStatus;
  reason?: string;
  owner?: string | null;
  title?: string;
  summary?: string;
  discoveredAt?: number | null;
  veris?: Record<string, unknown>;
  leak?: Record<string, unknown>;
  regulations?: string[] | null;
  notified?: { policyId: string; at: number };
}

export function incidentsRoutes(app: FastifyInstance, ctx: ServerContext & { events: EventServices; incidents: IncidentServices }): void {
  const { registry } = ctx.incidents;
  const { store } = ctx.events;

  const detail = async (id: string) => {
    const incident = await registry.get(id);
    const [timeline, comments, evidence] = await Promise.all([registry.timeline(id), registry.comments(id), registry.evidence(id)]);
    return { incident, timeline, comments, evidence, clocks: registry.clocks(incident), transitions: allowedTransitions(incident.status) };
  };

  app.get<{ Querystring: FilterQuery & { limit: number; offset: number } }>(
    '/api/v1/incidents',
    {
      config: { access: 'read' },
      schema: {
        tags: ['incidents'],
        summary: 'Incidents, most recently changed first, filtered by status, dataset, source, owner, channel, cause, sector, region, country, year and title text',
        querystring: { type: 'object', properties: { ...FILTER_QUERY, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 }, offset: { type: 'integer', minimum: 0, default: 0 } } },
        response: { 200: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: OPEN_OBJECT }, total: { type: 'integer' } } }, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { limit, offset, ...q } = request.query;
      const page = await registry.list(filterOf(q), { limit, offset });
      return { items: page.items.map(incidentSummary), total: page.total };
    },
  );

  app.post<{ Body: NewIncidentBody }>(
    '/api/v1/incidents',
    {
      config: { access: 'triage' },
      schema: { tags: ['incidents'], summary: 'Creates an incident by hand (status new); recorded on the ledger', body: NEW_INCIDENT_BODY, response: { 201: OPEN_OBJECT, 404: ERROR_SCHEMA, ...AUTH_ERRORS } },
    },
    async (request, reply) => {
      const incident = await registry.create(request.body as NewIncident, request.principal!.name);
      return reply.code(201).send(incident);
    },
  );

  app.post<{ Body: { alertIds: string[]; title?: string; summary?: string; owner?: string | null } }>(
    '/api/v1/incidents/from-alerts',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['incidents'],
        summary: 'Creates an incident from alerts that exist, linking them and recording each as evidence; the notification clocks start now',
        body: { type: 'object', additionalProperties: false, required: ['alertIds'], properties: { alertIds: ALERT_IDS, title: CODING_PROPERTIES.title, summary: CODING_PROPERTIES.summary, owner: { type: ['string', 'null'], maxLength: 200 } } },
        response: { 201: OPEN_OBJECT, 404: ERROR_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { alertIds, title, ...rest } = request.body;
      const alerts = await Promise.all(alertIds.map((id) => store.getAlert(id)));
      const missing = alertIds.filter((_, i) => !alerts[i]);
      if (missing.length) throw new LeakwatchError('INCIDENTS_ALERT_NOT_FOUND', `no alert ${missing.join(', ')}`, { alertIds: missing });
      const first = alerts[0]!;
      const incident = await registry.createFromAlerts(alertIds, { title: title ?? first.title, ...rest }, request.principal!.name);
      return reply.code(201).send(incident);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/incidents/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['incidents'],
        summary: 'One incident with its timeline, comments, evidence, notification clocks and the statuses it may move to',
        params: ID_PARAMS,
        response: { 200: { type: 'object', required: ['incident', 'timeline', 'comments', 'evidence', 'clocks', 'transitions'], additionalProperties: true }, 404: ERROR_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request) => detail(request.params.id),
  );

  app.patch<{ Params: { id: string }; Body: PatchBody }>(
    '/api/v1/incidents/:id',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['incidents'],
        summary: 'Edits the coding, assigns, records a notification and moves the status (in that order); `version` refuses a stale edit; each change is on the ledger',
        params: ID_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            ...CODING_PROPERTIES,
            version: { type: 'integer', minimum: 1 },
            status: { type: 'string', enum: [...INCIDENT_STATUSES] },
            reason: { type: 'string', maxLength: 2000 },
            owner: { type: ['string', 'null'], maxLength: 200 },
            notified: { type: 'object', additionalProperties: false, required: ['policyId', 'at'], properties: { policyId: { type: 'string', maxLength: 64 }, at: { type: 'integer', minimum: 0 } } },
          },
        },
        response: { 200: { type: 'object', additionalProperties: true }, 404: ERROR_SCHEMA, 409: ERROR_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params;
      const actor = request.principal!.name;
      const { version, status, reason, owner, notified, ...coding } = request.body;
      // Only the first change compares versions; the later ones follow it.
      let expected = version;
      const once = () => {
        const options = expected !== undefined ? { expectedVersion: expected } : {};
        expected = undefined;
        return options;
      };
      if (Object.keys(coding).length > 0) await registry.update(id, coding as IncidentPatch, actor, once());
      if (owner !== undefined) await registry.assign(id, owner, actor, once());
      if (notified) await registry.markNotified(id, notified.policyId, notified.at, actor, once());
      if (status !== undefined) await registry.transition(id, status, actor, { ...once(), ...(reason ? { reason } : {}) });
      return detail(id);
    },
  );

  app.post<{ Params: { id: string }; Body: { body: string } }>(
    '/api/v1/incidents/:id/comments',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['incidents'],
        summary: 'Adds a comment (the ledger keeps its hash, not its text)',
        params: ID_PARAMS,
        body: { type: 'object', additionalProperties: false, required: ['body'], properties: { body: { type: 'string', minLength: 1, maxLength: 100_000 } } },
        response: { 201: OPEN_OBJECT, 404: ERROR_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await registry.comment(request.params.id, request.body.body, request.principal!.name)),
  );
}
