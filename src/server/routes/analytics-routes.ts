// Analytics over HTTP: the incident report (JSON, or CSV to download), monthly
// trends, the named calendar windows and their rate ratios, and differentially
// private releases under each dataset's budget. Releases spend budget that never
// comes back, so making one (and capping a budget) needs `admin`; reading needs `read`.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DIMENSION_NAMES, csvLine, formatReportCsv, parseWindowsSpec, toJson, windowsFromRecords, type DimensionName, type DpRequest, type WindowsSpec } from '../../analytics/index.js';
import { LeakwatchError } from '../../errors/index.js';
import type { IncidentServices, ServerContext } from '../context.js';
import { AUTH_ERRORS, ERROR_SCHEMA } from '../schemas.js';
import { FILTER_QUERY, filterOf, type FilterQuery } from './incidents-routes.js';

const OPEN_OBJECT = { type: 'object', additionalProperties: true } as const;
const RANGE = { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 } } } as const;
const WINDOW = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', maxLength: 64 }, label: { type: 'string', maxLength: 200 }, ranges: { type: 'array', items: RANGE, maxItems: 500 }, yearly: { type: 'array', items: RANGE, maxItems: 50 } },
} as const;
const WINDOWS_SPEC = { type: 'object', additionalProperties: false, required: ['windows'], properties: { period: RANGE, windows: { type: 'array', items: WINDOW, minItems: 1, maxItems: 50 } } } as const;

/** JSON with infinite rate ratios written as "Infinity" (see toJson). */
const sendJson = (reply: FastifyReply, value: unknown) => reply.type('application/json; charset=utf-8').send(toJson(value));

function dimensions(by: string | undefined): DimensionName[] | undefined {
  if (!by) return undefined;
  const names = by.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(DIMENSION_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new LeakwatchError('ANALYTICS_DIMENSION_UNKNOWN', `unknown dimension ${unknown.join(', ')} (known: ${DIMENSION_NAMES.join(', ')})`);
  return names as DimensionName[];
}

export function analyticsRoutes(app: FastifyInstance, ctx: ServerContext & { incidents: IncidentServices }): void {
  const { analytics, windows, dp } = ctx.incidents;

  app.get<{ Querystring: FilterQuery & { format: 'json' | 'csv'; windows: 'stored' | 'none' } }>(
    '/api/v1/analytics/report',
    {
      config: { access: 'read' },
      schema: {
        tags: ['analytics'],
        summary: 'The incident report (totals, counts by dimension, disclosure share, trends, and the stored windows) for the filtered incidents; ?format=csv downloads it as a tidy CSV',
        querystring: { type: 'object', properties: { ...FILTER_QUERY, format: { type: 'string', enum: ['json', 'csv'], default: 'json' }, windows: { type: 'string', enum: ['stored', 'none'], default: 'stored' } } },
        response: { ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { format, windows: w, ...q } = request.query;
      const report = await analytics.report(filterOf(q), { windows: w === 'stored' ? 'stored' : null });
      if (format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="leakwatch-report.csv"').send(formatReportCsv(report));
      }
      return sendJson(reply, report);
    },
  );

  app.get<{ Querystring: FilterQuery & { format: 'json' | 'csv' } }>(
    '/api/v1/analytics/trends',
    {
      config: { access: 'read' },
      schema: {
        tags: ['analytics'],
        summary: 'Monthly series (all, and by channel, cause, sector and region) with the flagged months; ?format=csv downloads them',
        querystring: { type: 'object', properties: { ...FILTER_QUERY, format: { type: 'string', enum: ['json', 'csv'], default: 'json' } } },
        response: { ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { format, ...q } = request.query;
      const { trends } = await analytics.report(filterOf(q), { windows: null });
      if (format === 'csv') {
        const lines = [csvLine(['dimension', 'key', 'month', 'incidents', 'change', 'baseline', 'p_value'])];
        for (const s of trends.series) {
          const changes = new Map(s.changes.map((c) => [c.month, c]));
          trends.months.forEach((m, i) => {
            const c = changes.get(m);
            lines.push(csvLine([s.dimension, s.key, m, s.counts[i] ?? 0, c?.direction ?? '', c?.baseline ?? '', c?.pValue ?? '']));
          });
        }
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="leakwatch-trends.csv"').send(lines.join(''));
      }
      return sendJson(reply, trends);
    },
  );

  app.get(
    '/api/v1/analytics/windows',
    { config: { access: 'read' }, schema: { tags: ['analytics'], summary: 'The saved calendar windows', response: { 200: { type: 'object', properties: { windows: { type: 'array', items: OPEN_OBJECT } } }, ...AUTH_ERRORS } } },
    async () => ({ windows: await windows.listWindows() }),
  );

  app.put<{ Body: WindowsSpec }>(
    '/api/v1/analytics/windows',
    {
      config: { access: 'triage' },
      schema: { tags: ['analytics'], summary: 'Replaces the saved calendar windows (checked as a whole first); recorded on the ledger', body: { type: 'object', additionalProperties: false, required: ['windows'], properties: { windows: WINDOWS_SPEC.properties.windows } }, response: { 200: { type: 'object', properties: { windows: { type: 'array', items: OPEN_OBJECT } } }, ...AUTH_ERRORS } },
    },
    async (request) => {
      const spec = parseWindowsSpec(request.body);
      const actor = request.principal!.name;
      const at = ctx.now();
      const before = new Map((await windows.listWindows()).map((w) => [w.name, w]));
      for (const w of spec.windows) await windows.saveWindow({ ...w, createdBy: before.get(w.name)?.createdBy ?? actor, createdAt: before.get(w.name)?.createdAt ?? at, updatedAt: at });
      const names = new Set(spec.windows.map((w) => w.name));
      for (const name of before.keys()) if (!names.has(name)) await windows.deleteWindow(name);
      ctx.audit({ kind: 'analytics.windows_saved', actor, subject: 'analytics:windows', data: { windows: [...names] } });
      return { windows: await windows.listWindows() };
    },
  );

  app.post<{ Body: { spec?: WindowsSpec; filter?: FilterQuery; by?: string } }>(
    '/api/v1/analytics/windows/report',
    {
      config: { access: 'read' },
      schema: {
        tags: ['analytics'],
        summary: 'Incident rates inside vs outside each window (given, or the saved ones): rate ratios with exact 95% intervals and p-values, overall and by category. Computes only; saves nothing',
        body: { type: 'object', additionalProperties: false, properties: { spec: WINDOWS_SPEC, filter: { type: 'object', additionalProperties: false, properties: FILTER_QUERY }, by: { type: 'string', maxLength: 200 } } },
        response: { ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { spec, filter, by } = request.body;
      const windowDimensions = dimensions(by);
      let chosen: WindowsSpec;
      if (spec) chosen = parseWindowsSpec(spec);
      else {
        const saved = await windows.listWindows();
        if (saved.length === 0) throw new LeakwatchError('ANALYTICS_WINDOWS_INVALID', 'no windows are saved; define some or send them');
        chosen = { windows: windowsFromRecords(saved) };
      }
      const report = await analytics.report(filterOf(filter ?? {}), { windows: chosen, ...(windowDimensions ? { windowDimensions } : {}) });
      return sendJson(reply, report.windows);
    },
  );

  app.get(
    '/api/v1/analytics/dp/budgets',
    {
      config: { access: 'read' },
      schema: { tags: ['analytics'], summary: "Every dataset's privacy budget (cap, spent, remaining) and the releases made", response: { 200: { type: 'object', properties: { budgets: { type: 'array', items: OPEN_OBJECT }, releases: { type: 'array', items: OPEN_OBJECT } } }, ...AUTH_ERRORS } },
    },
    async () => {
      const releases = (await dp.releases()).map((r) => ({ id: r.id, at: r.at, actor: r.actor, datasets: r.datasets, status: r.status, epsilon: r.epsilon / 1e6, delta: r.delta / 1e15, by: r.request['by'] ?? null }));
      return { budgets: await dp.budgets(), releases };
    },
  );

  app.put<{ Params: { dataset: string }; Body: { epsilon: string | number; delta: string | number } }>(
    '/api/v1/analytics/dp/budgets/:dataset',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['analytics'],
        summary: "Caps a dataset's budget (any cap before its first release, only lower afterwards); recorded on the ledger",
        params: { type: 'object', required: ['dataset'], properties: { dataset: { type: 'string', minLength: 1, maxLength: 64 } } },
        body: { type: 'object', additionalProperties: false, required: ['epsilon', 'delta'], properties: { epsilon: { type: ['string', 'number'], maxLength: 32 }, delta: { type: ['string', 'number'], maxLength: 32 } } },
        response: { 200: OPEN_OBJECT, ...AUTH_ERRORS },
      },
    },
    async (request) => dp.setCap(request.params.dataset, request.body.epsilon, request.body.delta, request.principal!.name),
  );

  app.post<{ Body: Omit<DpRequest, 'filter'> & { filter?: FilterQuery } }>(
    '/api/v1/analytics/dp/releases',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['analytics'],
        summary: 'A differentially private release of counts (and sums of records) by the chosen dimensions; spends ε/δ of each dataset read, refused with ANALYTICS_BUDGET_EXCEEDED (nothing spent) when a budget cannot pay',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['epsilon', 'by'],
          properties: {
            epsilon: { type: ['string', 'number'], maxLength: 32 },
            delta: { type: ['string', 'number'], maxLength: 32 },
            by: { anyOf: [{ type: 'string', maxLength: 200 }, { type: 'array', items: { type: 'string', maxLength: 32 }, minItems: 1, maxItems: 4 }] },
            mechanism: { type: 'string', enum: ['laplace', 'gaussian'] },
            keys: { type: 'string', enum: ['public', 'threshold'] },
            datasets: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 50 },
            maxKeysPerIncident: { type: 'integer', minimum: 1, maximum: 100 },
            sum: { type: 'string', enum: ['records'] },
            clamp: { type: 'integer', minimum: 1 },
            years: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: { type: 'integer' }, to: { type: 'integer' } } },
            filter: { type: 'object', additionalProperties: false, properties: FILTER_QUERY },
          },
        },
        response: { 409: ERROR_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { filter, ...rest } = request.body;
      // Datasets are chosen (and charged) by `datasets`, never through the filter.
      const { datasets: _ignored, ...selection } = filterOf(filter ?? {});
      void _ignored;
      const release = await dp.release({ ...rest, ...(filter ? { filter: selection } : {}) }, request.principal!.name);
      return sendJson(reply.code(201), release);
    },
  );
}
