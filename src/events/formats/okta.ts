// Okta System Log events (the /api/v1/logs LogEvent shape, camelCase or
// Panther's lower-cased keys): sign-ins, consent grants, privilege grants,
// password reveals and admin changes.
import type { Channel, DataEvent, Outcome } from '../data-event.js';
import { build, domainOf, get, hashId, isRecord, lower, lowerKeys, parseTime, recordError, str, strings, vendorId, type Attributes, type Rec } from './fields.js';
import type { FormatParser, ParseContext, RecordInput } from './format.js';

function channelFor(type: string): Channel {
  const t = type.toLowerCase();
  if (t.startsWith('user.session.start') || t.startsWith('user.authentication.') || t === 'user.session.end' || t === 'policy.evaluate_sign_on' || t === 'user.session.access_admin_app') return 'login';
  if (t.includes('consent.grant') || t === 'app.oauth2.as.consent.grant' || t === 'app.oauth2.consent.grant') return 'app_grant';
  if (t.startsWith('app.oauth2.') && t.includes('authorize')) return 'login';
  if (t === 'application.user_membership.show_password') return 'read';
  if (t.endsWith('privilege.grant') || t === 'user.session.impersonation.grant' || t === 'application.user_membership.add' || t === 'group.user_membership.add' || t === 'user.account.privilege.grant') return 'permission_change';
  if (t.startsWith('system.log_stream.') && (t.includes('delete') || t.includes('deactivate'))) return 'logging_change';
  if (/^(user\.(mfa|account|lifecycle)|group\.|application\.(lifecycle|policy)|policy\.lifecycle|policy\.rule|system\.(api_token|idp|org|mfa|agent)|zone\.|network_zone\.)/.test(t)) return 'admin';
  return 'other';
}

function outcomeOf(result: string | undefined): Outcome {
  const r = result?.toUpperCase();
  if (r === 'SUCCESS' || r === 'ALLOW') return 'success';
  if (r === 'FAILURE' || r === 'DENY' || r === 'SKIPPED' || r === 'ABANDONED') return 'failure';
  return 'unknown';
}

function oktaEvent(value: unknown, ctx: ParseContext): DataEvent {
  if (!isRecord(value)) throw recordError('EVENTS_RECORD_INVALID', 'an Okta System Log event must be a JSON object');
  let r: Rec = value;
  if (get(r, 'eventType') === undefined && Object.keys(r).some((k) => k.toLowerCase() === 'eventtype')) r = lowerKeys(r) as Rec;
  const type = str(get(r, 'eventType'));
  if (!type) throw recordError('EVENTS_RECORD_INVALID', 'the Okta event has no eventType');
  const actor = get(r, 'actor');
  const actorType = str(get(actor, 'type'));
  const alternate = lower(get(actor, 'alternateId'));
  const human = actorType === undefined || actorType === 'User';
  const client = get(r, 'client');
  const geo = get(client, 'geographicalContext');
  const attrs: Attributes = {};
  const country = str(get(geo, 'country'));
  if (country) attrs['country'] = country;
  const city = str(get(geo, 'city'));
  if (city) attrs['city'] = city;
  const message = str(get(r, 'displayMessage'));
  if (message) attrs['display_message'] = message;
  const legacy = str(get(r, 'legacyEventType'));
  if (legacy) attrs['legacy_event_type'] = legacy;
  const severity = str(get(r, 'severity'));
  if (severity) attrs['severity'] = severity;
  const reason = str(get(get(r, 'outcome'), 'reason'));
  if (reason) attrs['outcome_reason'] = reason;
  const security = get(r, 'securityContext');
  const proxy = get(security, 'isProxy');
  if (typeof proxy === 'boolean') attrs['is_proxy'] = proxy;
  const asOrg = str(get(security, 'asOrg'));
  if (asOrg) attrs['as_org'] = asOrg;
  const debug = get(get(r, 'debugContext'), 'debugData');
  for (const k of ['threatSuspected', 'risk', 'behaviors', 'requestUri']) {
    const v = str(get(debug, k));
    if (v) attrs[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v.slice(0, 300);
  }
  if (type === 'application.user_membership.show_password') attrs['secret_access'] = true;
  const targets = Array.isArray(get(r, 'target')) ? (get(r, 'target') as unknown[]) : [];
  const first = targets[0];
  const targetNames = targets.map((t) => str(get(t, 'alternateId')) ?? str(get(t, 'displayName'))).filter((x): x is string => x !== undefined);
  if (targetNames.length) attrs['targets'] = targetNames.slice(0, 10);
  const channel = channelFor(type);
  if (channel === 'app_grant') {
    const scopes = strings(get(debug, 'grantedScopes') ?? get(debug, 'scopes')).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
    if (scopes.length) attrs['scopes'] = scopes;
    const app = targets.find((t) => /app/i.test(str(get(t, 'type')) ?? ''));
    const appName = str(get(app, 'displayName'));
    if (appName) attrs['app_name'] = appName;
  }
  const targetUser = targets.find((t) => str(get(t, 'type')) === 'User');
  const targetAccount = lower(get(targetUser, 'alternateId'));
  const id = vendorId(get(r, 'uuid'));
  return build({
    id: id ? `okta:${id}` : hashId('okta', value),
    time: parseTime(get(r, 'published')),
    ingestTime: ctx.ingestTime,
    source: 'okta',
    action: type,
    channel,
    actor: human ? { user: alternate, ip: str(get(client, 'ipAddress')), userAgent: str(get(get(client, 'userAgent'), 'rawUserAgent')) } : { service: str(get(actor, 'displayName')) ?? alternate, ip: str(get(client, 'ipAddress')) },
    object: { path: str(get(first, 'alternateId')) ?? str(get(first, 'displayName')), id: str(get(first, 'id')), kind: lower(get(first, 'type')) },
    destination: channel === 'permission_change' && targetAccount ? { account: targetAccount, domain: domainOf(targetAccount) } : undefined,
    outcome: outcomeOf(str(get(get(r, 'outcome'), 'result'))),
    attributes: attrs,
    raw: value,
  });
}

export const oktaParser: FormatParser = {
  format: 'okta',
  parse(input: RecordInput, ctx: ParseContext): DataEvent[] {
    if (input.kind !== 'json') throw recordError('EVENTS_RECORD_INVALID', 'Okta System Log events are JSON');
    return [oktaEvent(input.value, ctx)];
  },
};
