// Microsoft 365 Unified Audit Log: Management Activity API records (PascalCase),
// Panther's lower-cased fixtures, the portal's CSV export (the record is the JSON
// in its AuditData column), and Microsoft Sentinel / Defender rows (OfficeActivity,
// CloudAppEvents). SharePoint/OneDrive file and sharing operations, Exchange
// forwarding rules and Entra app consents get precise channels.
import type { Channel, DataEvent, Outcome } from '../data-event.js';
import { build, domainOf, get, hashId, isRecord, jsonField, lower, lowerKeys, num, parseTime, recordError, str, vendorId, type Attributes, type Rec } from './fields.js';
import type { FormatParser, ParseContext, RecordInput } from './format.js';
import { parsePythonLiteral } from './cloudtrail-csv.js';

const DOWNLOAD = new Set(['filedownloaded', 'filesyncdownloadedfull', 'filesyncdownloadedpartial', 'searchexported', 'searchexportdownloaded', 'previewitemdownloaded', 'downloadfile']);
const UPLOAD = new Set(['fileuploaded', 'filesyncuploadedfull', 'filesyncuploadedpartial', 'uploadfile']);
const READ = new Set(['fileaccessed', 'fileaccessedextended', 'filepreviewed', 'mailitemsaccessed', 'pageviewed', 'viewfile']);
const WRITE = new Set(['filemodified', 'filemodifiedextended', 'filerenamed', 'filecopied', 'filemoved', 'filecheckedin', 'filerestored']);
const DELETE = new Set(['filedeleted', 'filerecycled', 'filedeletedfirststagerecyclebin', 'filedeletedsecondstagerecyclebin', 'harddelete', 'softdelete', 'movetodeleteditems', 'filevolumedeleted']);
const LINK_USED = new Set(['anonymouslinkused', 'securelinkused', 'companylinkused', 'sharinginvitationaccepted', 'accessinvitationaccepted']);
const SHARE_TARGETED = new Set(['addedtosecurelink', 'sharinginvitationcreated', 'sharingset', 'addedtosharinglink', 'sharinginvitationupdated', 'accessrequestapproved']);
const APP_GRANT = new Set([
  'consent to application.',
  'add delegated permission grant.',
  'add app role assignment grant to user.',
  'add app role assignment to service principal.',
  'add oauth2permissiongrant.',
  'add application permission grant.',
]);
const FORWARD_PARAMS = ['ForwardingSmtpAddress', 'ForwardingAddress', 'ForwardTo', 'ForwardAsAttachmentTo', 'RedirectTo', 'RedirectMessageTo', 'BlindCopyTo', 'CopyTo', 'AddToRecipients'];
const FORWARD_OPS = new Set(['set-mailbox', 'new-inboxrule', 'set-inboxrule', 'new-transportrule', 'set-transportrule', 'updateinboxrules', 'set-mailboxjunkemailconfiguration']);
const EXPORT_OPS = new Set(['new-mailboxexportrequest', 'new-compliancesearchaction']);
const PERMISSION_OPS = new Set(['add-mailboxpermission', 'add-recipientpermission', 'add-mailboxfolderpermission', 'set-mailboxfolderpermission', 'add member to role.', 'add member to group.', 'sharinginheritancebroken', 'securelinkcreated', 'sitecollectionadminadded', 'addedtogroup']);

/** Name/Value pairs (Parameters, ExtendedProperties, OperationProperties) as a map. */
function pairs(v: unknown): Map<string, string> {
  const m = new Map<string, string>();
  if (!Array.isArray(v)) return m;
  for (const p of v) {
    const name = str(get(p, 'Name'));
    const value = get(p, 'Value') ?? get(p, 'NewValue');
    if (name && value !== undefined && value !== null) m.set(name.toLowerCase(), typeof value === 'string' ? value : JSON.stringify(value));
  }
  return m;
}

/** Addresses in a forwarding parameter: `smtp:` stripped, split on ; and ,, lower-cased. */
export function forwardAddresses(value: string): string[] {
  const out: string[] = [];
  let v = value.trim();
  if (v.startsWith('[')) {
    try {
      v = (JSON.parse(v) as unknown[]).map(String).join(';');
    } catch {
      // keep the text
    }
  }
  for (const part of v.split(/[;,]/)) {
    const a = part
      .trim()
      .replace(/^"|"$/g, '')
      .replace(/^smtp:/i, '')
      .replace(/^.*<([^>]+)>.*$/, '$1')
      .trim()
      .toLowerCase();
    if (a && a !== '$null' && a !== 'null') out.push(a);
  }
  return out;
}

function stripPort(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracket) return bracket[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(ip);
  return v4 ? v4[1] : ip;
}

function outcomeOf(op: string, status: string | undefined): Outcome {
  if (op === 'userloginfailed') return 'failure';
  if (!status) return op === 'userloggedin' ? 'success' : 'unknown';
  const s = status.toLowerCase();
  if (s === 'succeeded' || s === 'success' || s === 'true' || s === 'partiallysucceeded') return 'success';
  if (s === 'failed' || s === 'failure' || s === 'false') return 'failure';
  return 'unknown';
}

/** One Unified Audit Log record (object) to one DataEvent. `raw` is what is kept as evidence. */
export function ualEvent(value: unknown, ctx: ParseContext, raw: unknown = value, fallback: { time?: unknown; op?: string; user?: string } = {}): DataEvent {
  if (!isRecord(value)) throw recordError('EVENTS_RECORD_INVALID', 'a Microsoft 365 audit record must be a JSON object');
  let r: Rec = value;
  if (get(r, 'Operation') === undefined && Object.keys(r).some((k) => k.toLowerCase() === 'operation')) r = lowerKeys(r) as Rec;
  const operation = str(get(r, 'Operation')) ?? str(get(r, 'ActionType')) ?? fallback.op;
  if (!operation) throw recordError('EVENTS_RECORD_INVALID', 'the Microsoft 365 record has no Operation');
  const op = operation.toLowerCase();
  const workload = str(get(r, 'Workload')) ?? str(get(r, 'OfficeWorkload')) ?? str(get(r, 'Application'));
  // Sentinel rows carry these lists as JSON text.
  const ext = pairs(jsonField(get(r, 'ExtendedProperties')));
  const params = pairs(jsonField(get(r, 'Parameters')));
  const opProps = pairs(jsonField(get(r, 'OperationProperties')));
  const attrs: Attributes = {};
  if (workload) attrs['workload'] = workload;
  const recordType = str(get(r, 'RecordType'));
  if (recordType) attrs['record_type'] = recordType;
  const userType = str(get(r, 'UserType'));
  if (userType) attrs['user_type'] = userType;

  let user = lower(get(r, 'UserId')) ?? lower(get(r, 'AccountUpn')) ?? lower(get(r, 'MailboxOwnerUPN')) ?? lower(get(r, 'InitiatingProcessAccountUpn')) ?? fallback.user?.toLowerCase();
  let service: string | undefined;
  if (user && /^(nt authority|s-1-5-|app@|servicePrincipal_)/i.test(user)) {
    service = user;
    user = undefined;
  }
  if (!user && !service) service = str(get(r, 'AccountDisplayName')) ?? str(get(r, 'ApplicationId'));
  const ip = stripPort(str(get(r, 'ClientIP')) ?? str(get(r, 'ClientIPAddress')) ?? str(get(r, 'ActorIpAddress')) ?? str(get(r, 'Client_IPAddress')) ?? str(get(r, 'IPAddress')));
  const ua = str(get(r, 'UserAgent')) ?? ext.get('useragent') ?? str(get(r, 'UserAgent_string'));
  const country = str(get(r, 'CountryCode'));
  if (country) attrs['country'] = country;

  let channel: Channel;
  let destination: { account?: string; domain?: string; device?: string } | undefined;
  let bytes: number | undefined;
  const targetName = lower(get(r, 'TargetUserOrGroupName'));
  const targetType = str(get(r, 'TargetUserOrGroupType'));
  if (DOWNLOAD.has(op)) channel = 'download';
  else if (UPLOAD.has(op)) channel = 'upload';
  else if (READ.has(op)) channel = 'read';
  else if (WRITE.has(op)) channel = 'write';
  else if (DELETE.has(op)) channel = 'delete';
  else if (op === 'anonymouslinkcreated' || op === 'anonymouslinkupdated') {
    channel = 'share_link';
    destination = { account: 'anyone' };
    attrs['link_scope'] = 'anyone';
  } else if (op === 'companylinkcreated' || op === 'companylinkupdated') {
    channel = 'share_internal';
    attrs['link_scope'] = 'organization';
  } else if (LINK_USED.has(op)) {
    channel = 'read';
    attrs['link_used'] = true;
  } else if (SHARE_TARGETED.has(op)) {
    if (targetName && /\.anonymous(edit|view)\./i.test(targetName)) {
      channel = 'share_link';
      destination = { account: 'anyone' };
      attrs['link_scope'] = 'anyone';
    } else {
      channel = targetType?.toLowerCase() === 'guest' ? 'share_external' : op === 'sharingset' && targetType?.toLowerCase() === 'sharepointgroup' ? 'permission_change' : 'share_internal';
      if (targetName) destination = { account: targetName, domain: domainOf(targetName) };
    }
  } else if (APP_GRANT.has(op)) channel = 'app_grant';
  else if (op === 'userloggedin' || op === 'userloginfailed' || op === 'userlogin' || op === 'mailboxlogin') channel = 'login';
  else if (op === 'send' || op === 'sendas' || op === 'sendonbehalf') channel = 'mail_send';
  else if (EXPORT_OPS.has(op)) {
    channel = 'download';
    attrs['export'] = true;
  } else if (PERMISSION_OPS.has(op)) channel = 'permission_change';
  else if (/^(set|new|remove|add|enable|disable|update|install|uninstall)[- ]/.test(op)) channel = 'admin';
  else channel = 'other';
  if (targetType) attrs['target_type'] = targetType;

  if (FORWARD_OPS.has(op)) {
    const forward: string[] = [];
    for (const name of FORWARD_PARAMS) {
      const v = params.get(name.toLowerCase());
      if (v) forward.push(...forwardAddresses(v));
    }
    for (const [k, v] of opProps) if (/forward|redirect/i.test(k) && /@/.test(v)) forward.push(...forwardAddresses(v));
    if (forward.length) {
      channel = 'mail_forward';
      attrs['forward_to'] = [...new Set(forward)];
      destination = { account: forward[0], domain: domainOf(forward[0]) };
      const del = params.get('deletemessage');
      if (del) attrs['delete_message'] = del.toLowerCase() === 'true';
      const keep = params.get('delivertomailboxandforward');
      if (keep) attrs['keep_copy'] = keep.toLowerCase() === 'true';
      if (op.includes('rule')) {
        const ruleName = params.get('name') ?? params.get('identity');
        if (ruleName) attrs['rule_name'] = ruleName;
      } else {
        const mailbox = params.get('identity');
        if (mailbox) attrs['mailbox'] = mailbox;
      }
    }
  }

  if (channel === 'app_grant') {
    const text = JSON.stringify([get(r, 'ModifiedProperties') ?? null, get(r, 'Target') ?? null, get(r, 'ExtendedProperties') ?? null]);
    const scopes = new Set<string>();
    for (const m of text.matchAll(/Scope:\s*([^,\]}"\\]+)/g)) for (const s of m[1]!.trim().split(/\s+/)) if (s) scopes.add(s);
    for (const s of (str(get(r, 'Permissions')) ?? '').split(/[\s,]+/)) if (s) scopes.add(s);
    if (scopes.size) attrs['scopes'] = [...scopes];
    const appName = /ServicePrincipal\.DisplayName[^}]*?NewValue\\?":\s*\\?"\[?\\?"?([^"\\\]]+)/.exec(text)?.[1] ?? str(get(r, 'PermissionsAddedTo'));
    const targets = get(r, 'Target');
    const named = Array.isArray(targets) ? targets.map((t) => ({ id: str(get(t, 'ID')), type: num(get(t, 'Type')) })) : [];
    const display = appName ?? named.find((t) => t.type === 1 && t.id)?.id;
    if (display) attrs['app_name'] = display;
    const appId = str(get(r, 'OAuthAppId')) ?? named.find((t) => t.type === 2 && t.id && /^[0-9a-f-]{36}$/i.test(t.id))?.id ?? str(get(r, 'ApplicationId'));
    if (appId) attrs['app_id'] = appId;
    if (/IsAdminConsent[^}]*?True/i.test(text)) attrs['admin_consent'] = true;
    destination = display ? { account: display } : destination;
  }

  if (op === 'mailitemsaccessed') {
    const access = str(get(r, 'MailAccessType')) ?? ext.get('mailaccesstype') ?? opProps.get('mailaccesstype');
    if (access) attrs['mail_access_type'] = access;
    const appId = str(get(r, 'AppId')) ?? str(get(r, 'ClientAppId'));
    if (appId) attrs['app_id'] = appId;
  }
  if (channel === 'download' || channel === 'upload') bytes = num(get(r, 'FileSizeBytes')) ?? num(get(r, 'FileSize'));
  const logonError = str(get(r, 'LogonError'));
  if (logonError) attrs['logon_error'] = logonError;
  const external = str(get(r, 'ExternalAccess'));
  if (external) attrs['external_access'] = external.toLowerCase() === 'true';
  const siteUrl = str(get(r, 'SiteUrl'));
  const ext2 = str(get(r, 'SourceFileExtension'));
  if (ext2) attrs['file_extension'] = ext2.toLowerCase();
  const objectId = str(get(r, 'ObjectId')) ?? str(get(r, 'OfficeObjectId')) ?? str(get(r, 'ObjectName'));
  const fileName = str(get(r, 'SourceFileName'));
  if (fileName) attrs['file_name'] = fileName;

  const id = vendorId(get(r, 'Id')) ?? vendorId(get(r, 'ReportId'));
  return build({
    id: id ? `m365:${id}` : hashId('m365', raw),
    time: parseTime(get(r, 'CreationTime') ?? get(r, 'TimeGenerated') ?? get(r, 'Timestamp') ?? fallback.time),
    ingestTime: ctx.ingestTime,
    source: 'm365',
    action: operation,
    channel,
    actor: { user, service, ip, userAgent: ua },
    object: { path: objectId, container: siteUrl, id: str(get(r, 'ListItemUniqueId')), kind: lower(get(r, 'ItemType')) },
    destination,
    bytes,
    outcome: outcomeOf(op, str(get(r, 'ResultStatus'))),
    tenant: lower(get(r, 'OrganizationId')) ?? lower(get(r, 'TenantId')),
    attributes: attrs,
    raw,
  });
}

/** A Defender advanced-hunting row whose RawEventData holds the UAL record. */
function defenderRow(row: Rec, ctx: ParseContext): DataEvent {
  const inner = jsonField(row['RawEventData']) ?? parsePythonLiteral(typeof row['RawEventData'] === 'string' ? row['RawEventData'] : '');
  if (isRecord(inner) && str(get(inner, 'Operation'))) {
    const e = ualEvent({ ...row, ...inner }, ctx, row);
    return e;
  }
  return ualEvent(row, ctx, row);
}

function csvRow(row: Readonly<Record<string, string>>, ctx: ParseContext): DataEvent {
  let auditData: string | undefined;
  let created: string | undefined;
  let op: string | undefined;
  let user: string | undefined;
  for (const [k, v] of Object.entries(row)) {
    const key = k.trim().toLowerCase();
    if (key === 'auditdata') auditData = v;
    else if (key === 'creationdate') created = v;
    else if (key === 'operations' || key === 'operation') op = v;
    else if (key === 'userids' || key === 'userid') user = v;
  }
  if (auditData === undefined) throw recordError('EVENTS_RECORD_INVALID', 'the CSV row has no AuditData column');
  const value = jsonField(auditData);
  if (!isRecord(value)) throw recordError('EVENTS_PARSE_FAILED', 'the AuditData column does not hold a JSON object');
  return ualEvent(value, ctx, value, { time: created, ...(op ? { op } : {}), ...(user ? { user } : {}) });
}

export const m365Parser: FormatParser = {
  format: 'm365',
  parse(input: RecordInput, ctx: ParseContext): DataEvent[] {
    if (input.kind === 'csv') return [csvRow(input.row, ctx)];
    if (input.kind !== 'json') throw recordError('EVENTS_RECORD_INVALID', 'Microsoft 365 records are JSON or CSV rows with AuditData');
    const v = input.value;
    if (isRecord(v) && v['RawEventData'] !== undefined && v['ActionType'] !== undefined) return [defenderRow(v, ctx)];
    if (isRecord(v) && typeof v['AuditData'] === 'string') {
      const inner = jsonField(v['AuditData']);
      if (isRecord(inner)) return [ualEvent(inner, ctx, v)];
    }
    return [ualEvent(v, ctx)];
  },
};

