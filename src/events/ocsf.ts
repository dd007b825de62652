// DataEvent → OCSF 1.x event (Open Cybersecurity Schema Framework), for the
// `--format ocsf` export. Class by what happened: File Hosting Activity (6006)
// for SaaS file operations and sharing, File System Activity (1001) for host
// file access and removable media, API Activity (6003) for cloud control-plane
// calls, Authentication (3002), Account Change (3001), User Access Management
// (3005), Network Activity (4001), Email Activity (4009), Process Activity
// (1007). type_uid = class_uid × 100 + activity_id (OCSF base event).
import type { DataEvent } from './data-event.js';

export const OCSF_VERSION = '1.3.0';

export interface OcsfClass {
  readonly uid: number;
  readonly name: string;
}

export const OCSF_CLASSES = {
  fileSystem: { uid: 1001, name: 'File System Activity' },
  process: { uid: 1007, name: 'Process Activity' },
  accountChange: { uid: 3001, name: 'Account Change' },
  authentication: { uid: 3002, name: 'Authentication' },
  userAccess: { uid: 3005, name: 'User Access Management' },
  network: { uid: 4001, name: 'Network Activity' },
  email: { uid: 4009, name: 'Email Activity' },
  api: { uid: 6003, name: 'API Activity' },
  fileHosting: { uid: 6006, name: 'File Hosting Activity' },
} as const satisfies Record<string, OcsfClass>;

const CATEGORIES: Record<number, string> = { 1: 'System Activity', 3: 'Identity & Access Management', 4: 'Network Activity', 6: 'Application Activity' };

/** File Hosting Activity ids (OCSF 6006). */
const HOSTING: Record<string, [number, string]> = {
  upload: [1, 'Upload'],
  download: [2, 'Download'],
  write: [3, 'Update'],
  delete: [4, 'Delete'],
  read: [14, 'Open'],
  share_link: [12, 'Share'],
  share_external: [12, 'Share'],
  share_internal: [12, 'Share'],
  permission_change: [12, 'Share'],
};
/** File System Activity ids (OCSF 1001). */
const FILESYSTEM: Record<string, [number, string]> = {
  read: [2, 'Read'],
  download: [2, 'Read'],
  write: [3, 'Update'],
  upload: [1, 'Create'],
  delete: [4, 'Delete'],
  permission_change: [7, 'Set Security'],
  removable_media: [3, 'Update'],
};
/** API Activity ids (OCSF 6003). */
function apiActivity(e: DataEvent): [number, string] {
  if (e.channel === 'delete' || /^(Delete|Remove|Stop|Disable)/.test(e.action)) return [4, 'Delete'];
  if (/^(Create|Put|Add|Start|Run|Copy|Upload)/.test(e.action) || e.channel === 'upload') return [1, 'Create'];
  if (e.channel === 'download' || e.channel === 'read' || e.channel === 'other' || /^(Get|List|Describe|Head)/.test(e.action)) return [2, 'Read'];
  return [3, 'Update'];
}

function classOf(e: DataEvent): { cls: OcsfClass; activity: [number, string] } {
  const host = e.source === 'windows' || e.source === 'auditd';
  const saasFiles = e.source === 'm365' || e.source === 'gworkspace' || (e.source === 'jsonl' && e.object?.kind === 'file');
  switch (e.channel) {
    case 'login':
      return { cls: OCSF_CLASSES.authentication, activity: /logoff|logout|4634|4647|session\.end|USER_END/i.test(e.action) ? [2, 'Logoff'] : [1, 'Logon'] };
    case 'mail_forward':
    case 'mail_send':
      return e.channel === 'mail_send' ? { cls: OCSF_CLASSES.email, activity: [1, 'Send'] } : { cls: OCSF_CLASSES.api, activity: [3, 'Update'] };
    case 'app_grant':
      return { cls: OCSF_CLASSES.userAccess, activity: [1, 'Assign Privileges'] };
    case 'network':
      return { cls: OCSF_CLASSES.network, activity: [6, 'Traffic'] };
    case 'removable_media':
    case 'print':
      return { cls: OCSF_CLASSES.fileSystem, activity: e.channel === 'print' ? [99, 'Print'] : e.object?.kind === 'device' ? [12, 'Mount'] : (FILESYSTEM[e.channel] ?? [99, 'Other']) };
    case 'admin':
      if (e.source === 'okta' || e.source === 'entra' || (e.source === 'windows' && /^47(2|3)\d$/.test(e.action))) return { cls: OCSF_CLASSES.accountChange, activity: [99, 'Other'] };
      break;
  }
  if (e.channel === 'permission_change' && (e.source === 'okta' || e.source === 'entra' || e.source === 'windows')) return { cls: OCSF_CLASSES.userAccess, activity: [1, 'Assign Privileges'] };
  if (saasFiles && HOSTING[e.channel]) return { cls: OCSF_CLASSES.fileHosting, activity: HOSTING[e.channel]! };
  if (host && FILESYSTEM[e.channel]) return { cls: OCSF_CLASSES.fileSystem, activity: FILESYSTEM[e.channel]! };
  if (e.source === 'auditd' && /exec/.test(e.action)) return { cls: OCSF_CLASSES.process, activity: [1, 'Launch'] };
  if (e.source === 'windows' && (e.action === '4688' || e.action === '1')) return { cls: OCSF_CLASSES.process, activity: [1, 'Launch'] };
  return { cls: OCSF_CLASSES.api, activity: apiActivity(e) };
}

const VENDORS: Record<string, [string, string]> = {
  cloudtrail: ['AWS', 'CloudTrail'],
  s3access: ['AWS', 'Amazon S3 server access logs'],
  m365: ['Microsoft', 'Microsoft 365 Unified Audit Log'],
  entra: ['Microsoft', 'Entra ID'],
  gworkspace: ['Google', 'Google Workspace Reports'],
  okta: ['Okta', 'Okta System Log'],
  auditd: ['Linux', 'auditd'],
  windows: ['Microsoft', 'Windows Event Log'],
  jsonl: ['Unknown', 'JSON lines'],
};

/**
 * The OCSF rendering of an event. The raw record is left out (it may hold
 * personal data); `unmapped` carries Leakwatch's own fields.
 */
export function toOcsf(e: DataEvent): Record<string, unknown> {
  const { cls, activity } = classOf(e);
  const category = Math.floor(cls.uid / 1000);
  const [vendor, product] = VENDORS[e.source] ?? ['Unknown', e.source];
  const out: Record<string, unknown> = {
    class_uid: cls.uid,
    class_name: cls.name,
    category_uid: category,
    category_name: CATEGORIES[category] ?? 'Other',
    activity_id: activity[0],
    activity_name: activity[1],
    type_uid: cls.uid * 100 + activity[0],
    type_name: `${cls.name}: ${activity[1]}`,
    time: e.time,
    severity_id: 1,
    severity: 'Informational',
    status_id: e.outcome === 'success' ? 1 : e.outcome === 'failure' ? 2 : 0,
    status: e.outcome === 'success' ? 'Success' : e.outcome === 'failure' ? 'Failure' : 'Unknown',
    metadata: { version: OCSF_VERSION, uid: e.id, logged_time: e.ingestTime, original_time: new Date(e.time).toISOString(), product: { name: product, vendor_name: vendor }, event_code: e.action },
    actor: {
      ...(e.actor.user ? { user: { name: e.actor.user, ...(e.actor.user.includes('@') ? { email_addr: e.actor.user } : {}), ...(e.actor.group ? { groups: [{ name: e.actor.group }] } : {}) } } : {}),
      ...(e.actor.service ? { app_name: e.actor.service } : {}),
    },
  };
  if (e.actor.ip) out['src_endpoint'] = { ip: e.actor.ip };
  if (e.actor.userAgent) out['http_request'] = { user_agent: e.actor.userAgent };
  if (cls.uid === 3002 && e.actor.user) out['user'] = { name: e.actor.user };
  if (cls.uid === 6003) out['api'] = { operation: e.action, ...(typeof e.attributes?.['event_source'] === 'string' ? { service: { name: e.attributes['event_source'] } } : {}) };
  if (e.object && (cls.uid === 1001 || cls.uid === 6006)) out['file'] = { ...(e.object.path ? { name: e.object.path.split(/[\\/]/).pop(), path: e.object.path } : {}), ...(e.object.id ? { uid: e.object.id } : {}), ...(e.bytes !== undefined ? { size: e.bytes } : {}) };
  else if (e.object) out['resources'] = [{ ...(e.object.path ? { name: e.object.path } : {}), ...(e.object.container ? { owner: { name: e.object.container } } : {}), ...(e.object.kind ? { type: e.object.kind } : {}), ...(e.object.id ? { uid: e.object.id } : {}) }];
  if (e.destination) {
    const d = e.destination;
    if (d.ip || d.domain) out['dst_endpoint'] = { ...(d.ip ? { ip: d.ip } : {}), ...(d.domain ? { domain: d.domain } : {}) };
    if (d.device) out['device'] = { uid: d.device };
    if (d.account) out['dst_user'] = { name: d.account };
  }
  if (e.tenant) out['cloud'] = { account: { uid: e.tenant } };
  out['unmapped'] = { leakwatch_channel: e.channel, ...(e.bytes !== undefined ? { bytes: e.bytes } : {}), ...(e.records !== undefined ? { records: e.records } : {}), ...(e.attributes ?? {}) };
  return out;
}
