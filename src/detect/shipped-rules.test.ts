// Every rule of the shipped pack (rules/*.yaml) fires on a record made for it and
// stays quiet on a near miss. Fixtures are vendor-shaped records with the
// normalised fields a parser sets; they are ours, not ../shared's.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultRules } from './default-rules.js';
import type { DataEvent } from './events.js';
import type { ModelFacts } from './facts/derived-facts.js';
import { RuleEngine } from './rules/rule-engine.js';
import type { CompiledRuleSet } from './rules/rule-types.js';
import { ev, type EventInit } from './test-support.js';

const T = Date.UTC(2024, 4, 6, 2, 0, 0);
const ADMIN = { user: 'arn:aws:iam::111122223333:user/ops', ip: '198.51.100.10' };

function ct(eventName: string, requestParameters: unknown, extra: Record<string, unknown> = {}, init: EventInit = {}): DataEvent {
  const eventSource = (extra['eventSource'] as string | undefined) ?? 's3.amazonaws.com';
  return ev({
    source: 'cloudtrail',
    action: eventName,
    channel: 'admin',
    actor: ADMIN,
    outcome: extra['errorCode'] ? 'failure' : 'success',
    raw: { eventName, eventSource, requestParameters, userIdentity: { type: 'IAMUser', arn: ADMIN.user }, ...extra },
    ...init,
  });
}

const gws = (name: string, parameters: Record<string, unknown>, init: EventInit = {}, applicationName = 'drive') =>
  ev({
    source: 'gworkspace',
    action: name,
    actor: { user: 'ann@corp.example' },
    raw: { kind: 'admin#reports#activity', id: { applicationName }, actor: { email: 'ann@corp.example' }, events: [{ name, parameters: Object.entries(parameters).map(([k, v]) => (Array.isArray(v) ? { name: k, multiValue: v } : { name: k, value: v })) }] },
    ...init,
  });

const m365 = (Operation: string, fields: Record<string, unknown>, init: EventInit = {}) =>
  ev({ source: 'm365', action: Operation, actor: { user: 'ann@corp.example' }, raw: { Operation, UserId: 'ann@corp.example', ...fields }, ...init });

const params = (p: Record<string, string>) => Object.entries(p).map(([Name, Value]) => ({ Name, Value }));

const many = (n: number, f: (i: number) => DataEvent) => Array.from({ length: n }, (_, i) => f(i));

interface Case {
  rule: string;
  fires: DataEvent[];
  quiet: DataEvent[];
  lists?: Record<string, string[]>;
  facts?: (e: DataEvent) => ModelFacts | undefined;
}

const publicPolicy = { bucketName: 'data', bucketPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] } };
const anonRead = (bucket: string, time = T + 60_000) => ev({ source: 's3access', action: 'REST.GET.OBJECT', channel: 'download', time, actor: { ip: '203.0.113.50' }, object: { container: bucket, path: 'x.csv' }, raw: { bucket, key: 'x.csv' } });

const CASES: Case[] = [
  {
    rule: 'aws.resource_policy_public',
    fires: [ct('PutBucketPolicy', publicPolicy)],
    quiet: [ct('PutBucketPolicy', { bucketName: 'data', bucketPolicy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } }] } })],
  },
  {
    rule: 'aws.s3_acl_public',
    fires: [ct('PutBucketAcl', { bucketName: 'data', AccessControlPolicy: { AccessControlList: { Grant: [{ Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] } } })],
    quiet: [ct('PutBucketAcl', { bucketName: 'data', 'x-amz-acl': ['private'] })],
  },
  {
    rule: 'aws.s3_public_access_block_removed',
    fires: [ct('DeleteBucketPublicAccessBlock', { bucketName: 'data' }), ct('PutBucketPublicAccessBlock', { bucketName: 'data', PublicAccessBlockConfiguration: { BlockPublicPolicy: false, BlockPublicAcls: true } })],
    quiet: [ct('DeleteBucketPublicAccessBlock', { bucketName: 'data' }, { errorCode: 'AccessDenied' }), ct('PutBucketPublicAccessBlock', { bucketName: 'data', PublicAccessBlockConfiguration: { BlockPublicPolicy: true } })],
  },
  {
    rule: 'aws.rds_made_public',
    fires: [ct('ModifyDBInstance', { dBInstanceIdentifier: 'prod', publiclyAccessible: true }, { eventSource: 'rds.amazonaws.com' })],
    quiet: [ct('ModifyDBInstance', { dBInstanceIdentifier: 'prod', publiclyAccessible: false }, { eventSource: 'rds.amazonaws.com' })],
  },
  {
    rule: 'aws.codebuild_made_public',
    fires: [ct('UpdateProjectVisibility', { projectVisibility: 'PUBLIC_READ', projectArn: 'arn:p' })],
    quiet: [ct('UpdateProjectVisibility', { projectVisibility: 'PRIVATE', projectArn: 'arn:p' })],
  },
  {
    rule: 'aws.s3_anonymous_access',
    fires: [anonRead('customer-exports')],
    quiet: [anonRead('www-site'), ev({ source: 's3access', action: 'REST.GET.OBJECT', channel: 'download', actor: { user: 'arn:aws:iam::1:user/etl' }, raw: { bucket: 'customer-exports', requester: 'arn:aws:iam::1:user/etl' } })],
    lists: { public_buckets: ['www-site'] },
  },
  {
    rule: 'aws.bucket_public_then_anonymous_read',
    fires: [ct('PutBucketPolicy', publicPolicy, {}, { time: T }), anonRead('data', T + 3_600_000)],
    quiet: [ct('PutBucketPolicy', publicPolicy, {}, { time: T }), anonRead('other', T + 3_600_000), anonRead('data', T + 3 * 86_400_000)],
  },
  {
    rule: 'aws.snapshot_shared',
    fires: [ct('ModifySnapshotAttribute', { snapshotId: 'snap-1', createVolumePermission: { add: { items: [{ group: 'all' }] } } }, { eventSource: 'ec2.amazonaws.com' })],
    quiet: [ct('ModifySnapshotAttribute', { snapshotId: 'snap-1', createVolumePermission: { add: { items: [{ userId: '444455556666' }] } } }, { eventSource: 'ec2.amazonaws.com' })],
    lists: { trusted_aws_accounts: ['444455556666'] },
  },
  {
    rule: 'aws.rds_snapshot_export',
    fires: [ct('StartExportTask', { sourceArn: 'arn:snap', s3BucketName: 'x' }, { eventSource: 'rds.amazonaws.com' })],
    quiet: [ct('StartExportTask', { sourceArn: 'arn:snap', s3BucketName: 'x' }, { eventSource: 'rds.amazonaws.com', errorCode: 'AccessDenied' })],
  },
  {
    rule: 'aws.s3_copy_to_other_account',
    fires: [ct('CopyObject', { bucketName: 'outside', key: 'db.csv' }, { resources: [{ accountId: '111122223333', type: 'AWS::S3::Bucket' }, { accountId: '999988887777', type: 'AWS::S3::Bucket' }] })],
    quiet: [ct('CopyObject', { bucketName: 'inside', key: 'db.csv' }, { resources: [{ accountId: '111122223333' }, { accountId: '111122223333' }] })],
  },
  {
    rule: 'aws.audit_logging_stopped',
    fires: [ct('StopLogging', { name: 'main' }, { eventSource: 'cloudtrail.amazonaws.com' }), ct('DeleteFlowLogs', {}, { eventSource: 'ec2.amazonaws.com' })],
    quiet: [ct('StartLogging', { name: 'main' }, { eventSource: 'cloudtrail.amazonaws.com' }), ct('StopLogging', { name: 'main' }, { eventSource: 'cloudtrail.amazonaws.com', errorCode: 'TrailNotFoundException' })],
  },
  {
    rule: 'aws.trail_weakened',
    fires: [ct('PutEventSelectors', { trailName: 'main', eventSelectors: [{ includeManagementEvents: false, readWriteType: 'ReadOnly' }] }, { eventSource: 'cloudtrail.amazonaws.com' })],
    quiet: [ct('PutEventSelectors', { trailName: 'main', eventSelectors: [{ includeManagementEvents: true, readWriteType: 'All' }] }, { eventSource: 'cloudtrail.amazonaws.com' })],
  },
  {
    rule: 'aws.s3_access_logging_disabled',
    fires: [ct('PutBucketLogging', { bucketName: 'data', BucketLoggingStatus: { xmlns: 'x' } })],
    quiet: [ct('PutBucketLogging', { bucketName: 'data', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'logs' } } })],
  },
  {
    rule: 'aws.s3_versioning_or_mfa_delete_disabled',
    fires: [ct('PutBucketVersioning', { bucketName: 'data', VersioningConfiguration: { Status: 'Suspended' } })],
    quiet: [ct('PutBucketVersioning', { bucketName: 'data', VersioningConfiguration: { Status: 'Enabled', MfaDelete: 'Enabled' } })],
  },
  {
    rule: 'download.bulk',
    fires: many(200, (i) => ev({ channel: 'download', action: 'FileDownloaded', time: T + i * 10_000, object: { path: `f${i}` } })),
    quiet: many(199, (i) => ev({ channel: 'download', action: 'FileDownloaded', time: T + i * 10_000, object: { path: `f${i}` } })),
  },
  {
    rule: 'download.new_country_then_bulk',
    fires: [ev({ channel: 'login', action: 'UserLoggedIn', time: T, attributes: { country: 'RU' } }), ...many(50, (i) => ev({ channel: 'download', time: T + 3_600_000 + i * 1000 }))],
    quiet: [ev({ channel: 'login', action: 'UserLoggedIn', time: T, attributes: { country: 'CN' } }), ...many(50, (i) => ev({ channel: 'download', time: T + 3_600_000 + i * 1000 }))],
    facts: (e) => (e.channel === 'login' ? { newCountry: e.attributes?.['country'] === 'RU' } : {}),
  },
  {
    rule: 'gworkspace.customer_takeout',
    fires: [gws('CUSTOMER_TAKEOUT_CREATED', {}, {}, 'admin')],
    quiet: [gws('CHANGE_EMAIL_SETTING', { SETTING_NAME: 'X' }, {}, 'admin')],
  },
  {
    rule: 'delete.mass',
    fires: many(300, (i) => ev({ channel: 'delete', action: 'FileDeleted', time: T + i * 5000 })),
    quiet: many(300, (i) => ev({ channel: 'delete', action: 'DeleteObject', time: T + i * 5000, actor: { service: 'cleanup-job' } })),
  },
  {
    rule: 'endpoint.removable_media_write',
    fires: [ev({ source: 'windows', action: '4663', channel: 'removable_media', object: { path: 'E:\\notes.txt' }, destination: { device: 'USB\\VID_0781' } })],
    quiet: [ev({ source: 'windows', action: '4663', channel: 'removable_media', outcome: 'failure', object: { path: 'E:\\notes.txt' } })],
  },
  {
    rule: 'endpoint.removable_media_sensitive',
    fires: [ev({ source: 'windows', action: '4663', channel: 'removable_media', object: { path: 'E:\\2024 salary.xlsx' } })],
    quiet: [ev({ source: 'windows', action: '4663', channel: 'removable_media', object: { path: 'E:\\holiday.jpg' } })],
  },
  {
    rule: 'endpoint.mass_storage_connected',
    fires: [ev({ source: 'windows', action: '6416', channel: 'removable_media', raw: { EventID: 6416, ClassName: 'DiskDrive', DeviceDescription: 'SanDisk Cruzer' } })],
    quiet: [ev({ source: 'windows', action: '6416', channel: 'other', raw: { EventID: 6416, ClassName: 'PrintQueue' } })],
  },
  {
    rule: 'endpoint.print_sensitive',
    fires: [ev({ channel: 'print', action: '307', object: { path: 'customer contract.pdf' } })],
    quiet: [ev({ channel: 'print', action: '307', object: { path: 'lunch menu.pdf' } })],
  },
  {
    rule: 'audit.log_cleared_or_disabled',
    fires: [ev({ source: 'windows', action: '1102', channel: 'logging_change' }), m365('Set-AdminAuditLogConfig', { Parameters: params({ UnifiedAuditLogIngestionEnabled: 'False' }) })],
    quiet: [ev({ source: 'windows', action: '4624', channel: 'login' }), m365('Set-AdminAuditLogConfig', { Parameters: params({ UnifiedAuditLogIngestionEnabled: 'True' }) })],
  },
  {
    rule: 'mail.forward_external',
    fires: [m365('Set-Mailbox', { Parameters: params({ Identity: 'ann', ForwardingSmtpAddress: 'smtp:ann.home@gmail.com' }) }, { channel: 'mail_forward' })],
    quiet: [m365('Set-Mailbox', { Parameters: params({ Identity: 'ann', ForwardingSmtpAddress: 'smtp:bob@corp.example' }) }, { channel: 'mail_forward' })],
  },
  {
    rule: 'mail.forward_and_hide',
    fires: [m365('New-InboxRule', { Parameters: params({ Name: 'x', ForwardTo: 'drop@protonmail.com', DeleteMessage: 'True' }) })],
    quiet: [m365('New-InboxRule', { Parameters: params({ Name: 'x', ForwardTo: 'drop@protonmail.com' }) })],
  },
  {
    rule: 'mail.export',
    fires: [m365('New-MailboxExportRequest', { Parameters: params({ Mailbox: 'ceo', FilePath: '\\\\srv\\pst\\ceo.pst' }) })],
    quiet: [m365('Get-Mailbox', { Parameters: params({ Identity: 'ceo' }) })],
  },
  {
    rule: 'share.personal_domain',
    fires: [gws('change_user_access', { target_user: 'ann.home@qq.com', new_value: ['can_view'], doc_title: 'plan.docx', visibility: 'shared_externally' })],
    quiet: [gws('change_user_access', { target_user: 'bob@corp.example', new_value: ['can_view'], doc_title: 'plan.docx' })],
  },
  {
    rule: 'share.external_unapproved',
    fires: [m365('AddedToSecureLink', { TargetUserOrGroupName: 'buyer@rival.example', TargetUserOrGroupType: 'Guest', SourceFileName: 'q3.xlsx', ObjectId: 'https://corp.sharepoint.com/q3.xlsx' })],
    quiet: [m365('AddedToSecureLink', { TargetUserOrGroupName: 'pm@partner.example', TargetUserOrGroupType: 'Guest', SourceFileName: 'q3.xlsx' }), gws('change_user_access', { target_user: 'x@rival.example', new_value: ['none'] })],
    lists: { allowed_share_domains: ['partner.example'] },
  },
  {
    rule: 'share.anyone_link_sensitive',
    fires: [m365('AnonymousLinkCreated', { SourceFileName: 'Salary 2024.xlsx', ObjectId: 'https://corp.sharepoint.com/hr/Salary 2024.xlsx' }, { object: { path: 'hr/Salary 2024.xlsx' } })],
    quiet: [m365('AnonymousLinkCreated', { SourceFileName: 'brochure.pdf', ObjectId: 'https://corp.sharepoint.com/mkt/brochure.pdf' }, { object: { path: 'mkt/brochure.pdf' } })],
  },
  {
    rule: 'share.anyone_link',
    fires: [gws('change_document_visibility', { visibility: 'people_with_link', new_value: ['people_with_link'], target_domain: 'all', doc_title: 'brochure' })],
    quiet: [
      gws('change_document_visibility', { visibility: 'private', new_value: ['private'], target_domain: 'all', doc_title: 'brochure' }),
      m365('AnonymousLinkCreated', { SourceFileName: 'pub.pdf', SourceRelativeUrl: 'Shared/External/pub.pdf' }),
    ],
    lists: { share_exempt_paths: ['*/External/*'] },
  },
  {
    rule: 'share.public_doc_edited',
    fires: [gws('edit', { visibility: 'people_with_link', doc_title: 'roadmap', doc_id: 'd1' })],
    quiet: [gws('edit', { visibility: 'private', doc_title: 'roadmap', doc_id: 'd1' })],
  },
  {
    rule: 'share.public_share_spree',
    fires: many(10, (i) => ev({ channel: 'share_link', action: 'AnonymousLinkCreated', time: T + i * 60_000, object: { id: `doc-${i}` } })),
    quiet: many(10, (i) => ev({ channel: 'share_link', action: 'AnonymousLinkCreated', time: T + i * 60_000, object: { id: 'doc-same' } })),
  },
  {
    rule: 'app.unapproved_broad_scopes',
    fires: [gws('authorize', { app_name: 'PDF Wizard', client_id: '1.apps', scope: ['https://www.googleapis.com/auth/drive', 'openid'] }, { channel: 'app_grant' }, 'token')],
    quiet: [
      gws('authorize', { app_name: 'Zoom', client_id: '2.apps', scope: ['https://www.googleapis.com/auth/drive'] }, { channel: 'app_grant' }, 'token'),
      gws('authorize', { app_name: 'PDF Wizard', client_id: '1.apps', scope: ['https://www.googleapis.com/auth/calendar'] }, { channel: 'app_grant' }, 'token'),
    ],
    lists: { approved_oauth_apps: ['zoom'] },
  },
  {
    rule: 'gworkspace.trusted_domain_added',
    fires: [gws('ADD_TRUSTED_DOMAINS', { DOMAIN_NAME: 'rival.example' }, {}, 'admin')],
    quiet: [gws('REMOVE_TRUSTED_DOMAINS', { DOMAIN_NAME: 'rival.example' }, {}, 'admin')],
  },
  {
    rule: 'app.domain_wide_install',
    fires: [gws('ADD_APPLICATION', { APPLICATION_NAME: 'Random Sync', APP_ID: '1' }, {}, 'admin')],
    quiet: [gws('ADD_APPLICATION', { APPLICATION_NAME: 'Slack', APP_ID: '2' }, {}, 'admin')],
    lists: { approved_oauth_apps: ['Slack'] },
  },
];

const env = { utcOffsetMinutes: 480, workHours: [8, 20] as const };

function firing(rules: CompiledRuleSet, events: DataEvent[], facts?: Case['facts']): Set<string> {
  const engine = new RuleEngine(rules, env);
  const out = new Set<string>();
  for (const e of events) for (const h of engine.evaluate(e, facts ? () => facts(e) : undefined)) out.add(h.rule.id);
  return out;
}

describe('the shipped rule pack', () => {
  let base: CompiledRuleSet;
  beforeAll(async () => {
    base = await loadDefaultRules();
  });

  it('has a test case for every rule', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(base.rules.map((r) => r.id).sort());
  });

  it('gives every rule a title, a family, a description or reason, and a score that matches its severity band', () => {
    for (const r of base.rules) {
      expect(r.title.length, r.id).toBeGreaterThan(5);
      expect(r.family, r.id).not.toBe('other');
      const band = { low: [0, 39], medium: [40, 64], high: [65, 84], critical: [85, 100] }[r.severity];
      expect(r.score, r.id).toBeGreaterThanOrEqual(band[0]!);
      expect(r.score, r.id).toBeLessThanOrEqual(band[1]!);
    }
  });

  describe.each(CASES)('$rule', (c) => {
    it('fires on its case', async () => {
      const rules = await loadDefaultRules({ lists: c.lists ?? {} });
      expect([...firing(rules, c.fires, c.facts)]).toContain(c.rule);
    });
    it('stays quiet on the near miss', async () => {
      const rules = await loadDefaultRules({ lists: c.lists ?? {} });
      expect([...firing(rules, c.quiet, c.facts)]).not.toContain(c.rule);
    });
  });
});
