// Prometheus metrics: one registry per server, so tests can run many servers.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';

export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'leakwatch_http_request_duration_seconds',
    help: 'HTTP request latency by route and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly eventsIngested = new Counter({ name: 'leakwatch_events_ingested_total', help: 'Events stored, by source', labelNames: ['source'] as const, registers: [this.registry] });
  readonly eventsDuplicate = new Counter({ name: 'leakwatch_events_duplicate_total', help: 'Events received again and skipped', labelNames: ['source'] as const, registers: [this.registry] });
  readonly deadLettered = new Counter({ name: 'leakwatch_events_dead_letter_total', help: 'Records that could not be parsed, by source', labelNames: ['source'] as const, registers: [this.registry] });
  readonly detectionLag = new Histogram({
    name: 'leakwatch_detection_lag_seconds',
    help: 'Time from ingest to the end of detection for an event batch',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({ name: 'leakwatch_queue_depth', help: 'Requests and jobs waiting (ingest batches, scans)', labelNames: ['queue'] as const, registers: [this.registry] });
  readonly alerts = new Gauge({ name: 'leakwatch_alerts', help: 'Alerts by severity and status', labelNames: ['severity', 'status'] as const, registers: [this.registry] });
  readonly scans = new Counter({ name: 'leakwatch_scans_total', help: 'Scan jobs by outcome', labelNames: ['outcome'] as const, registers: [this.registry] });
  readonly logins = new Counter({ name: 'leakwatch_logins_total', help: 'Login attempts by outcome', labelNames: ['outcome'] as const, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'leakwatch_' });
  }

  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.httpDuration.observe({ method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` }, reply.elapsedTime / 1000);
    });
  }
}
