// Vendor-shaped records for the generated organisation, written the way the
// services deliver them: CloudTrail records (S3 data events and management
// calls), Microsoft 365 Unified Audit Log records (Management Activity API JSON),
// Google Workspace Reports API activities. Field sets follow the vendors' docs and
// the real samples in ../shared/datasets/logs.
import type { Rand } from './rand.js';

export const AWS_ACCOUNT = '483920174512';
export const M365_ORG_ID = '7c1e2a44-1f0b-4c8e-9d0e-3b6a2f8d9c10';
export const GWS_CUSTOMER = 'C02hx8q7k';
export const TENANT_HOST = 'huaxin.sharepoint.com';

export type VendorSource = 'cloudtrail' | 'm365' | 'gworkspace';

export interface VendorRecord {
  readonly source: VendorSource;
  readonly time: number;
  readonly record: Record<string, unknown>;
  /** The vendor's id of the record (eventID, Id, uniqueQualifier), for matching evidence. */
  readonly vendorId: string;
}

/** The same record at another time (its vendor's time field rewritten), for replaying a generated history up to now. */
export function retime(rec: VendorRecord, t: number): VendorRecord {
  const record = { ...rec.record };
  if (rec.source === 'cloudtrail') record['eventTime'] = iso(t).replace(/\.\d{3}Z$/, 'Z');
  else if (rec.source === 'm365') record['CreationTime'] = m365Time(t);
  else record['id'] = { ...(record['id'] as Record<string, unknown>), time: iso(t) };
  return { ...rec, time: t, record };
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

/** M365 writes CreationTime in UTC without a zone designator. */
function m365Time(t: number): string {
  return new Date(t).toISOString().slice(0, 19);
}

// --- AWS CloudTrail -----------------------------------------------------------

export interface AwsIdentity {
  readonly kind: 'user' | 'role';
  /** IAM user name, or role name for an assumed role. */
  readonly name: string;
  /** Role session name. */
  readonly session?: string;
  readonly accessKey: string;
}

export function awsArn(id: AwsIdentity): string {
  return id.kind === 'user' ? `arn:aws:iam::${AWS_ACCOUNT}:user/${id.name}` : `arn:aws:sts::${AWS_ACCOUNT}:assumed-role/${id.name}/${id.session ?? 'session'}`;
}

function userIdentity(id: AwsIdentity | 'anonymous'): Record<string, unknown> {
  if (id === 'anonymous') return { type: 'AWSAccount', principalId: '', accountId: 'ANONYMOUS_PRINCIPAL' };
  if (id.kind === 'user')
    return { type: 'IAMUser', principalId: `AIDA${id.accessKey.slice(4, 20)}`, arn: awsArn(id), accountId: AWS_ACCOUNT, accessKeyId: id.accessKey, userName: id.name };
  return {
    type: 'AssumedRole',
    principalId: `AROA${id.accessKey.slice(4, 20)}:${id.session ?? 'session'}`,
    arn: awsArn(id),
    accountId: AWS_ACCOUNT,
    accessKeyId: id.accessKey,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: `AROA${id.accessKey.slice(4, 20)}`, arn: `arn:aws:iam::${AWS_ACCOUNT}:role/${id.name}`, accountId: AWS_ACCOUNT, userName: id.name },
      attributes: { creationDate: '2024-01-01T00:00:00Z', mfaAuthenticated: 'false' },
    },
  };
}

export function s3DataEvent(
  r: Rand,
  t: number,
  who: AwsIdentity | 'anonymous',
  name: 'GetObject' | 'PutObject' | 'DeleteObject' | 'ListObjects' | 'HeadObject',
  bucket: string,
  key: string,
  ip: string,
  bytes: number,
  userAgent: string,
): VendorRecord {
  const eventID = r.uuid();
  const read = name === 'GetObject' || name === 'ListObjects' || name === 'HeadObject';
  return {
    source: 'cloudtrail',
    time: t,
    vendorId: eventID,
    record: {
      eventVersion: '1.09',
      userIdentity: userIdentity(who),
      eventTime: iso(t).replace(/\.\d{3}Z$/, 'Z'),
      eventSource: 's3.amazonaws.com',
      eventName: name,
      awsRegion: 'ap-east-1',
      sourceIPAddress: ip,
      userAgent,
      requestParameters: { bucketName: bucket, Host: `${bucket}.s3.ap-east-1.amazonaws.com`, ...(name === 'ListObjects' ? { prefix: key } : { key }) },
      responseElements: null,
      additionalEventData: {
        SignatureVersion: who === 'anonymous' ? undefined : 'SigV4',
        CipherSuite: 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: name === 'PutObject' ? bytes : 0,
        AuthenticationMethod: who === 'anonymous' ? undefined : 'AuthHeader',
        'x-amz-id-2': r.token(60),
        bytesTransferredOut: name === 'GetObject' ? bytes : 0,
      },
      requestID: r.token(16).toUpperCase(),
      eventID,
      readOnly: read,
      resources: [
        { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
        { accountId: AWS_ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
      ],
      eventType: 'AwsApiCall',
      managementEvent: false,
      recipientAccountId: AWS_ACCOUNT,
      eventCategory: 'Data',
      tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${bucket}.s3.ap-east-1.amazonaws.com` },
    },
  };
}

export function managementEvent(r: Rand, t: number, who: AwsIdentity, eventSource: string, name: string, ip: string, requestParameters: unknown, userAgent: string, readOnly = false): VendorRecord {
  const eventID = r.uuid();
  return {
    source: 'cloudtrail',
    time: t,
    vendorId: eventID,
    record: {
      eventVersion: '1.09',
      userIdentity: userIdentity(who),
      eventTime: iso(t).replace(/\.\d{3}Z$/, 'Z'),
      eventSource,
      eventName: name,
      awsRegion: 'ap-east-1',
      sourceIPAddress: ip,
      userAgent,
      requestParameters,
      responseElements: null,
      requestID: r.uuid(),
      eventID,
      readOnly,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: AWS_ACCOUNT,
      eventCategory: 'Management',
    },
  };
}

// --- Microsoft 365 Unified Audit Log -------------------------------------------

function m365Base(r: Rand, t: number, user: string, operation: string, recordType: number, workload: string, ip: string): Record<string, unknown> {
  return {
    CreationTime: m365Time(t),
    Id: r.uuid(),
    Operation: operation,
    OrganizationId: M365_ORG_ID,
    RecordType: recordType,
    UserKey: `i:0h.f|membership|${r.hex(16)}@live.com`,
    UserType: 0,
    Version: 1,
    Workload: workload,
    ClientIP: ip,
    UserId: user,
  };
}

export function spFileEvent(
  r: Rand,
  t: number,
  user: string,
  op: 'FileAccessed' | 'FileDownloaded' | 'FileModified' | 'FileUploaded' | 'FileDeleted' | 'FileSyncDownloadedFull',
  site: string,
  folder: string,
  file: string,
  ip: string,
  userAgent: string,
  bytes?: number,
): VendorRecord {
  const base = m365Base(r, t, user, op, 6, site.startsWith('personal/') ? 'OneDrive' : 'SharePoint', ip);
  const ext = file.includes('.') ? file.slice(file.lastIndexOf('.') + 1) : '';
  const siteUrl = `https://${TENANT_HOST}/${site}/`;
  const record = {
    ...base,
    ObjectId: `${siteUrl}${folder}/${file}`,
    CorrelationId: r.uuid(),
    EventSource: 'SharePoint',
    ItemType: 'File',
    ListId: r.uuid(),
    ListItemUniqueId: r.uuid(),
    Site: r.uuid(),
    UserAgent: userAgent,
    WebId: r.uuid(),
    SourceFileExtension: ext,
    SiteUrl: siteUrl,
    SourceFileName: file,
    SourceRelativeUrl: folder,
    ...(bytes !== undefined ? { FileSizeBytes: bytes } : {}),
  };
  return { source: 'm365', time: t, vendorId: base['Id'] as string, record };
}

export function spSharingEvent(
  r: Rand,
  t: number,
  user: string,
  op: 'AddedToSecureLink' | 'SharingInvitationCreated' | 'AnonymousLinkCreated' | 'SharingSet',
  site: string,
  folder: string,
  file: string,
  ip: string,
  target?: string,
): VendorRecord {
  const base = m365Base(r, t, user, op, 14, 'SharePoint', ip);
  const siteUrl = `https://${TENANT_HOST}/${site}/`;
  const record: Record<string, unknown> = {
    ...base,
    ObjectId: `${siteUrl}${folder}/${file}`,
    EventSource: 'SharePoint',
    ItemType: 'File',
    Site: r.uuid(),
    UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
    SiteUrl: siteUrl,
    SourceFileExtension: file.slice(file.lastIndexOf('.') + 1),
    SourceFileName: file,
    SourceRelativeUrl: folder,
    EventData: op === 'AnonymousLinkCreated' ? '<Type>View</Type>' : '<Type>Edit</Type><MembersCanShareApplied>False</MembersCanShareApplied>',
  };
  if (target) {
    record['TargetUserOrGroupName'] = target;
    record['TargetUserOrGroupType'] = target.endsWith('@huaxin.example') ? 'Member' : 'Guest';
  }
  return { source: 'm365', time: t, vendorId: base['Id'] as string, record };
}

export function loginEvent(r: Rand, t: number, user: string, ip: string, userAgent: string): VendorRecord {
  const base = m365Base(r, t, user, 'UserLoggedIn', 15, 'AzureActiveDirectory', ip);
  return {
    source: 'm365',
    time: t,
    vendorId: base['Id'] as string,
    record: {
      ...base,
      ResultStatus: 'Success',
      ObjectId: '00000003-0000-0ff1-ce00-000000000000',
      AzureActiveDirectoryEventType: 1,
      ExtendedProperties: [
        { Name: 'ResultStatusDetail', Value: 'Success' },
        { Name: 'UserAgent', Value: userAgent },
        { Name: 'RequestType', Value: 'OAuth2:Authorize' },
      ],
      Actor: [{ ID: user, Type: 5 }],
      ActorIpAddress: ip,
      ApplicationId: '00000003-0000-0ff1-ce00-000000000000',
    },
  };
}

export function exchangeAdminEvent(r: Rand, t: number, user: string, op: string, params: Record<string, string>, ip: string, objectId: string): VendorRecord {
  const base = m365Base(r, t, user, op, 1, 'Exchange', ip);
  return {
    source: 'm365',
    time: t,
    vendorId: base['Id'] as string,
    record: {
      ...base,
      ObjectId: objectId,
      Parameters: Object.entries(params).map(([Name, Value]) => ({ Name, Value })),
      ResultStatus: 'True',
      ExternalAccess: false,
      OrganizationName: 'huaxin.onmicrosoft.com',
      OriginatingServer: 'HK2PR02MB1234 (15.20.7452.000)',
    },
  };
}

export function consentEvent(r: Rand, t: number, user: string, appName: string, appId: string, scopes: readonly string[], ip: string): VendorRecord {
  const base = m365Base(r, t, user, 'Consent to application.', 8, 'AzureActiveDirectory', ip);
  const spId = r.uuid();
  return {
    source: 'm365',
    time: t,
    vendorId: base['Id'] as string,
    record: {
      ...base,
      ResultStatus: 'Success',
      ObjectId: spId,
      AzureActiveDirectoryEventType: 1,
      ModifiedProperties: [
        { Name: 'ConsentContext.IsAdminConsent', NewValue: 'False', OldValue: '' },
        { Name: 'ConsentContext.OnBehalfOfAll', NewValue: 'False', OldValue: '' },
        {
          Name: 'ConsentAction.Permissions',
          NewValue: `[] => [[Id: ${r.token(43)}, ClientId: ${spId}, PrincipalId: ${r.uuid()}, ResourceId: ${r.uuid()}, ConsentType: Principal, Scope:  ${scopes.join(' ')}, CreatedDateTime: , LastModifiedDateTime: ]]; `,
          OldValue: '',
        },
      ],
      Actor: [{ ID: user, Type: 5 }],
      Target: [
        { ID: `ServicePrincipal_${spId}`, Type: 2 },
        { ID: spId, Type: 2 },
        { ID: appName, Type: 1 },
        { ID: appId, Type: 2 },
      ],
      ExtendedProperties: [{ Name: 'additionalDetails', Value: `{"User-Agent":"Mozilla/5.0","AppId":"${appId}"}` }],
    },
  };
}

// --- Google Workspace Reports API -----------------------------------------------

type Param = { name: string; value?: string; multiValue?: string[]; boolValue?: boolean; intValue?: string };

export function gwsParams(p: Record<string, string | boolean | number | string[]>): Param[] {
  return Object.entries(p).map(([name, v]) =>
    Array.isArray(v) ? { name, multiValue: v } : typeof v === 'boolean' ? { name, boolValue: v } : typeof v === 'number' ? { name, intValue: String(v) } : { name, value: v },
  );
}

export function gwsActivity(
  r: Rand,
  t: number,
  user: string,
  applicationName: string,
  ip: string,
  events: { type: string; name: string; parameters?: Param[] }[],
): VendorRecord {
  const uq = String(-Math.floor(r.next() * 9e18));
  return {
    source: 'gworkspace',
    time: t,
    vendorId: uq,
    record: {
      kind: 'admin#reports#activity',
      id: { time: iso(t), uniqueQualifier: uq, applicationName, customerId: GWS_CUSTOMER },
      etag: `"${r.token(27)}/${r.token(27)}"`,
      actor: { email: user, profileId: r.digits(21), callerType: 'USER' },
      ipAddress: ip,
      events,
    },
  };
}
