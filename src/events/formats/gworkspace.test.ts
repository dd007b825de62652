import { describe, expect, it } from 'vitest';
import { parseRecord } from '../parse.js';
import { one } from './test-support.js';

// Shaped after the Admin SDK Reports API reference (activities.list, Drive,
// Token and Login event docs); people and ids are made up.
const activity = (applicationName: string, events: unknown[]) => ({
  kind: 'admin#reports#activity',
  id: { time: '2026-01-14T08:30:00.123Z', uniqueQualifier: '-4242424242424242', applicationName, customerId: 'C03az79cb' },
  actor: { callerType: 'USER', email: 'Zhang.San@Example.com', profileId: '1000001' },
  ipAddress: '203.0.113.77',
  events,
});

describe('Google Workspace activities (Reports API shape)', () => {
  it('give one event per entry of events[], with parameters as attributes', () => {
    const r = parseRecord(
      'gworkspace',
      activity('drive', [
        { type: 'access', name: 'download', parameters: [{ name: 'doc_id', value: '1AbC' }, { name: 'doc_title', value: '客户名单.xlsx' }, { name: 'doc_type', value: 'spreadsheet' }, { name: 'owner', value: 'zhang.san@example.com' }, { name: 'billable', boolValue: true }] },
        {
          type: 'acl_change',
          name: 'change_document_visibility',
          parameters: [{ name: 'doc_id', value: '1AbC' }, { name: 'visibility', value: 'people_with_link' }, { name: 'target_domain', value: 'all' }, { name: 'old_value', multiValue: ['private'] }, { name: 'new_value', multiValue: ['people_with_link'] }],
        },
      ]),
    );
    expect(r.events).toHaveLength(2);
    const [dl, vis] = r.events;
    expect(dl).toMatchObject({
      source: 'gworkspace',
      action: 'download',
      channel: 'download',
      time: Date.UTC(2026, 0, 14, 8, 30, 0, 123),
      actor: { user: 'zhang.san@example.com', ip: '203.0.113.77' },
      object: { path: '客户名单.xlsx', id: '1AbC', kind: 'spreadsheet' },
      tenant: 'C03az79cb',
      attributes: { application: 'drive', event_type: 'access', owner: 'zhang.san@example.com', billable: true },
    });
    expect(vis).toMatchObject({ channel: 'share_link', destination: { account: 'anyone' }, attributes: { new_value: ['people_with_link'], old_value: ['private'], visibility: 'people_with_link', link_scope: 'anyone' } });
    expect(dl!.id).not.toBe(vis!.id);
    expect(dl!.id).toBe('gworkspace:drive:2026-01-14T08:30:00.123Z:-4242424242424242:0:download');
  });

  it('tell a domain-only link and an external user share apart', () => {
    const [domainLink] = parseRecord('gworkspace', activity('drive', [{ type: 'acl_change', name: 'change_document_visibility', parameters: [{ name: 'new_value', multiValue: ['people_with_link'] }, { name: 'target_domain', value: 'example.com' }] }])).events;
    expect(domainLink).toMatchObject({ channel: 'share_internal', attributes: { link_scope: 'domain' } });
    const [ext] = parseRecord('gworkspace', activity('drive', [{ type: 'acl_change', name: 'change_user_access', parameters: [{ name: 'target_user', value: 'Someone@Gmail.com' }, { name: 'visibility_change', value: 'external' }, { name: 'new_value', multiValue: ['can_view'] }] }])).events;
    expect(ext).toMatchObject({ channel: 'share_external', destination: { account: 'someone@gmail.com', domain: 'gmail.com' } });
    const [owner] = parseRecord('gworkspace', activity('drive', [{ type: 'acl_change', name: 'change_owner', parameters: [{ name: 'new_owner', value: 'x@other.org' }] }])).events;
    expect(owner).toMatchObject({ channel: 'permission_change', destination: { account: 'x@other.org' } });
  });

  it('turn an OAuth authorize into app_grant with app, client and scopes', () => {
    const e = one('gworkspace', activity('token', [{ type: 'auth', name: 'authorize', parameters: [{ name: 'client_id', value: '1234.apps.googleusercontent.com' }, { name: 'app_name', value: 'PDF Helper' }, { name: 'scope', multiValue: ['https://www.googleapis.com/auth/drive', 'email'] }] }]));
    expect(e).toMatchObject({ channel: 'app_grant', attributes: { app_name: 'PDF Helper', client_id: '1234.apps.googleusercontent.com', scopes: ['https://www.googleapis.com/auth/drive', 'email'] } });
  });

  it('read login outcomes and forwarding out of the domain', () => {
    expect(one('gworkspace', activity('login', [{ type: 'login', name: 'login_failure', parameters: [{ name: 'login_type', value: 'google_password' }] }]))).toMatchObject({ channel: 'login', outcome: 'failure' });
    expect(one('gworkspace', activity('user_accounts', [{ type: 'email_forwarding_change', name: 'email_forwarding_out_of_domain', parameters: [{ name: 'email_forwarding_destination_address', value: 'Me@QQ.com' }] }]))).toMatchObject({
      channel: 'mail_forward',
      destination: { account: 'me@qq.com', domain: 'qq.com' },
    });
  });

  it('read the Panther flattened shape (one event, parameters as an object)', () => {
    const e = one('auto', { actor: { email: 'user@example.com' }, id: { applicationName: 'admin', customerId: 'D1', time: '2022-12-12 22:21:40.106000000', uniqueQualifier: '100000' }, kind: 'admin#reports#activity', name: 'CUSTOMER_TAKEOUT_CREATED', parameters: { OBFUSCATED_CUSTOMER_TAKEOUT_REQUEST_ID: 'x' }, type: 'CUSTOMER_TAKEOUT' });
    expect(e).toMatchObject({ source: 'gworkspace', channel: 'download', time: Date.UTC(2022, 11, 12, 22, 21, 40, 106), attributes: { export: true } });
  });

  it('reject an activity whose event has no name', () => {
    expect(parseRecord('gworkspace', activity('drive', [{ type: 'access' }])).error?.code).toBe('EVENTS_RECORD_INVALID');
  });
});
