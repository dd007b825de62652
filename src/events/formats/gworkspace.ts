// Google Workspace Admin SDK Reports API activities (drive, login, token, admin,
// user_accounts, gmail...). Two shapes: the API's own (`events[]` of
// `{type, name, parameters: [{name, value|boolValue|intValue|multiValue|...}]}`),
// one DataEvent per entry; and Panther's flattened ActivityEvent (`type`, `name`
// and a `parameters` object at top level). Parameters become flat attributes.
import type { Channel, DataEvent } from '../data-event.js';
import { build, domainOf, get, hashId, isRecord, lower, num, parseTime, recordError, str, strings, type Attributes, type Rec } from './fields.js';
import type { FormatParser, ParseContext, RecordInput } from './format.js';

type Params = Record<string, unknown>;

/** The API's parameter list as a plain object (nested message values as objects). */
function paramList(list: unknown, depth = 0): Params {
  const out: Params = {};
  if (!Array.isArray(list) || depth > 4) return out;
  for (const p of list) {
    const name = str(get(p, 'name'));
    if (!name) continue;
    const v =
      get(p, 'value') ??
      get(p, 'boolValue') ??
      num(get(p, 'intValue')) ??
      get(p, 'multiValue') ??
      get(p, 'multiIntValue') ??
      (get(p, 'messageValue') !== undefined ? paramList(get(get(p, 'messageValue'), 'parameter'), depth + 1) : undefined) ??
      (Array.isArray(get(p, 'multiMessageValue')) ? (get(p, 'multiMessageValue') as unknown[]).map((m) => paramList(get(m, 'parameter'), depth + 1)) : undefined);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** Parameters as flat attributes: scalars and string lists, nested objects as dotted keys. */
function flatten(params: Params, attrs: Attributes, prefix = '', depth = 0): void {
  for (const [k, v] of Object.entries(params)) {
    const key = (prefix + k).toLowerCase().replace(/[^a-z0-9_.]/g, '_');
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) attrs[key] = v;
    else if (Array.isArray(v)) {
      const ss = v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
      if (ss.length === v.length) attrs[key] = ss;
    } else if (isRecord(v) && depth < 3) flatten(v, attrs, `${key}.`, depth + 1);
  }
}

const ANYONE = new Set(['people_with_link', 'anyone_with_link', 'public_on_the_web', 'anyone']);
const DOMAIN_WIDE = new Set(['people_within_domain_with_link', 'public_in_the_domain', 'domain_with_link']);

function driveChannel(name: string, p: Params, actorDomain: string | undefined): { channel: Channel; account?: string; domain?: string; scope?: string } {
  switch (name) {
    case 'download':
      return { channel: 'download' };
    case 'upload':
      return { channel: 'upload' };
    case 'view':
    case 'preview':
    case 'sheets_import_range':
      return { channel: 'read' };
    case 'edit':
    case 'create':
    case 'copy':
    case 'rename':
    case 'move':
    case 'add_to_folder':
    case 'add_to_shared_drive':
      return { channel: 'write' };
    case 'delete':
    case 'trash':
    case 'remove_from_folder':
      return { channel: 'delete' };
    case 'print':
      return { channel: 'print' };
  }
  if (name.startsWith('change_user_access')) {
    const target = lower(p['target_user']);
    const domain = lower(p['target_domain']) ?? domainOf(target);
    const newValue = strings(p['new_value']).map((s) => s.toLowerCase());
    if (newValue.length && newValue.every((v) => v === 'none')) return { channel: 'permission_change', ...(target ? { account: target } : {}), ...(domain ? { domain } : {}) };
    const external = lower(p['visibility_change']) === 'external' || (domain !== undefined && actorDomain !== undefined && domain !== actorDomain);
    return { channel: external ? 'share_external' : 'share_internal', ...(target ? { account: target } : {}), ...(domain ? { domain } : {}) };
  }
  if (name.startsWith('change_document_visibility') || name.startsWith('change_document_access_scope') || name === 'change_visibility') {
    const values = new Set([...strings(p['new_value']), ...strings(p['visibility'])].map((s) => s.toLowerCase()));
    const targetDomain = lower(p['target_domain']);
    if (values.has('public_on_the_web') || ([...values].some((v) => ANYONE.has(v)) && (targetDomain === undefined || targetDomain === 'all'))) {
      return { channel: 'share_link', account: 'anyone', scope: 'anyone' };
    }
    if ([...values].some((v) => ANYONE.has(v)) && targetDomain) {
      return { channel: targetDomain === actorDomain ? 'share_internal' : 'share_external', domain: targetDomain, scope: 'domain' };
    }
    if ([...values].some((v) => DOMAIN_WIDE.has(v))) return { channel: 'share_internal', ...(targetDomain ? { domain: targetDomain } : {}), scope: 'domain' };
    if (values.has('shared_externally')) return { channel: 'share_external', ...(targetDomain ? { domain: targetDomain } : {}) };
    return { channel: 'permission_change' };
  }
  if (name === 'change_owner') {
    const owner = lower(p['new_owner']);
    return { channel: 'permission_change', ...(owner ? { account: owner, domain: domainOf(owner) } : {}) };
  }
  if (name.startsWith('change_') || name.includes('acl') || name.startsWith('shared_drive')) return { channel: 'permission_change' };
  return { channel: 'other' };
}

function channelFor(app: string, type: string | undefined, name: string, p: Params, actorDomain: string | undefined): { channel: Channel; account?: string; domain?: string; scope?: string } {
  const n = name.toLowerCase();
  if (app === 'drive') return driveChannel(n, p, actorDomain);
  if (n === 'email_forwarding_out_of_domain' || n === 'email_forwarding_change' || n === 'create_email_monitor') {
    const to = lower(p['email_forwarding_destination_address']) ?? lower(p['destination_address']) ?? lower(p['EMAIL_MONITOR_DEST_ADDRESS']);
    return { channel: 'mail_forward', ...(to ? { account: to, domain: domainOf(to) } : {}) };
  }
  if (app === 'token') return { channel: n === 'authorize' ? 'app_grant' : 'admin' };
  if (app === 'login' || app === 'saml') {
    if (n.startsWith('login_') || n === 'logout' || n.includes('suspicious_login') || type === 'login') return { channel: 'login' };
    return { channel: 'admin' };
  }
  if (app === 'admin') {
    if (n.startsWith('customer_takeout')) return { channel: 'download', scope: 'takeout' };
    if (n === 'authorize_api_client_access') return { channel: 'app_grant' };
    if (/(assign_role|add_privilege|grant_admin|create_role|add_role)/.test(n)) return { channel: 'permission_change' };
    return { channel: 'admin' };
  }
  if (app === 'gmail') {
    if (n === 'download') return { channel: 'download' };
    if (n === 'trash' || n === 'delete') return { channel: 'delete' };
    if (n === 'send') return { channel: 'mail_send' };
    return { channel: 'other' };
  }
  if (app === 'user_accounts') return { channel: 'admin' };
  if (app === 'groups' || app === 'groups_enterprise' || app === 'calendar') return { channel: n.includes('acl') || n.includes('permission') ? 'permission_change' : 'admin' };
  if (app === 'mobile') return { channel: 'other' };
  return { channel: n.includes('download') ? 'download' : 'other' };
}

function activityEvents(v: unknown, ctx: ParseContext): DataEvent[] {
  if (!isRecord(v)) throw recordError('EVENTS_RECORD_INVALID', 'a Workspace activity must be a JSON object');
  const r: Rec = v;
  const id = get(r, 'id');
  const app = lower(get(id, 'applicationName')) ?? '';
  const actor = get(r, 'actor');
  const email = lower(get(actor, 'email'));
  const callerType = str(get(actor, 'callerType'));
  const ip = str(get(r, 'ipAddress'));
  const time = parseTime(get(id, 'time'));
  const uq = str(get(id, 'uniqueQualifier'));
  const customer = str(get(id, 'customerId'));
  const actorDomain = domainOf(email);
  let entries: Array<{ type: string | undefined; name: string | undefined; params: Params }>;
  const list = get(r, 'events');
  if (Array.isArray(list)) entries = list.map((e) => ({ type: str(get(e, 'type')), name: str(get(e, 'name')), params: paramList(get(e, 'parameters')) }));
  else {
    const params = get(r, 'parameters');
    entries = [{ type: str(get(r, 'type')), name: str(get(r, 'name')), params: isRecord(params) ? params : Array.isArray(params) ? paramList(params) : {} }];
  }
  if (entries.length === 0) throw recordError('EVENTS_RECORD_INVALID', 'the Workspace activity has no events');
  return entries.map((e, index) => {
    if (!e.name) throw recordError('EVENTS_RECORD_INVALID', 'the Workspace activity event has no name');
    const attrs: Attributes = {};
    flatten(e.params, attrs);
    attrs['application'] = app;
    if (e.type) attrs['event_type'] = e.type;
    if (callerType) attrs['caller_type'] = callerType;
    const c = channelFor(app, e.type, e.name, e.params, actorDomain);
    if (c.scope) attrs['link_scope'] = c.scope;
    if (c.scope === 'takeout') attrs['export'] = true;
    if (c.channel === 'app_grant') {
      const scopes = [...strings(e.params['scope']), ...strings(e.params['API_SCOPES'])];
      const data = e.params['scope_data'];
      if (Array.isArray(data)) for (const d of data) scopes.push(...strings(get(d, 'scope_name')));
      if (scopes.length) attrs['scopes'] = [...new Set(scopes)];
      const appName = str(e.params['app_name']) ?? str(e.params['API_CLIENT_NAME']);
      if (appName) attrs['app_name'] = appName;
      const clientId = str(e.params['client_id']) ?? str(e.params['API_CLIENT_NAME']);
      if (clientId) attrs['client_id'] = clientId;
    }
    const country = str(e.params['login_country']) ?? str(e.params['country']);
    if (country) attrs['country'] = country;
    const service = callerType === 'KEY' ? (str(get(actor, 'key')) ?? 'key') : undefined;
    return build({
      id: uq && time !== undefined && !Number.isNaN(time) ? `gworkspace:${app}:${get(id, 'time') as string}:${uq}:${index}:${e.name}` : `${hashId('gworkspace', v)}:${index}`,
      time,
      ingestTime: ctx.ingestTime,
      source: 'gworkspace',
      action: e.name,
      channel: c.channel,
      actor: { user: email, service, ip },
      object: { path: str(e.params['doc_title']), id: str(e.params['doc_id']), kind: str(e.params['doc_type']) },
      destination: c.account || c.domain ? { account: c.account, domain: c.domain } : undefined,
      outcome: e.name === 'login_failure' ? 'failure' : e.name === 'login_success' ? 'success' : 'unknown',
      tenant: customer,
      attributes: attrs,
      raw: v,
    });
  });
}

export const gworkspaceParser: FormatParser = {
  format: 'gworkspace',
  parse(input: RecordInput, ctx: ParseContext): DataEvent[] {
    if (input.kind !== 'json') throw recordError('EVENTS_RECORD_INVALID', 'Workspace activities are JSON');
    // A whole activities.list page handed over as one record (a page with no items, or parseRecord of a page).
    if (str(get(input.value, 'kind')) === 'admin#reports#activities') {
      const items = get(input.value, 'items');
      if (items !== undefined && !Array.isArray(items)) throw recordError('EVENTS_RECORD_INVALID', 'the Reports API page has no items array');
      return (items ?? []).flatMap((item) => activityEvents(item, ctx));
    }
    return activityEvents(input.value, ctx);
  },
};
