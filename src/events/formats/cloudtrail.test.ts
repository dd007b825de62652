import { describe, expect, it } from 'vitest';
import { parseRecord, parseText } from '../parse.js';
import { parsePythonLiteral } from './cloudtrail-csv.js';
import { INGEST, one } from './test-support.js';

// Shaped after the examples in the AWS CloudTrail User Guide ("CloudTrail log
// file examples", "Amazon S3 data events"); ids and accounts are made up.
const identity = { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', accessKeyId: 'AKIAEXAMPLE', userName: 'alice' };
const base = {
  eventVersion: '1.09',
  userIdentity: identity,
  eventTime: '2026-01-14T02:13:04Z',
  eventSource: 's3.amazonaws.com',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.23',
  userAgent: '[aws-cli/2.15.0]',
  requestID: 'REQ0001',
  eventID: '3e2b1f48-9a3d-4b7e-8c1d-5f6a7b8c9d0e',
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
};

describe('CloudTrail records', () => {
  it('turn an S3 GetObject data event into a download of bucket/key with its bytes', () => {
    const e = one('cloudtrail', {
      ...base,
      eventName: 'GetObject',
      readOnly: true,
      eventCategory: 'Data',
      requestParameters: { bucketName: 'acme-finance', key: 'exports/customers.csv' },
      additionalEventData: { bytesTransferredIn: 0, bytesTransferredOut: 48213311 },
    });
    expect(e).toMatchObject({
      id: 'cloudtrail:3e2b1f48-9a3d-4b7e-8c1d-5f6a7b8c9d0e',
      time: Date.UTC(2026, 0, 14, 2, 13, 4),
      ingestTime: INGEST,
      source: 'cloudtrail',
      action: 'GetObject',
      channel: 'download',
      actor: { user: 'arn:aws:iam::111122223333:user/alice', ip: '198.51.100.23', userAgent: '[aws-cli/2.15.0]' },
      object: { container: 'acme-finance', path: 'exports/customers.csv', kind: 'object' },
      bytes: 48213311,
      outcome: 'success',
      tenant: '111122223333',
      attributes: { identity_type: 'IAMUser', account_id: '111122223333', event_category: 'Data' },
    });
  });

  it('mark a PutBucketAcl that grants AllUsers as a public grant', () => {
    const e = one('cloudtrail', {
      ...base,
      eventName: 'PutBucketAcl',
      requestParameters: {
        bucketName: 'acme-finance',
        AccessControlPolicy: { AccessControlList: { Grant: [{ Grantee: { 'xsi:type': 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] } },
      },
    });
    expect(e.channel).toBe('permission_change');
    expect(e.attributes).toMatchObject({ public_grant: true, public_grantees: ['AllUsers'] });
    const canned = one('cloudtrail', { ...base, eventName: 'PutBucketAcl', requestParameters: { bucketName: 'b', 'x-amz-acl': ['public-read'] } });
    expect(canned.attributes).toMatchObject({ public_grant: true, canned_acl: 'public-read' });
    const priv = one('cloudtrail', { ...base, eventName: 'PutBucketAcl', requestParameters: { bucketName: 'b', 'x-amz-acl': ['private'] } });
    expect(priv.attributes?.['public_grant']).toBe(false);
  });

  it('mark a bucket policy with Principal "*" as public, and note a condition', () => {
    const policy = (principal: unknown, condition?: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...(condition ? { Condition: condition } : {}) }] });
    expect(one('cloudtrail', { ...base, eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b', bucketPolicy: policy('*') } }).attributes).toMatchObject({ public_grant: true });
    expect(one('cloudtrail', { ...base, eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b', bucketPolicy: JSON.stringify(policy({ AWS: '*' })) } }).attributes).toMatchObject({ public_grant: true });
    expect(one('cloudtrail', { ...base, eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b', bucketPolicy: policy('*', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }) } }).attributes).toMatchObject({ public_grant: true, policy_conditional: true });
    const cross = one('cloudtrail', { ...base, eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b', bucketPolicy: policy({ AWS: 'arn:aws:iam::999988887777:root' }) } });
    expect(cross.attributes).toMatchObject({ public_grant: false, cross_account: true, policy_principals: ['arn:aws:iam::999988887777:root'] });
  });

  it('mark removing or weakening the public access block', () => {
    expect(one('cloudtrail', { ...base, eventName: 'DeleteBucketPublicAccessBlock', requestParameters: { bucketName: 'b' } }).attributes).toMatchObject({ public_access_block_removed: true });
    const weak = one('cloudtrail', {
      ...base,
      eventName: 'PutBucketPublicAccessBlock',
      requestParameters: { bucketName: 'b', PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true } },
    });
    expect(weak.channel).toBe('permission_change');
    expect(weak.attributes).toMatchObject({ public_access_block_weakened: true, block_public_acls: false, restrict_public_buckets: true });
  });

  it('turn StopLogging and DeleteTrail into logging_change with logging disabled', () => {
    for (const name of ['StopLogging', 'DeleteTrail']) {
      const e = one('cloudtrail', { ...base, eventSource: 'cloudtrail.amazonaws.com', eventName: name, requestParameters: { name: 'org-trail' } });
      expect(e).toMatchObject({ channel: 'logging_change', attributes: { logging_disabled: true } });
    }
    expect(one('cloudtrail', { ...base, eventSource: 'cloudtrail.amazonaws.com', eventName: 'StartLogging' }).attributes).toMatchObject({ logging_disabled: false });
  });

  it('turn snapshot sharing into share_external, public when shared with "all"', () => {
    const e = one('cloudtrail', {
      ...base,
      eventSource: 'ec2.amazonaws.com',
      eventName: 'ModifySnapshotAttribute',
      requestParameters: { snapshotId: 'snap-0abc', attributeType: 'CREATE_VOLUME_PERMISSION', createVolumePermission: { add: { items: [{ userId: '999988887777' }] } } },
    });
    expect(e).toMatchObject({ channel: 'share_external', destination: { account: '999988887777' }, attributes: { shared_with: ['999988887777'], public_grant: false, cross_account: true }, object: { path: 'snap-0abc' } });
    const pub = one('cloudtrail', { ...base, eventSource: 'rds.amazonaws.com', eventName: 'ModifyDBSnapshotAttribute', requestParameters: { dBSnapshotIdentifier: 'db1', attributeName: 'restore', valuesToAdd: ['all'] } });
    expect(pub.attributes).toMatchObject({ public_grant: true });
    const removal = one('cloudtrail', { ...base, eventSource: 'ec2.amazonaws.com', eventName: 'ModifyImageAttribute', requestParameters: { imageId: 'ami-1', launchPermission: { remove: { items: [{ userId: '999988887777' }] } } } });
    expect(removal.channel).toBe('permission_change');
  });

  it('read failed console logins, anonymous principals and AWS services', () => {
    const login = one('cloudtrail', { ...base, eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' }, additionalEventData: { MFAUsed: 'No' } });
    expect(login).toMatchObject({ channel: 'login', outcome: 'failure', attributes: { mfa_used: false } });
    const anon = one('cloudtrail', { ...base, eventName: 'ListObjects', userIdentity: { type: 'AWSAccount', principalId: '', accountId: 'anonymous' }, requestParameters: { bucketName: 'open' } });
    expect(anon.actor.user).toBe('anonymous');
    expect(anon.channel).toBe('read');
    const svc = one('cloudtrail', { ...base, eventName: 'PutObject', userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' }, sourceIPAddress: 'cloudtrail.amazonaws.com' });
    expect(svc.actor).toEqual({ service: 'cloudtrail.amazonaws.com', userAgent: '[aws-cli/2.15.0]' });
  });

  it('count an errorCode as failure and keep it in the attributes', () => {
    const e = one('cloudtrail', { ...base, eventName: 'GetObject', errorCode: 'AccessDenied', errorMessage: 'Access Denied', requestParameters: { bucketName: 'b', key: 'k' } });
    expect(e).toMatchObject({ outcome: 'failure', attributes: { error_code: 'AccessDenied', error_message: 'Access Denied' } });
  });

  it('read lower-cased keys and Panther time stamps', () => {
    const e = one('cloudtrail', { eventname: 'GetObject', eventsource: 's3.amazonaws.com', eventtime: '2023-01-10 21:04:02', eventid: '5d4b45ed-a15c-41b6-80e9-031729fa060d', useridentity: { arn: 'arn:aws:iam::1:user/x', type: 'IAMUser' }, requestparameters: { bucketName: 'b', key: 'k' } });
    expect(e).toMatchObject({ action: 'GetObject', channel: 'download', time: Date.UTC(2023, 0, 10, 21, 4, 2), actor: { user: 'arn:aws:iam::1:user/x' } });
  });

  it('hash the record for an id when the event id is a placeholder', () => {
    const a = one('cloudtrail', { ...base, eventID: '1', eventName: 'GetObject' });
    const b = one('cloudtrail', { ...base, eventID: '1', eventName: 'PutObject' });
    expect(a.id).toMatch(/^cloudtrail:sha256:/);
    expect(a.id).not.toBe(b.id);
  });

  it('flag a record with no event time and reject one with an unreadable time', () => {
    const { eventTime: _t, ...noTime } = base;
    expect(one('cloudtrail', { ...noTime, eventName: 'GetObject' })).toMatchObject({ time: INGEST, attributes: { time_missing: true } });
    expect(parseRecord('cloudtrail', { ...base, eventName: 'GetObject', eventTime: 'redacted' }).error?.code).toBe('EVENTS_TIME_INVALID');
  });

  it('reject a record with no eventName', () => {
    expect(parseRecord('cloudtrail', { eventType: 'logout' }).error).toEqual({ code: 'EVENTS_RECORD_INVALID', reason: 'the CloudTrail record has no eventName' });
  });
});

describe('the flattened CloudTrail CSV export', () => {
  it('reads Python-dict columns into identity and request parameters', async () => {
    const csv = [
      'Event Type,Event Name,Request ID,User ID,Request Parameters,Alert,Event ID,Event DateTime,Alarm DateTime,Source IP,Request User Agent,Repeated Attempts',
      `AwsApiCall,GetObject,R1,"{'type': 'AWSAccount', 'principalId': '', 'accountId': 'ANONYMOUS_PRINCIPAL'}","{'bucketName': 'acme-dev', 'key': 'backup.sql', 'Host': 'acme-dev.s3.amazonaws.com'}", 3,9f1c2d3e-0000-4000-8000-000000000001,2022-02-18T17:34:57Z,2022-02-18T17:39:28Z,203.0.113.9,"curl/7.81.0",1`,
    ].join('\n');
    const r = await parseText(csv, { ingestTime: INGEST });
    expect(r.info).toMatchObject({ format: 'cloudtrail', framing: 'csv' });
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({
      id: 'cloudtrail:9f1c2d3e-0000-4000-8000-000000000001',
      action: 'GetObject',
      channel: 'download',
      actor: { user: 'anonymous', ip: '203.0.113.9', userAgent: 'curl/7.81.0' },
      object: { container: 'acme-dev', path: 'backup.sql' },
      raw: expect.objectContaining({ 'Event Name': 'GetObject' }),
    });
  });

  it('parses Python literals and refuses what is not one', () => {
    expect(parsePythonLiteral("{'a': [1, 2.5, True, None], 'b': (\"x\",), 'c': 'it\\'s'}")).toEqual({ a: [1, 2.5, true, null], b: ['x'], c: "it's" });
    expect(parsePythonLiteral("{'a': ")).toBeUndefined();
    expect(parsePythonLiteral('os.system("x")')).toBeUndefined();
  });
});
