// Every error leaves as `{code, message}` with the catalogue's status. Fastify's
// own errors (schema validation, body size, content type) are mapped to our
// codes; anything unexpected is SERVER_INTERNAL, logged without request data.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CATALOGUE, LeakwatchError, isLeakwatchError, type ErrorCode } from '../errors/index.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'SERVER_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'SERVER_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'SERVER_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'SERVER_BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'SERVER_BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'SERVER_UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'SERVER_PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'SERVER_PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'SERVER_PAYLOAD_TOO_LARGE',
};

export function toErrorBody(err: unknown): { status: number; body: ErrorBody; retryAfter?: number } {
  if (isLeakwatchError(err)) {
    const retry = typeof err.details['retryAfterMs'] === 'number' ? Math.ceil(err.details['retryAfterMs'] / 1000) : undefined;
    return { status: err.status, body: { code: err.code, message: err.message }, ...(retry !== undefined ? { retryAfter: retry } : {}) };
  }
  const fe = err as Partial<FastifyError> & { validation?: unknown };
  if (fe.validation) return { status: 400, body: { code: 'SERVER_BAD_REQUEST', message: fe.message ?? 'invalid request' } };
  if (fe.code && FASTIFY_CODES[fe.code]) {
    const code = FASTIFY_CODES[fe.code]!;
    return { status: ERROR_CATALOGUE[code].status, body: { code, message: fe.message ?? ERROR_CATALOGUE[code].message } };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { code: 'SERVER_BAD_REQUEST', message: fe.message ?? 'bad request' } };
  }
  return { status: 500, body: { code: 'SERVER_INTERNAL', message: ERROR_CATALOGUE.SERVER_INTERNAL.message } };
}

export function installErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { status, body, retryAfter } = toErrorBody(err);
    if (status >= 500) request.log.error({ err: { message: (err as Error).message, stack: (err as Error).stack } }, 'request failed');
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { code: 'SERVER_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` };
    return reply.code(404).send(body);
  });
}

/** The JSON schema of an error body, for the OpenAPI document. */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string', enum: Object.keys(ERROR_CATALOGUE) }, message: { type: 'string' } },
} as const;

export { LeakwatchError };
