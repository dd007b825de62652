// Linux auditd: raw audit.log lines, several records per event joined by their
// `msg=audit(<epoch>:<serial>)` id (SYSCALL, EXECVE, CWD, PATH, PROCTITLE,
// SOCKADDR...), and Microsoft's auoms records (one flattened line per syscall,
// often inside Sentinel Syslog rows). Transfer tools, writes under removable
// mounts and audit configuration changes get their channels.
import type { Channel, DataEvent, Outcome } from '../data-event.js';
import { build, get, isRecord, parseTime, recordError, str, type Attributes } from './fields.js';
import type { FormatParser, ParseContext, RecordInput } from './format.js';

/** `type=X msg=audit(1604996384.965:93777):` (optionally after `node=host `). */
export const AUDIT_LINE = /^(?:node=(\S+) )?type=(\S+) msg=audit\((\d+)(?:\.(\d+))?:(\d+)\):\s?(.*)$/;
const AUOMS_LINE = /type=(AUOMS_\S+|\S+) audit\((\d+)(?:\.(\d+))?:(\d+)\):\s?(.*)$/;

/** Fields auditd hex-encodes when their value holds spaces or control characters. */
const HEX_FIELDS = /^(proctitle|a\d+|name|comm|exe|cwd|path|data|key|acct|cmd|old|new)$/;
/** x86_64 syscall numbers of the calls that matter here. */
const SYSCALLS: Record<string, string> = {
  '2': 'open',
  '257': 'openat',
  '85': 'creat',
  '59': 'execve',
  '322': 'execveat',
  '87': 'unlink',
  '263': 'unlinkat',
  '82': 'rename',
  '264': 'renameat',
  '316': 'renameat2',
  '165': 'mount',
  '166': 'umount2',
  '42': 'connect',
  '44': 'sendto',
  '46': 'sendmsg',
  '76': 'truncate',
  '77': 'ftruncate',
  '90': 'chmod',
  '268': 'fchmodat',
  '92': 'chown',
};
const TRANSFER_TOOLS = new Set(['scp', 'sftp', 'rsync', 'curl', 'wget', 'rclone', 'nc', 'ncat', 'netcat', 'socat', 'ftp', 'lftp', 'aws', 'gsutil', 'azcopy', 's3cmd', 'smbclient', 'mutt', 'sendmail', 'rclone-linux', 'mega-put', 'gdrive']);
const REMOVABLE = /^\/(media|run\/media|mnt\/(usb|removable|sd[a-z]))\//;
const LOGIN_TYPES = new Set(['USER_LOGIN', 'USER_AUTH', 'USER_START', 'USER_END', 'CRED_ACQ', 'LOGIN', 'USER_ERR', 'USER_LOGOUT', 'CRED_REFR']);
const ADMIN_TYPES = new Set(['ADD_USER', 'DEL_USER', 'ADD_GROUP', 'DEL_GROUP', 'USER_MGMT', 'GRP_MGMT', 'USER_CHAUTHTOK', 'ROLE_ASSIGN', 'ROLE_REMOVE', 'USER_ROLE_CHANGE', 'SERVICE_START', 'SERVICE_STOP']);
const LOGGING_TYPES = new Set(['CONFIG_CHANGE', 'DAEMON_END', 'DAEMON_ABORT', 'DAEMON_CONFIG', 'DAEMON_ROTATE']);

function hexDecode(v: string): string | undefined {
  if (v.length < 2 || v.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(v)) return undefined;
  const text = Buffer.from(v, 'hex').toString('utf8');
  return text.replace(/\0+$/, '').replace(/\0/g, ' ');
}

/**
 * key=value fields of one record: "quoted" and unquoted values, hex-encoded
 * values decoded, `msg='...'` of user-space records flattened into the same map,
 * auoms arrays (`path_name=["/a","/b"]`) kept as text. Enriched logs put
 * translated upper-case fields (AUID="alice") after a GS byte.
 */
export function parseAuditFields(text: string, out = new Map<string, string>(), depth = 0): Map<string, string> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && (text[i] === ' ' || text[i] === '\x1d' || text[i] === '\t')) i++;
    const keyStart = i;
    while (i < n && text[i] !== '=' && text[i] !== ' ' && text[i] !== '\x1d') i++;
    if (i >= n || text[i] !== '=') continue;
    const key = text.slice(keyStart, i);
    i++;
    const c = text[i];
    let value: string;
    let quoted = false;
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      value = text.slice(i + 1, end < 0 ? n : end);
      i = end < 0 ? n : end + 1;
      quoted = true;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      value = text.slice(i + 1, end < 0 ? n : end);
      i = end < 0 ? n : end + 1;
      quoted = true;
      if (depth < 2) parseAuditFields(value, out, depth + 1);
    } else if (c === '[') {
      let j = i + 1;
      let inQ = false;
      while (j < n && (inQ || text[j] !== ']')) {
        if (text[j] === '"') inQ = !inQ;
        j++;
      }
      value = text.slice(i, Math.min(j + 1, n));
      i = j + 1;
      quoted = true;
    } else if (key === 'proctitle' && !/^[0-9A-Fa-f]+(\s|$)/.test(text.slice(i, i + 4096))) {
      // auoms writes proctitle unencoded, spaces and all, before its trailing fields.
      const tail = text.slice(i).search(/ (redactors|containerid)=/);
      const end = tail < 0 ? n : i + tail;
      value = text.slice(i, end);
      i = end;
    } else {
      let j = i;
      while (j < n && text[j] !== ' ' && text[j] !== '\x1d') j++;
      value = text.slice(i, j);
      i = j;
    }
    if (!quoted && HEX_FIELDS.test(key)) value = hexDecode(value) ?? value;
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

interface AuditRecord {
  readonly type: string;
  readonly fields: Map<string, string>;
}

function arrayText(v: string | undefined): string[] {
  if (!v) return [];
  if (v.startsWith('[')) {
    try {
      return (JSON.parse(v) as unknown[]).map(String).filter((s) => s !== '');
    } catch {
      return [];
    }
  }
  return [v];
}

/** Decodes an AF_INET / AF_INET6 SOCKADDR saddr (hex, little-endian family). */
function sockaddr(hex: string | undefined): { ip?: string; port?: number } {
  if (!hex || !/^[0-9A-Fa-f]+$/.test(hex)) return {};
  const b = Buffer.from(hex, 'hex');
  const family = b.readUInt16LE(0);
  if (family === 2 && b.length >= 8) return { port: b.readUInt16BE(2), ip: `${b[4]}.${b[5]}.${b[6]}.${b[7]}` };
  if (family === 10 && b.length >= 24) {
    const parts: string[] = [];
    for (let k = 8; k < 24; k += 2) parts.push(b.readUInt16BE(k).toString(16));
    return { port: b.readUInt16BE(2), ip: parts.join(':').replace(/(^|:)0(:0)+(:|$)/, '::') };
  }
  return {};
}

function basename(p: string | undefined): string | undefined {
  if (!p) return undefined;
  const s = p.replace(/^"|"$/g, '');
  return s.slice(s.lastIndexOf('/') + 1) || undefined;
}

interface Assembled {
  time: number;
  serial: string;
  stamp: string;
  node: string | undefined;
  records: AuditRecord[];
}

function auditEvent(a: Assembled, raw: unknown, ctx: ParseContext, host?: string): DataEvent {
  const main = a.records.find((r) => r.type === 'SYSCALL' || r.type.startsWith('AUOMS_')) ?? a.records[0]!;
  const f = main.fields;
  const all = new Map<string, string>();
  for (const r of a.records) for (const [k, v] of r.fields) if (!all.has(k)) all.set(k, v);
  const attrs: Attributes = { record_types: [...new Set(a.records.map((r) => r.type))] };
  const syscallField = f.get('SYSCALL') ?? f.get('syscall');
  const syscall = syscallField === undefined ? undefined : /^\d+$/.test(syscallField) ? (SYSCALLS[syscallField] ?? `syscall_${syscallField}`) : syscallField;
  const action = main.type === 'SYSCALL' || main.type.startsWith('AUOMS_') ? (syscall ?? main.type) : main.type;
  const exe = all.get('exe');
  const comm = all.get('comm');
  if (exe) attrs['exe'] = exe;
  if (comm) attrs['comm'] = comm;
  const cwd = all.get('cwd');
  if (cwd) attrs['cwd'] = cwd;
  const key = f.get('key');
  if (key && key !== '(null)') attrs['key'] = key;
  const execve = a.records.find((r) => r.type === 'EXECVE');
  let argv: string[] = [];
  if (execve) {
    const argc = Number(execve.fields.get('argc') ?? 0);
    for (let k = 0; k < Math.min(argc, 64); k++) {
      const v = execve.fields.get(`a${k}`);
      if (v !== undefined) argv.push(v);
    }
  } else if (all.get('cmdline')) argv = [all.get('cmdline')!];
  const proctitle = all.get('proctitle');
  const command = argv.length ? argv.join(' ') : proctitle;
  if (command) attrs['command'] = command.slice(0, 1000);
  const paths = [
    ...a.records.filter((r) => r.type === 'PATH').map((r) => ({ name: r.fields.get('name'), type: r.fields.get('nametype') })),
    ...arrayText(all.get('path_name')).map((name) => ({ name, type: undefined })),
  ].filter((p): p is { name: string; type: string | undefined } => p.name !== undefined && p.name !== '(null)');
  const resolved = paths.map((p) => (p.name.startsWith('/') || !cwd ? p.name : `${cwd.replace(/\/$/, '')}/${p.name}`));
  if (resolved.length) attrs['paths'] = resolved.slice(0, 20);
  const tool = basename(comm) ?? basename(exe);
  const removable = resolved.find((p) => REMOVABLE.test(p));
  let channel: Channel = 'other';
  let destination: { ip?: string; device?: string } | undefined;
  const sock = sockaddr(a.records.find((r) => r.type === 'SOCKADDR')?.fields.get('saddr'));
  if (LOGIN_TYPES.has(main.type)) channel = 'login';
  else if (ADMIN_TYPES.has(main.type)) channel = 'admin';
  else if (LOGGING_TYPES.has(main.type)) {
    channel = 'logging_change';
    const op = all.get('op') ?? '';
    attrs['logging_disabled'] = main.type === 'DAEMON_END' || main.type === 'DAEMON_ABORT' || /remove_rule|delete|disable/.test(op) || all.get('audit_enabled') === '0';
  } else if (syscall === 'execve' || syscall === 'execveat') {
    if (tool && TRANSFER_TOOLS.has(tool)) {
      channel = 'network';
      attrs['transfer_tool'] = tool;
    }
    if (removable && (tool === 'cp' || tool === 'mv' || tool === 'rsync' || tool === 'dd' || tool === 'tar')) channel = 'removable_media';
  } else if (syscall === 'open' || syscall === 'openat' || syscall === 'creat' || syscall === 'truncate' || syscall === 'ftruncate') {
    const flagsHex = syscall === 'openat' ? f.get('a2') : f.get('a1');
    const flags = flagsHex ? Number.parseInt(flagsHex, 16) : 0;
    const writes = syscall === 'creat' || syscall.includes('truncate') || (flags & 3) !== 0 || (flags & 0x40) !== 0 || (flags & 0x200) !== 0;
    channel = removable ? 'removable_media' : writes ? 'write' : 'read';
    attrs['access'] = writes ? 'write' : 'read';
  } else if (syscall === 'unlink' || syscall === 'unlinkat') channel = removable ? 'removable_media' : 'delete';
  else if (syscall?.startsWith('rename')) channel = removable ? 'removable_media' : 'write';
  else if (syscall === 'mount') {
    channel = removable || /^\/dev\/(sd|mmcblk|usb)/.test(resolved[0] ?? '') ? 'removable_media' : 'admin';
    attrs['mount'] = true;
  } else if (syscall === 'connect' || syscall === 'sendto' || syscall === 'sendmsg') channel = 'network';
  if (removable) destination = { device: removable.split('/').slice(0, 4).join('/') };
  if (sock.ip) {
    destination = { ...destination, ip: sock.ip };
    if (sock.port !== undefined) attrs['dest_port'] = sock.port;
  }
  const auidName = f.get('AUID') ?? all.get('AUID');
  const uidName = f.get('UID') ?? all.get('UID');
  const auid = f.get('auid') ?? all.get('auid');
  const uid = f.get('uid') ?? all.get('uid');
  const named = all.get('user') ?? all.get('acct');
  const unset = (x: string | undefined) => x === undefined || x === '4294967295' || x === '-1' || x === 'unset';
  const user = auidName && auidName !== 'unset' ? auidName : !unset(auid) ? `uid:${auid}` : named && named !== 'unset' ? named : uidName ?? (uid !== undefined ? `uid:${uid}` : undefined);
  if (uid !== undefined) attrs['uid'] = uid;
  if (auid !== undefined) attrs['auid'] = auid;
  const success = f.get('success') ?? all.get('res') ?? all.get('result');
  const outcome: Outcome = success === 'yes' || success === 'success' || success === '1' ? 'success' : success === 'no' || success === 'failed' || success === '0' ? 'failure' : 'unknown';
  const node = a.node ?? all.get('node') ?? host;
  return build({
    id: `auditd:${node ?? '-'}:${a.stamp}:${a.serial}`,
    time: a.time,
    ingestTime: ctx.ingestTime,
    source: 'auditd',
    action,
    channel,
    actor: { user, ip: all.get('addr') && all.get('addr') !== '?' ? all.get('addr') : undefined, service: exe },
    object: { path: resolved[resolved.length > 1 && syscall === 'execve' ? 0 : resolved.length - 1], kind: resolved.length ? 'file' : undefined },
    destination,
    outcome,
    tenant: node,
    attributes: attrs,
    raw,
  });
}

export interface AuditLineHead {
  readonly node: string | undefined;
  readonly type: string;
  readonly seconds: string;
  readonly frac: string;
  readonly serial: string;
  readonly rest: string;
}

/** The head of an audit line (`type=... msg=audit(t:serial):`) or auoms record; undefined when it is neither. */
export function splitAuditLine(line: string): AuditLineHead | undefined {
  const m = AUDIT_LINE.exec(line);
  if (m) return { node: m[1], type: m[2]!, seconds: m[3]!, frac: m[4] ?? '0', serial: m[5]!, rest: m[6] ?? '' };
  const a = AUOMS_LINE.exec(line);
  if (a) return { node: undefined, type: a[1]!, seconds: a[2]!, frac: a[3] ?? '0', serial: a[4]!, rest: a[5] ?? '' };
  return undefined;
}

function timeOf(h: AuditLineHead): number {
  return Number(h.seconds) * 1000 + Number((h.frac + '00').slice(0, 3));
}

/** Parses the lines of one event (all with the same audit id). */
function linesEvent(lines: readonly string[], ctx: ParseContext): DataEvent {
  let first: AuditLineHead | undefined;
  const records: AuditRecord[] = [];
  for (const line of lines) {
    const h = splitAuditLine(line);
    if (!h) throw recordError('EVENTS_PARSE_FAILED', 'not an auditd record line (expected "type=... msg=audit(<time>:<serial>): ...")');
    first ??= h;
    records.push({ type: h.type, fields: parseAuditFields(h.rest) });
  }
  if (!first) throw recordError('EVENTS_RECORD_INVALID', 'an empty auditd event');
  return auditEvent({ time: timeOf(first), serial: first.serial, stamp: `${first.seconds}.${first.frac}`, node: first.node, records }, lines.join('\n'), ctx);
}

/** A Sentinel Syslog row (or similar JSON) carrying an audit or auoms line. */
function jsonRow(v: unknown, ctx: ParseContext): DataEvent {
  if (!isRecord(v)) throw recordError('EVENTS_RECORD_INVALID', 'an auditd JSON record must be an object');
  const message = str(get(v, 'SyslogMessage')) ?? str(get(v, 'message')) ?? str(get(v, 'Message'));
  if (!message) throw recordError('EVENTS_RECORD_INVALID', 'the row carries no audit message (SyslogMessage or message)');
  const h = splitAuditLine(message);
  if (!h) throw recordError('EVENTS_PARSE_FAILED', 'the row message is not an auditd or auoms record');
  const host = str(get(v, 'Computer')) ?? str(get(v, 'HostName')) ?? str(get(v, 'hostname'));
  const time = timeOf(h);
  const fallback = parseTime(get(v, 'EventTime') ?? get(v, 'TimeGenerated'));
  return auditEvent({ time: Number.isFinite(time) ? time : (fallback ?? Number.NaN), serial: h.serial, stamp: `${h.seconds}.${h.frac}`, node: h.node, records: [{ type: h.type, fields: parseAuditFields(h.rest) }] }, v, ctx, host);
}

export const auditdParser: FormatParser = {
  format: 'auditd',
  parse(input: RecordInput, ctx: ParseContext): DataEvent[] {
    if (input.kind === 'lines') return [linesEvent(input.lines, ctx)];
    if (input.kind === 'text') return [linesEvent([input.text], ctx)];
    if (input.kind === 'json') return [jsonRow(input.value, ctx)];
    throw recordError('EVENTS_RECORD_INVALID', 'auditd records are log lines or JSON rows');
  },
};
