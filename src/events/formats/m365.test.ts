import { describe, expect, it } from 'vitest';
import { parseRecord, parseText } from '../parse.js';
import { forwardAddresses } from './m365.js';
import { INGEST, one } from './test-support.js';

// Shaped after Microsoft's "Office 365 Management Activity API schema" and the
// audit-log activity tables; ids, tenants and people are made up.
const sp = {
  CreationTime: '2026-01-14T09:15:02',
  Id: '6b3f1a2e-0d4c-4f5e-9a8b-7c6d5e4f3a2b',
  OrganizationId: 'B86AB9D4-FCF1-4B11-8A06-7A8F91B47FBD',
  RecordType: 6,
  UserKey: 'i:0h.f|membership|10032000aaaa@live.com',
  UserType: 0,
  Version: 1,
  Workload: 'SharePoint',
  ClientIP: '203.0.113.50',
  UserId: 'Li.Wei@Contoso.com',
  ObjectId: 'https://contoso.sharepoint.com/sites/finance/Shared Documents/payroll-2026.xlsx',
  ItemType: 'File',
  SiteUrl: 'https://contoso.sharepoint.com/sites/finance/',
  SourceFileName: 'payroll-2026.xlsx',
  SourceFileExtension: 'xlsx',
  UserAgent: 'Mozilla/5.0',
  EventSource: 'SharePoint',
};

describe('Microsoft 365 audit records', () => {
  it('turn FileDownloaded into a download with its size, user lower-cased', () => {
    const e = one('m365', { ...sp, Operation: 'FileDownloaded', FileSizeBytes: 1843200 });
    expect(e).toMatchObject({
      id: 'm365:6b3f1a2e-0d4c-4f5e-9a8b-7c6d5e4f3a2b',
      time: Date.UTC(2026, 0, 14, 9, 15, 2),
      source: 'm365',
      action: 'FileDownloaded',
      channel: 'download',
      actor: { user: 'li.wei@contoso.com', ip: '203.0.113.50', userAgent: 'Mozilla/5.0' },
      object: { path: sp.ObjectId, container: sp.SiteUrl, kind: 'file' },
      bytes: 1843200,
      tenant: 'b86ab9d4-fcf1-4b11-8a06-7a8f91b47fbd',
      attributes: { workload: 'SharePoint', file_extension: 'xlsx', file_name: 'payroll-2026.xlsx' },
    });
  });

  it('turn AnonymousLinkCreated into share_link to anyone', () => {
    const e = one('m365', { ...sp, RecordType: 14, Operation: 'AnonymousLinkCreated', EventData: '<Type>View</Type>' });
    expect(e).toMatchObject({ channel: 'share_link', destination: { account: 'anyone' }, attributes: { link_scope: 'anyone' } });
  });

  it('turn a sharing invitation to a guest into share_external with the guest as destination', () => {
    const e = one('m365', { ...sp, RecordType: 14, Operation: 'SharingInvitationCreated', TargetUserOrGroupName: 'Rival.Person@Gmail.com', TargetUserOrGroupType: 'Guest' });
    expect(e).toMatchObject({ channel: 'share_external', destination: { account: 'rival.person@gmail.com', domain: 'gmail.com' }, attributes: { target_type: 'Guest' } });
    const member = one('m365', { ...sp, RecordType: 14, Operation: 'AddedToSecureLink', TargetUserOrGroupName: 'colleague@contoso.com', TargetUserOrGroupType: 'Member' });
    expect(member.channel).toBe('share_internal');
  });

  it('turn a forwarding mailbox setting and a forwarding inbox rule into mail_forward', () => {
    const exch = { CreationTime: '2026-01-14T10:00:00', Id: 'b1c2d3e4-aaaa-bbbb-cccc-000000000001', Workload: 'Exchange', RecordType: 1, ResultStatus: 'True', UserId: 'li.wei@contoso.com', ClientIP: '[2001:db8::5]:51234', OrganizationId: 'org-1' };
    const mailbox = one('m365', { ...exch, Operation: 'Set-Mailbox', Parameters: [{ Name: 'Identity', Value: 'li.wei' }, { Name: 'ForwardingSmtpAddress', Value: 'smtp:Li.Wei.Home@QQ.com' }, { Name: 'DeliverToMailboxAndForward', Value: 'False' }] });
    expect(mailbox).toMatchObject({ channel: 'mail_forward', destination: { account: 'li.wei.home@qq.com', domain: 'qq.com' }, attributes: { forward_to: ['li.wei.home@qq.com'], keep_copy: false, mailbox: 'li.wei' }, actor: { ip: '2001:db8::5' }, outcome: 'success' });
    const rule = one('m365', {
      ...exch,
      Operation: 'New-InboxRule',
      Parameters: [{ Name: 'Name', Value: 'sync' }, { Name: 'ForwardTo', Value: 'a@163.com;"B" <b@gmail.com>' }, { Name: 'DeleteMessage', Value: 'True' }],
    });
    expect(rule.attributes).toMatchObject({ forward_to: ['a@163.com', 'b@gmail.com'], delete_message: true, rule_name: 'sync' });
    const harmless = one('m365', { ...exch, Operation: 'New-InboxRule', Parameters: [{ Name: 'MoveToFolder', Value: 'Archive' }] });
    expect(harmless.channel).toBe('admin');
  });

  it('turn an app consent into app_grant with its scopes and app', () => {
    const e = one('m365', {
      CreationTime: '2026-01-14T11:00:00',
      Id: 'c0ffee00-1111-2222-3333-444455556666',
      Operation: 'Consent to application.',
      OrganizationId: 'org-1',
      RecordType: 8,
      ResultStatus: 'Success',
      UserId: 'li.wei@contoso.com',
      Workload: 'AzureActiveDirectory',
      ModifiedProperties: [
        { Name: 'ConsentContext.IsAdminConsent', NewValue: 'False', OldValue: '' },
        { Name: 'ConsentAction.Permissions', NewValue: '[] => [[Id: abc, ClientId: def, PrincipalId: ghi, ResourceId: jkl, ConsentType: Principal, Scope: Mail.Read Files.Read.All offline_access, CreatedDateTime: , LastModifiedDateTime ]];', OldValue: '' },
      ],
      Target: [{ ID: 'ServicePrincipal_0a1b2c3d-0000-0000-0000-000000000000', Type: 2 }, { ID: 'MailSyncPro', Type: 1 }],
    });
    expect(e).toMatchObject({ channel: 'app_grant', attributes: { scopes: ['Mail.Read', 'Files.Read.All', 'offline_access'], app_name: 'MailSyncPro' }, destination: { account: 'MailSyncPro' } });
    expect(e.attributes?.['admin_consent']).toBeUndefined();
  });

  it('count UserLoginFailed as a failed login', () => {
    expect(one('m365', { CreationTime: '2026-01-14T11:00:00', Id: 'd0d0d0d0-1111-2222-3333-444455556666', Operation: 'UserLoginFailed', Workload: 'AzureActiveDirectory', ResultStatus: 'Success', UserId: 'x@contoso.com', LogonError: 'InvalidPassword' })).toMatchObject({ channel: 'login', outcome: 'failure', attributes: { logon_error: 'InvalidPassword' } });
  });

  it('read Panther-style lower-cased Exchange records', () => {
    const e = one('m365', { clientip: '1.2.3.4', creationtime: '2022-12-12 22:19:00', id: '111-22-33-44', operation: 'Set-Mailbox', parameters: [{ Name: 'ForwardingSmtpAddress', Value: 'smtp:p@familyguy.com' }], userid: 'homer@simpsons.com', workload: 'Exchange' });
    expect(e).toMatchObject({ action: 'Set-Mailbox', channel: 'mail_forward', time: Date.UTC(2022, 11, 12, 22, 19), actor: { user: 'homer@simpsons.com', ip: '1.2.3.4' } });
  });

  it('reject a record with no Operation', () => {
    expect(parseRecord('m365', { Workload: 'Exchange' }).error?.code).toBe('EVENTS_RECORD_INVALID');
  });
});

describe('the Microsoft 365 CSV export', () => {
  it('reads the AuditData column of each row, quotes and all', async () => {
    const audit = JSON.stringify({ ...sp, Operation: 'FileDownloaded', FileSizeBytes: 10 });
    const csv = `CreationDate,UserIds,Operations,AuditData\r\n2026-01-14T09:15:02.0000000Z,li.wei@contoso.com,FileDownloaded,"${audit.replace(/"/g, '""')}"\r\n2026-01-14T09:16:00Z,x@contoso.com,FileDownloaded,"{not json"\r\n`;
    const r = await parseText(csv, { ingestTime: INGEST });
    expect(r.info).toMatchObject({ format: 'm365', framing: 'csv' });
    expect(r.events.map((e) => [e.action, e.channel, e.bytes])).toEqual([['FileDownloaded', 'download', 10]]);
    expect(r.deadLetters).toEqual([expect.objectContaining({ code: 'EVENTS_PARSE_FAILED', line: 3 })]);
  });
});

describe('forwarding addresses', () => {
  it.each([
    ['smtp:A@B.com', ['a@b.com']],
    ['a@b.com; c@d.com,e@f.com', ['a@b.com', 'c@d.com', 'e@f.com']],
    ['"Name" <x@y.com>', ['x@y.com']],
    ['["a@b.com","c@d.com"]', ['a@b.com', 'c@d.com']],
    ['$null', []],
  ])('reads %s', (value, expected) => {
    expect(forwardAddresses(value)).toEqual(expected);
  });
});
