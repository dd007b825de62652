import { describe, expect, it } from 'vitest';
import { toOcsf } from './ocsf.js';
import { one } from './formats/test-support.js';

const s3Get = one('cloudtrail', { eventName: 'GetObject', eventSource: 's3.amazonaws.com', eventTime: '2026-01-14T00:00:00Z', eventID: 'abcdefgh-0001', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/a' }, requestParameters: { bucketName: 'b', key: 'k' }, recipientAccountId: '111122223333' });

describe('the OCSF export', () => {
  it('maps a CloudTrail call to API Activity with type_uid = class × 100 + activity', () => {
    expect(toOcsf(s3Get)).toMatchObject({ class_uid: 6003, class_name: 'API Activity', category_uid: 6, category_name: 'Application Activity', activity_id: 2, type_uid: 600302, api: { operation: 'GetObject' }, cloud: { account: { uid: '111122223333' } }, metadata: { uid: 'cloudtrail:abcdefgh-0001', product: { vendor_name: 'AWS' } } });
  });

  it('maps SaaS file activity to File Hosting Activity, sign-ins to Authentication, consents to User Access Management', () => {
    const dl = one('m365', { Operation: 'FileDownloaded', CreationTime: '2026-01-14T00:00:00', Id: 'abcdefgh-0002', UserId: 'a@b.com', ObjectId: 'https://x/y/report.xlsx', Workload: 'OneDrive', FileSizeBytes: 12 });
    expect(toOcsf(dl)).toMatchObject({ class_uid: 6006, class_name: 'File Hosting Activity', activity_id: 2, activity_name: 'Download', file: { name: 'report.xlsx', size: 12 }, actor: { user: { email_addr: 'a@b.com' } } });
    const link = one('m365', { Operation: 'AnonymousLinkCreated', CreationTime: '2026-01-14T00:00:00', Id: 'abcdefgh-0003', UserId: 'a@b.com', Workload: 'OneDrive' });
    expect(toOcsf(link)).toMatchObject({ class_uid: 6006, activity_id: 12, activity_name: 'Share', unmapped: { leakwatch_channel: 'share_link' } });
    const login = one('okta', { uuid: 'abcdefgh-0004', published: '2026-01-14T00:00:00Z', eventType: 'user.session.start', actor: { alternateId: 'a@b.com', type: 'User' }, outcome: { result: 'FAILURE' } });
    expect(toOcsf(login)).toMatchObject({ class_uid: 3002, category_uid: 3, activity_id: 1, status_id: 2, status: 'Failure', user: { name: 'a@b.com' } });
    const grant = one('gworkspace', { id: { applicationName: 'token', time: '2026-01-14T00:00:00Z', uniqueQualifier: '1' }, actor: { email: 'a@b.com' }, events: [{ name: 'authorize', parameters: [{ name: 'app_name', value: 'X' }] }] });
    expect(toOcsf(grant)).toMatchObject({ class_uid: 3005, class_name: 'User Access Management' });
  });

  it('maps host file access and USB to File System Activity, and leaves the raw record out', () => {
    const usb = one('windows', { System: { EventID: 6416, TimeCreated: { SystemTime: '2026-01-14T00:00:00Z' }, Computer: 'pc', EventRecordID: 1, Channel: 'Security' }, EventData: { ClassName: 'DiskDrive', DeviceId: 'USBSTOR\\X', DeviceDescription: 'USB' } });
    const o = toOcsf(usb);
    expect(o).toMatchObject({ class_uid: 1001, class_name: 'File System Activity', activity_name: 'Mount', device: { uid: 'USBSTOR\\X' } });
    expect(JSON.stringify(o)).not.toContain('"raw"');
  });
});
