// Push ingestion: POST /api/v1/events takes a batch (JSON array, `{"Records":[...]}`,
// NDJSON or a vendor file as is, gzip too) in any format the event engine reads,
// streams it through the same pipeline as `leakwatch ingest` (parse, deduplicate,
// store durably, detect) and answers with the counts. Batches run one at a time.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { LeakwatchError } from '../../errors/index.js';
import { IngestPipeline, type SourceFormat } from '../../events/index.js';
import type { EventServices, ServerContext } from '../context.js';
import { AUTH_ERRORS, ERROR_SCHEMA } from '../schemas.js';
import { IngestScheduler } from '../ingest-scheduler.js';

const FORMATS = ['auto', 'cloudtrail', 's3access', 'm365', 'gworkspace', 'okta', 'entra', 'auditd', 'windows'] as const;
const ACCEPTED_TYPES = ['application/json', 'application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'text/plain', 'text/csv', 'application/gzip', 'application/octet-stream'];

/** Counts bytes and fails the stream past the limit, so an oversize batch is refused mid-stream. */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new LeakwatchError('SERVER_PAYLOAD_TOO_LARGE', `the batch is larger than ${this.limit} bytes`));
    else done(null, chunk);
  }
}

export function eventsRoutes(app: FastifyInstance, ctx: ServerContext & { events: EventServices }): void {
  const queue = new IngestScheduler(ctx.config.ingestConcurrency, ctx.config.ingestQueue);
  const { store, detection } = ctx.events;

  void app.register(async (scope) => {
    // Inside this scope the body stays a stream: the pipeline parses it as it arrives.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(ACCEPTED_TYPES, (_request, payload, done) => done(null, payload));
    scope.post<{ Querystring: { format: (typeof FORMATS)[number] } }>(
      '/api/v1/events',
      {
        config: { access: 'ingest' },
        bodyLimit: ctx.config.ingestBodyLimit,
        schema: {
          tags: ['events'],
          summary: 'Ingest a batch of audit-log records (JSON array, NDJSON or a vendor file; gzip accepted)',
          querystring: { type: 'object', properties: { format: { type: 'string', enum: [...FORMATS], default: 'auto' } } },
          response: {
            200: {
              type: 'object',
              required: ['records', 'accepted', 'duplicate', 'dead_lettered'],
              properties: {
                records: { type: 'integer' },
                accepted: { type: 'integer', description: 'new events stored' },
                duplicate: { type: 'integer' },
                dead_lettered: { type: 'integer' },
                reasons: { type: 'object', additionalProperties: { type: 'integer' } },
                format: { type: 'string' },
              },
            },
            413: ERROR_SCHEMA,
            415: ERROR_SCHEMA,
            503: ERROR_SCHEMA,
            ...AUTH_ERRORS,
          },
        },
      },
      async (request) => {
        const format = request.query.format;
        const body = request.body as NodeJS.ReadableStream;
        const limit = ctx.config.ingestBodyLimit;
        // An oversize batch is refused before anything is stored: by its declared length,
        // or, sent chunked without one, after spooling it to a private file within the limit.
        const declared = request.headers['content-length'];
        if (declared !== undefined && Number(declared) > limit) throw new LeakwatchError('SERVER_PAYLOAD_TOO_LARGE', `the batch is larger than ${limit} bytes`);
        let spool: string | null = null;
        if (declared === undefined) {
          spool = await mkdtemp(join(tmpdir(), 'leakwatch-batch-'));
          try {
            await pipeline(body, new ByteLimit(limit), createWriteStream(join(spool, 'batch'), { mode: 0o600 }));
          } catch (err) {
            await rm(spool, { recursive: true, force: true });
            throw err;
          }
        }
        const input = () => (spool ? createReadStream(join(spool, 'batch')) : body.pipe(new ByteLimit(limit)));
        ctx.metrics.queueDepth.set({ queue: 'ingest' }, queue.depth + 1);
        let summary;
        try {
          summary = await queue.run(async (turn) => {
            const started = ctx.now();
            const pipeline = new IngestPipeline(store, {
              ...(format !== 'auto' ? { format: format as SourceFormat } : {}),
              stdin: input,
              onEvents: async (events) => {
                await turn.ready;
                await detection.onEvents(events);
                ctx.metrics.detectionLag.observe(Math.max(0, ctx.now() - started) / 1000);
              },
            });
            return pipeline.run(['-']);
          });
        } finally {
          if (spool) await rm(spool, { recursive: true, force: true });
        }
        ctx.metrics.queueDepth.set({ queue: 'ingest' }, queue.depth);
        const file = summary.files[0];
        if (file?.skipped) throw new LeakwatchError('SERVER_UNSUPPORTED_MEDIA_TYPE', `the batch is in no format the event engine reads: ${file.skipped}`);
        const source = file?.format ?? 'unknown';
        ctx.metrics.eventsIngested.inc({ source }, summary.total.events);
        ctx.metrics.eventsDuplicate.inc({ source }, summary.total.duplicates);
        ctx.metrics.deadLettered.inc({ source }, summary.total.dead_letter);
        return {
          records: summary.total.records,
          accepted: summary.total.events,
          duplicate: summary.total.duplicates,
          dead_lettered: summary.total.dead_letter,
          reasons: file?.reasons ?? {},
          format: source,
        };
      },
    );
  });
}
