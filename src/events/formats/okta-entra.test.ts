import { describe, expect, it } from 'vitest';
import { parseRecord } from '../parse.js';
import { one } from './test-support.js';

// Okta: the System Log API LogEvent object. Entra: Graph directoryAudits and
// signIns, and Sentinel AuditLogs rows. Values are made up.
const okta = {
  uuid: '6a1f3c1e-3f0b-11ef-9a5b-0123456789ab',
  published: '2026-01-14T07:00:00.000Z',
  eventType: 'user.session.start',
  version: '0',
  severity: 'INFO',
  displayMessage: 'User login to Okta',
  actor: { id: '00u1', type: 'User', alternateId: 'Wang.Wu@Example.com', displayName: 'Wang Wu' },
  client: { userAgent: { rawUserAgent: 'Mozilla/5.0' }, ipAddress: '198.51.100.9', geographicalContext: { country: 'Singapore', city: 'Singapore' } },
  outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' },
  target: [],
};

describe('Okta System Log events', () => {
  it('turn a sign-in into login with outcome, IP and country', () => {
    expect(one('auto', okta)).toMatchObject({
      id: 'okta:6a1f3c1e-3f0b-11ef-9a5b-0123456789ab',
      source: 'okta',
      channel: 'login',
      outcome: 'failure',
      actor: { user: 'wang.wu@example.com', ip: '198.51.100.9', userAgent: 'Mozilla/5.0' },
      attributes: { country: 'Singapore', outcome_reason: 'INVALID_CREDENTIALS' },
    });
  });

  it('turn privilege grants, password reveals and consents into their channels', () => {
    expect(one('okta', { ...okta, eventType: 'user.account.privilege.grant', outcome: { result: 'SUCCESS' }, target: [{ type: 'User', alternateId: 'Eve@Example.com' }] })).toMatchObject({ channel: 'permission_change', destination: { account: 'eve@example.com' } });
    expect(one('okta', { ...okta, eventType: 'application.user_membership.show_password' })).toMatchObject({ channel: 'read', attributes: { secret_access: true } });
    expect(one('okta', { ...okta, eventType: 'app.oauth2.as.consent.grant', target: [{ type: 'AppInstance', displayName: 'Sketchy Sync' }], debugContext: { debugData: { grantedScopes: 'okta.users.read offline_access' } } })).toMatchObject({
      channel: 'app_grant',
      attributes: { scopes: ['okta.users.read', 'offline_access'], app_name: 'Sketchy Sync' },
    });
  });
});

const audit = {
  id: 'Directory_0d1e2f3a-4b5c_ABCDE_12345678',
  category: 'ApplicationManagement',
  activityDateTime: '2026-01-14T06:00:00Z',
  activityDisplayName: 'Consent to application',
  loggedByService: 'Core Directory',
  result: 'success',
  initiatedBy: { user: { userPrincipalName: 'Li.Wei@Contoso.com', ipAddress: '203.0.113.50' } },
  targetResources: [
    {
      id: 'sp-1',
      displayName: 'MailSyncPro',
      type: 'ServicePrincipal',
      modifiedProperties: [
        { displayName: 'ConsentContext.IsAdminConsent', oldValue: null, newValue: '"True"' },
        { displayName: 'ConsentAction.Permissions', oldValue: null, newValue: '"[] => [[Scope: Mail.ReadWrite User.Read, ]];"' },
      ],
    },
  ],
};

describe('Entra ID logs', () => {
  it('turn a consent into app_grant with scopes, app and admin consent', () => {
    expect(one('auto', audit)).toMatchObject({
      id: 'entra:Directory_0d1e2f3a-4b5c_ABCDE_12345678',
      source: 'entra',
      channel: 'app_grant',
      actor: { user: 'li.wei@contoso.com', ip: '203.0.113.50' },
      destination: { account: 'MailSyncPro' },
      attributes: { scopes: ['Mail.ReadWrite', 'User.Read'], app_name: 'MailSyncPro', admin_consent: true },
      outcome: 'success',
    });
  });

  it('read Sentinel rows, where nested fields are JSON strings', () => {
    const row = { TimeGenerated: '2021-08-02T13:29:25.983Z', OperationName: 'Add delegated permission grant', Category: 'ApplicationManagement', Result: 'success', Id: 'Directory_x_y_1234', Type: 'AuditLogs', InitiatedBy: JSON.stringify(audit.initiatedBy), TargetResources: JSON.stringify([{ displayName: 'Microsoft Graph', type: 'ServicePrincipal', modifiedProperties: [{ displayName: 'DelegatedPermissionGrant.Scope', newValue: '"Mail.Read User.Read"' }] }]) };
    expect(one('auto', row)).toMatchObject({ channel: 'app_grant', attributes: { scopes: ['Mail.Read', 'User.Read'], app_name: 'Microsoft Graph' }, time: Date.UTC(2021, 7, 2, 13, 29, 25, 983) });
  });

  it('turn sign-ins into logins with the country', () => {
    expect(one('auto', { id: '66ea54eb-6301-4ee5-be62-ff5a759b0100', createdDateTime: '2026-01-14T05:00:00Z', userPrincipalName: 'a@contoso.com', appDisplayName: 'Office 365', ipAddress: '192.0.2.1', status: { errorCode: 50126 }, location: { countryOrRegion: 'CN' } })).toMatchObject({
      channel: 'login',
      outcome: 'failure',
      attributes: { country: 'CN', error_code: 50126 },
    });
  });

  it('reject an audit record without an activity', () => {
    expect(parseRecord('entra', { id: 'x', category: 'y' }).error?.code).toBe('EVENTS_RECORD_INVALID');
  });
});
