// Amazon S3 server access logs: the native space-delimited line (with [time] and
// "quoted" fields), and the parsed JSON form SIEMs store (Panther's lower-case
// keys, or snake_case). The log that carries bytes for object reads.
import type { Channel, DataEvent } from '../data-event.js';
import { build, get, hashId, isRecord, num, parseTime, recordError, str, vendorId, type Attributes } from './fields.js';
import type { FormatParser, ParseContext, RecordInput } from './format.js';

/** Field names of the native line, in order (AWS "Amazon S3 server access log format"). */
export const S3_ACCESS_FIELDS = [
  'bucket_owner',
  'bucket',
  'time',
  'remote_ip',
  'requester',
  'request_id',
  'operation',
  'key',
  'request_uri',
  'http_status',
  'error_code',
  'bytes_sent',
  'object_size',
  'total_time',
  'turn_around_time',
  'referrer',
  'user_agent',
  'version_id',
  'host_id',
  'signature_version',
  'cipher_suite',
  'authentication_type',
  'host_header',
  'tls_version',
  'access_point_arn',
  'acl_required',
] as const;

/** A native access-log line starts with owner, bucket and a bracketed time. */
export const S3_ACCESS_LINE = /^\S+ \S+ \[\d{2}\/[A-Za-z]{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] \S+ \S+ \S+ \S+/;

/** Splits a line into fields: spaces separate, "..." and [...] group. */
export function splitAccessLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && line[i] === ' ') i++;
    if (i >= n) break;
    const c = line[i];
    if (c === '"' || c === '[') {
      const close = c === '"' ? '"' : ']';
      let j = i + 1;
      let s = '';
      while (j < n && line[j] !== close) {
        if (c === '"' && line[j] === '\\' && j + 1 < n) {
          s += line[j + 1];
          j += 2;
        } else s += line[j++];
      }
      out.push(c === '[' ? `[${s}]` : s);
      i = j + 1;
    } else {
      let j = i;
      while (j < n && line[j] !== ' ') j++;
      out.push(line.slice(i, j));
      i = j;
    }
  }
  return out;
}

function channelFor(op: string): Channel {
  const o = op.toUpperCase();
  if (o === 'REST.GET.OBJECT' || o === 'WEBSITE.GET.OBJECT' || o === 'REST.GET.TORRENT' || o === 'REST.POST.SELECT') return 'download';
  if (o === 'REST.PUT.OBJECT' || o === 'REST.POST.UPLOAD' || o === 'REST.POST.UPLOADS' || o === 'REST.PUT.PART' || o === 'REST.POST.OBJECT') return 'upload';
  if (o.startsWith('REST.COPY.')) return 'write';
  if (o.includes('.DELETE.') && (o.endsWith('.OBJECT') || o.endsWith('.BUCKET') || o.endsWith('.UPLOAD') || o.endsWith('.MULTI_OBJECT_DELETE'))) return 'delete';
  if (/\.(ACL|BUCKETPOLICY|POLICY|PUBLICACCESSBLOCK|BUCKETPOLICYSTATUS|CORS|OWNERSHIPCONTROLS)$/.test(o) && !o.startsWith('REST.GET.') && !o.startsWith('REST.HEAD.')) return 'permission_change';
  if (o === 'REST.PUT.LOGGING_STATUS' || o === 'REST.DELETE.LOGGING_STATUS') return 'logging_change';
  if (o.startsWith('REST.GET.') || o.startsWith('REST.HEAD.') || o.startsWith('WEBSITE.')) return 'read';
  if (o.startsWith('REST.PUT.') || o.startsWith('REST.POST.') || o.startsWith('REST.DELETE.')) return 'admin';
  return 'other';
}

const ALIASES: Record<string, readonly string[]> = {
  bucket_owner: ['bucketowner', 'bucket_owner'],
  bucket: ['bucket'],
  time: ['time', 'request_time', 'eventtime'],
  remote_ip: ['remoteip', 'remote_ip'],
  requester: ['requester'],
  request_id: ['requestid', 'request_id'],
  operation: ['operation'],
  key: ['key'],
  request_uri: ['requesturi', 'request_uri'],
  http_status: ['httpstatus', 'http_status'],
  error_code: ['errorcode', 'error_code'],
  bytes_sent: ['bytessent', 'bytes_sent'],
  object_size: ['objectsize', 'object_size'],
  total_time: ['totaltime', 'total_time'],
  referrer: ['referrer'],
  user_agent: ['useragent', 'user_agent'],
  version_id: ['versionid', 'version_id'],
  signature_version: ['signatureversion', 'signature_version'],
  authentication_type: ['authenticationtype', 'authentication_type'],
  host_header: ['hostheader', 'host_header'],
  tls_version: ['tlsversion', 'tls_version'],
};

function fromJson(v: unknown): Record<string, unknown> {
  if (!isRecord(v)) throw recordError('EVENTS_RECORD_INVALID', 'an S3 access record must be a JSON object or a log line');
  const out: Record<string, unknown> = {};
  for (const [name, keys] of Object.entries(ALIASES)) {
    for (const k of keys) {
      const x = get(v, k);
      if (x !== undefined) {
        out[name] = x;
        break;
      }
    }
  }
  return out;
}

function fromLine(line: string): Record<string, unknown> {
  const parts = splitAccessLine(line);
  if (parts.length < 9 || !parts[2]?.startsWith('[')) throw recordError('EVENTS_PARSE_FAILED', 'not an S3 server access log line (expected owner, bucket, [time], ip, requester, request id, operation, key, "request")');
  const out: Record<string, unknown> = {};
  S3_ACCESS_FIELDS.forEach((name, i) => {
    if (parts[i] !== undefined) out[name] = parts[i];
  });
  return out;
}

function accessEvent(f: Record<string, unknown>, raw: unknown, ctx: ParseContext): DataEvent {
  const op = str(f['operation']);
  if (!op) throw recordError('EVENTS_RECORD_INVALID', 'the S3 access record has no operation');
  const channel = channelFor(op);
  const status = num(f['http_status']);
  const errorCode = str(f['error_code']);
  const requester = str(f['requester']);
  const bytesSent = num(f['bytes_sent']);
  const objectSize = num(f['object_size']);
  const attrs: Attributes = { operation: op };
  if (status !== undefined) attrs['http_status'] = status;
  if (errorCode) attrs['error_code'] = errorCode;
  if (objectSize !== undefined) attrs['object_size'] = objectSize;
  for (const k of ['referrer', 'version_id', 'signature_version', 'authentication_type', 'host_header', 'tls_version'] as const) {
    const v = str(f[k]);
    if (v) attrs[k] = v;
  }
  const totalTime = num(f['total_time']);
  if (totalTime !== undefined) attrs['total_time_ms'] = totalTime;
  let bytes = bytesSent;
  if (channel === 'download' && bytes === undefined && objectSize !== undefined) {
    bytes = objectSize;
    attrs['bytes_from_object_size'] = true;
  }
  if (channel === 'upload' && bytes === undefined) bytes = objectSize;
  const key = str(f['key']);
  const reqId = vendorId(f['request_id']);
  const bucket = str(f['bucket']);
  return build({
    id: reqId ? `s3access:${reqId}` : hashId('s3access', raw),
    time: parseTime(f['time']),
    ingestTime: ctx.ingestTime,
    source: 's3access',
    action: op,
    channel,
    actor: requester ? (requester.startsWith('svc:') ? { service: requester.slice(4), ip: str(f['remote_ip']) } : { user: requester, ip: str(f['remote_ip']) }) : { user: 'anonymous', ip: str(f['remote_ip']) },
    object: { container: bucket, path: key ? decodeKey(key) : undefined, kind: key ? 'object' : 'bucket' },
    bytes,
    outcome: (status !== undefined && status >= 400) || errorCode ? 'failure' : status !== undefined ? 'success' : 'unknown',
    tenant: bucket,
    attributes: attrs,
    raw,
  });
}

/** Keys in access logs are URL-encoded once more; keep the original when decoding fails. */
function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

export const s3AccessParser: FormatParser = {
  format: 's3access',
  parse(input: RecordInput, ctx: ParseContext): DataEvent[] {
    if (input.kind === 'text') return [accessEvent(fromLine(input.text), input.text, ctx)];
    if (input.kind === 'json') return [accessEvent(fromJson(input.value), input.value, ctx)];
    throw recordError('EVENTS_RECORD_INVALID', 'S3 access records are log lines or JSON objects');
  },
};
