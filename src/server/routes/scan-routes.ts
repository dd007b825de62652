// Scans over HTTP: upload a file (multipart) or name a server-side path inside a
// folder an admin allowed. Each scan is a job; `?wait=N` waits up to N seconds
// for the report. Reports are always redacted.
import { createWriteStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { LeakwatchError } from '../../errors/index.js';
import type { ServerContext } from '../context.js';
import type { ScanJob } from '../scan-jobs.js';
import { AUTH_ERRORS, ERROR_SCHEMA, ID_PARAMS } from '../schemas.js';

const JOB_SCHEMA = {
  type: 'object',
  required: ['id', 'status', 'target', 'requestedBy', 'createdAt', 'finishedAt', 'error'],
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    target: { type: 'string' },
    requestedBy: { type: 'string' },
    createdAt: { type: 'integer' },
    finishedAt: { type: ['integer', 'null'] },
    error: { type: ['string', 'null'] },
    report: { type: ['object', 'null'], additionalProperties: true, description: 'The scanner report (`leakwatch scan --format json`), redacted' },
  },
} as const;

const WAIT_QUERY = { type: 'object', properties: { wait: { type: 'integer', minimum: 0, maximum: 120, default: 0 } } } as const;

/** A file name safe to show: no folders, no control characters. */
function uploadName(name: string | undefined): string {
  const clean = basename(String(name ?? 'upload')).replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  return clean.length > 0 && clean !== '.' && clean !== '..' ? clean : 'upload';
}

export function scanRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const answer = async (reply: FastifyReply, job: ScanJob, waitSeconds: number) => {
    const settled = waitSeconds > 0 ? ((await ctx.scans.wait(job.id, waitSeconds * 1000)) ?? job) : job;
    const finished = settled.status === 'done' || settled.status === 'failed';
    return reply.code(finished ? 200 : 202).send(settled);
  };

  app.post<{ Querystring: { wait: number }; Body: { path?: string } }>(
    '/api/v1/scans',
    {
      config: { access: 'scan' },
      bodyLimit: ctx.config.bodyLimit,
      schema: {
        tags: ['scans'],
        summary: 'Scan an uploaded file (multipart/form-data, field "file") or a server-side path ({"path"}) inside an allowed folder',
        querystring: WAIT_QUERY,
        response: { 200: JOB_SCHEMA, 202: JOB_SCHEMA, 413: ERROR_SCHEMA, 415: ERROR_SCHEMA, 503: ERROR_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const by = request.principal!.name;
      if (request.isMultipart()) {
        const upload = await ctx.scans.uploadDir();
        try {
          const part = await request.file({ limits: { fileSize: ctx.config.scanUploadLimit, files: 1 } });
          if (!part) throw new LeakwatchError('SERVER_BAD_REQUEST', 'the form has no file field');
          const name = uploadName(part.filename);
          const path = join(upload.dir, name);
          await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
          if (part.file.truncated) throw new LeakwatchError('SERVER_PAYLOAD_TOO_LARGE', `the file is larger than ${ctx.config.scanUploadLimit} bytes`);
          const job = ctx.scans.submit({ requestedBy: by, target: name, path, rename: { from: path, to: name }, cleanup: upload.remove });
          return answer(reply, job, request.query.wait);
        } catch (err) {
          await upload.remove();
          throw err;
        }
      }
      const target = (request.body as { path?: unknown } | undefined)?.path;
      if (typeof target !== 'string' || target.length === 0 || target.length > 4096) throw new LeakwatchError('SERVER_BAD_REQUEST', 'send a file as multipart/form-data, or JSON {"path": "..."}');
      const real = await realpath(target).catch(() => null);
      if (real === null) throw new LeakwatchError('SERVER_PATH_NOT_ALLOWED', 'the path does not exist or is outside the allowed folders');
      const roots = await Promise.all(ctx.config.scanRoots.map((r) => realpath(r).catch(() => null)));
      if (!roots.some((root) => root !== null && (real === root || real.startsWith(root.endsWith(sep) ? root : root + sep)))) {
        throw new LeakwatchError('SERVER_PATH_NOT_ALLOWED', 'the path does not exist or is outside the allowed folders');
      }
      const job = ctx.scans.submit({ requestedBy: by, target, path: real, rename: { from: real, to: target } });
      return answer(reply, job, request.query.wait);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { wait: number } }>(
    '/api/v1/scans/:id',
    { config: { access: 'scan' }, schema: { tags: ['scans'], summary: 'A scan job and, when done, its report', params: ID_PARAMS, querystring: WAIT_QUERY, response: { 200: JOB_SCHEMA, 202: JOB_SCHEMA, 404: ERROR_SCHEMA, ...AUTH_ERRORS } } },
    async (request, reply) => {
      const job = ctx.scans.get(request.params.id);
      if (!job) throw new LeakwatchError('SERVER_NOT_FOUND', 'no such scan job');
      return answer(reply, job, request.query.wait);
    },
  );
}
