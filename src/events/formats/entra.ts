// Microsoft Entra ID (Azure AD) audit and sign-in logs: Graph `directoryAudits`
// and `signIns` objects, and Microsoft Sentinel's AuditLogs / SigninLogs rows
// (where InitiatedBy, TargetResources and AdditionalDetails are JSON strings).
// App consents and permission grants become app_grant with their scopes.
import type { Channel, DataEvent, Outcome } from '../data-event.js';
import { build, domainOf, get, hashId, isRecord, jsonField, lower, num, parseTime, recordError, str, vendorId, type Attributes, type Rec } from './fields.js';
import type { FormatParser, ParseContext, RecordInput } from './format.js';

const APP_GRANT = /^(consent to application|add delegated permission grant|add app role assignment (grant )?to (user|service principal)|add oauth2permissiongrant|add application permission grant)/;
const PERMISSION = /^(add (eligible )?member to role|add member to group|add owner to (application|service principal|group)|add scoped member to role|update role|add role assignment)/;
const CREDENTIAL = /(certificates and secrets management|add service principal credentials|update application.*credential)/;

function field(r: unknown, ...keys: string[]): unknown {
  for (const k of keys) {
    const v = get(r, k);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function modified(targets: unknown[]): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const t of targets) {
    const props = get(t, 'modifiedProperties');
    if (!Array.isArray(props)) continue;
    for (const p of props) {
      const name = str(get(p, 'displayName'));
      const value = get(p, 'newValue');
      if (name && value !== undefined && value !== null) out.push({ name, value: typeof value === 'string' ? value : JSON.stringify(value) });
    }
  }
  return out;
}

function auditEvent(r: Rec, ctx: ParseContext): DataEvent {
  const activity = str(field(r, 'activityDisplayName', 'OperationName', 'ActivityDisplayName'))?.trim();
  if (!activity) throw recordError('EVENTS_RECORD_INVALID', 'the Entra audit record has no activityDisplayName / OperationName');
  const a = activity.toLowerCase();
  const initiated = jsonField(field(r, 'initiatedBy', 'InitiatedBy'));
  const user = get(initiated, 'user');
  const app = get(initiated, 'app');
  const targetsValue = jsonField(field(r, 'targetResources', 'TargetResources'));
  const targets = Array.isArray(targetsValue) ? targetsValue : isRecord(targetsValue) ? [targetsValue] : [];
  const details = jsonField(field(r, 'additionalDetails', 'AdditionalDetails'));
  const detailMap = new Map<string, string>();
  if (Array.isArray(details)) for (const d of details) if (str(get(d, 'key'))) detailMap.set(str(get(d, 'key'))!.toLowerCase(), str(get(d, 'value')) ?? '');
  const attrs: Attributes = {};
  const category = str(field(r, 'category', 'Category'));
  if (category) attrs['category'] = category;
  const service = str(field(r, 'loggedByService', 'LoggedByService'));
  if (service) attrs['logged_by_service'] = service;
  let channel: Channel = 'admin';
  const first = targets[0];
  let destination: { account?: string; domain?: string } | undefined;
  if (APP_GRANT.test(a)) {
    channel = 'app_grant';
    const props = modified(targets);
    const scopes = new Set<string>();
    for (const p of props) {
      if (/scope/i.test(p.name)) for (const s of p.value.replace(/[\\"[\]]/g, ' ').split(/[\s,]+/)) if (s && !/^scope:?$/i.test(s)) scopes.add(s);
      if (/permissions/i.test(p.name)) for (const m of p.value.matchAll(/Scope:\s*([^,\]}"\\]+)/g)) for (const s of m[1]!.trim().split(/\s+/)) scopes.add(s);
    }
    if (scopes.size) attrs['scopes'] = [...scopes];
    const sp = targets.find((t) => /serviceprincipal|application/i.test(str(get(t, 'type')) ?? '')) ?? first;
    const appName = str(get(sp, 'displayName'));
    if (appName) {
      attrs['app_name'] = appName;
      destination = { account: appName };
    }
    const appId = str(get(sp, 'id'));
    if (appId) attrs['app_id'] = appId;
    if (props.some((p) => /isadminconsent/i.test(p.name) && /true/i.test(p.value))) attrs['admin_consent'] = true;
  } else if (PERMISSION.test(a)) {
    channel = 'permission_change';
    const upn = lower(get(first, 'userPrincipalName'));
    if (upn) destination = { account: upn, domain: domainOf(upn) };
    const role = modified(targets).find((p) => /role\.displayname|group\.displayname/i.test(p.name));
    if (role) attrs['role'] = role.value.replace(/^"|"$/g, '');
  } else if (CREDENTIAL.test(a)) attrs['credential_added'] = true;
  const targetType = str(get(first, 'type'));
  if (targetType) attrs['target_type'] = targetType;
  const result = lower(field(r, 'result', 'Result'));
  const outcome: Outcome = result === 'success' ? 'success' : result === 'failure' || result === 'timeout' ? 'failure' : 'unknown';
  const reason = str(field(r, 'resultReason', 'ResultReason'));
  if (reason) attrs['result_reason'] = reason;
  const id = vendorId(field(r, 'id', 'Id'));
  return build({
    id: id ? `entra:${id}` : hashId('entra', r),
    time: parseTime(field(r, 'activityDateTime', 'ActivityDateTime', 'TimeGenerated')),
    ingestTime: ctx.ingestTime,
    source: 'entra',
    action: activity,
    channel,
    actor: {
      user: lower(get(user, 'userPrincipalName')) ?? lower(field(r, 'InitiatingUserOrApp')),
      service: user ? undefined : (str(get(app, 'displayName')) ?? str(get(app, 'servicePrincipalName'))),
      ip: str(get(user, 'ipAddress')) ?? str(get(app, 'ipAddress')),
      userAgent: detailMap.get('user-agent') ?? str(field(r, 'UserAgent')),
    },
    object: { path: str(get(first, 'displayName')) ?? str(get(first, 'userPrincipalName')), id: str(get(first, 'id')), kind: targetType?.toLowerCase() },
    destination,
    outcome,
    tenant: lower(field(r, 'tenantId', 'AADTenantId', 'TenantId')),
    attributes: attrs,
    raw: r,
  });
}

function signInEvent(r: Rec, ctx: ParseContext): DataEvent {
  const status = jsonField(field(r, 'status', 'Status'));
  const code = num(get(status, 'errorCode')) ?? num(field(r, 'ResultType'));
  const location = jsonField(field(r, 'location', 'LocationDetails'));
  const attrs: Attributes = {};
  const country = str(get(location, 'countryOrRegion'));
  if (country) attrs['country'] = country;
  const city = str(get(location, 'city'));
  if (city) attrs['city'] = city;
  const appName = str(field(r, 'appDisplayName', 'AppDisplayName'));
  if (appName) attrs['app_name'] = appName;
  const appId = str(field(r, 'appId', 'AppId'));
  if (appId) attrs['app_id'] = appId;
  if (code !== undefined) attrs['error_code'] = code;
  const ca = str(field(r, 'conditionalAccessStatus', 'ConditionalAccessStatus'));
  if (ca) attrs['conditional_access'] = ca;
  const risk = str(field(r, 'riskLevelDuringSignIn', 'RiskLevelDuringSignIn'));
  if (risk) attrs['risk_level'] = risk;
  const id = vendorId(field(r, 'id', 'Id'));
  return build({
    id: id ? `entra:${id}` : hashId('entra', r),
    time: parseTime(field(r, 'createdDateTime', 'CreatedDateTime', 'TimeGenerated')),
    ingestTime: ctx.ingestTime,
    source: 'entra',
    action: 'Sign-in activity',
    channel: 'login',
    actor: { user: lower(field(r, 'userPrincipalName', 'UserPrincipalName')), ip: str(field(r, 'ipAddress', 'IPAddress')), userAgent: str(field(r, 'userAgent', 'UserAgent')) },
    object: { path: appName, kind: 'application' },
    outcome: code === undefined ? 'unknown' : code === 0 ? 'success' : 'failure',
    tenant: lower(field(r, 'tenantId', 'AADTenantId', 'TenantId')),
    attributes: attrs,
    raw: r,
  });
}

/** True for sign-in rows and objects (rather than directory audits). */
export function isEntraSignIn(r: unknown): boolean {
  const type = str(get(r, 'Type'));
  if (type === 'SigninLogs' || type === 'AADNonInteractiveUserSignInLogs') return true;
  return get(r, 'createdDateTime') !== undefined && get(r, 'userPrincipalName') !== undefined && get(r, 'appDisplayName') !== undefined;
}

export const entraParser: FormatParser = {
  format: 'entra',
  parse(input: RecordInput, ctx: ParseContext): DataEvent[] {
    if (input.kind !== 'json' || !isRecord(input.value)) throw recordError('EVENTS_RECORD_INVALID', 'an Entra log record must be a JSON object');
    return [isEntraSignIn(input.value) ? signInEvent(input.value, ctx) : auditEvent(input.value, ctx)];
  },
};
