// Generates the ingest benchmark corpus in the vendors' own formats: CloudTrail
// delivery files (gzip `{"Records":[...]}`, 2,500 records each, S3 data events
// and management calls of a few thousand IAM identities) and Microsoft 365
// Management Activity API content blobs (JSON arrays: SharePoint/OneDrive file
// operations, sharing, Exchange mail access, Entra sign-ins). Seeded, so runs
// compare; cached by version and size.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Rng } from '../support/rng.js';

const VERSION = 1;
const PER_FILE = 2500;

export interface IngestCorpus {
  readonly dir: string;
  readonly events: number;
  readonly files: number;
  /** Bytes on disk (CloudTrail compressed). */
  readonly bytes: number;
  /** Bytes of JSON text once decompressed. */
  readonly textBytes: number;
}


const ACCOUNT = '482917365011';
const REGIONS = ['ap-east-1', 'ap-southeast-1', 'cn-north-1', 'us-east-1'];
const BUCKETS = ['acme-hr-records', 'acme-finance-reports', 'acme-crm-exports', 'acme-app-logs', 'acme-backups', 'acme-ml-datasets', 'acme-public-assets'];
const FOLDERS = ['2026/01', 'exports', 'payroll', 'customers', 'contracts', 'tmp', 'reports/q4', 'datasets/v3'];
const EXT = ['csv', 'parquet', 'json.gz', 'xlsx', 'pdf', 'zip', 'log'];
const UA = ['[aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/s3.cp]', '[Boto3/1.34.50 md/Botocore#1.34.50 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.50]', 'console.amazonaws.com', '[aws-sdk-java/2.25.6 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/standard]'];
const S3_OPS: Array<[string, number]> = [['GetObject', 55], ['PutObject', 15], ['ListObjects', 10], ['HeadObject', 12], ['DeleteObject', 3], ['CopyObject', 2]];
const MGMT = ['DescribeInstances', 'AssumeRole', 'GetCallerIdentity', 'ListBuckets', 'DescribeSecurityGroups', 'GetBucketPolicy', 'CreateAccessKey', 'PutBucketAcl'];

function weighted(r: Rng, table: Array<[string, number]>): string {
  const total = table.reduce((a, [, w]) => a + w, 0);
  let x = r.next() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[0]![0];
}

function ip(r: Rng): string {
  return r.next() < 0.7 ? `10.${r.int(40)}.${r.int(256)}.${1 + r.int(254)}` : `${[203, 198, 101, 116][r.int(4)]}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
}

function cloudTrail(r: Rng, t: number, users: number): Record<string, unknown> {
  const u = r.int(users);
  const role = u % 5 === 0;
  const name = `u${u.toString(36)}`;
  const identity = role
    ? { type: 'AssumedRole', principalId: `AROA${r.hex(16).toUpperCase()}:${name}`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app-${u % 40}/${name}`, accountId: ACCOUNT, accessKeyId: `ASIA${r.hex(16).toUpperCase()}`, sessionContext: { sessionIssuer: { type: 'Role', principalId: `AROA${u}`, arn: `arn:aws:iam::${ACCOUNT}:role/app-${u % 40}`, accountId: ACCOUNT, userName: `app-${u % 40}` }, attributes: { creationDate: new Date(t - 3_600_000).toISOString().replace('.000', ''), mfaAuthenticated: 'false' } } }
    : { type: 'IAMUser', principalId: `AIDA${u.toString(16).padStart(16, '0').toUpperCase()}`, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, accountId: ACCOUNT, accessKeyId: `AKIA${r.hex(16).toUpperCase()}`, userName: name };
  const region = r.pick(REGIONS);
  const time = new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (r.next() < 0.85) {
    const op = weighted(r, S3_OPS);
    const bucket = r.pick(BUCKETS);
    const key = `${r.pick(FOLDERS)}/${r.hex(10)}.${r.pick(EXT)}`;
    const host = `${bucket}.s3.${region}.amazonaws.com`;
    const list = op === 'ListObjects';
    return {
      eventVersion: '1.10',
      userIdentity: identity,
      eventTime: time,
      eventSource: 's3.amazonaws.com',
      eventName: op,
      awsRegion: region,
      sourceIPAddress: ip(r),
      userAgent: r.pick(UA),
      requestParameters: list ? { bucketName: bucket, Host: host, prefix: r.pick(FOLDERS), 'list-type': '2' } : { bucketName: bucket, Host: host, key },
      responseElements: null,
      additionalEventData: { SignatureVersion: 'SigV4', CipherSuite: 'TLS_AES_128_GCM_SHA256', bytesTransferredIn: op === 'PutObject' ? 1000 + r.int(5_000_000) : 0, AuthenticationMethod: 'AuthHeader', 'x-amz-id-2': `${r.hex(40)}=`, bytesTransferredOut: op === 'GetObject' ? 1000 + r.int(20_000_000) : 0 },
      requestID: r.hex(16).toUpperCase(),
      eventID: r.uuid(),
      readOnly: op !== 'PutObject' && op !== 'DeleteObject' && op !== 'CopyObject',
      resources: list ? [{ accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }] : [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` }, { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
      eventType: 'AwsApiCall',
      managementEvent: false,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Data',
      tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host },
    };
  }
  const name2 = r.pick(MGMT);
  return {
    eventVersion: '1.10',
    userIdentity: identity,
    eventTime: time,
    eventSource: name2 === 'AssumeRole' || name2 === 'GetCallerIdentity' ? 'sts.amazonaws.com' : name2.includes('Bucket') ? 's3.amazonaws.com' : name2 === 'CreateAccessKey' ? 'iam.amazonaws.com' : 'ec2.amazonaws.com',
    eventName: name2,
    awsRegion: region,
    sourceIPAddress: ip(r),
    userAgent: r.pick(UA),
    requestParameters: name2 === 'PutBucketAcl' ? { bucketName: r.pick(BUCKETS), 'x-amz-acl': ['private'] } : { maxResults: 100 },
    responseElements: null,
    requestID: r.uuid(),
    eventID: r.uuid(),
    readOnly: !name2.startsWith('Create') && !name2.startsWith('Put'),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${name2.includes('Bucket') ? 's3' : 'ec2'}.${region}.amazonaws.com` },
  };
}

const TENANT = '8f2c1a7e-3b4d-4e5f-9a0b-1c2d3e4f5a6b';
const SP_OPS: Array<[string, number]> = [['FileAccessed', 40], ['FileDownloaded', 15], ['FileModified', 15], ['FileUploaded', 8], ['FilePreviewed', 8], ['SharingSet', 2], ['AnonymousLinkCreated', 1], ['FileDeleted', 3]];
const DEPTS = ['finance', 'hr', 'sales', 'rnd', 'legal', 'ops'];

function m365(r: Rng, t: number, users: number): Record<string, unknown> {
  const u = r.int(users);
  const upn = `user${u}@contoso.cn`;
  const time = new Date(t).toISOString().replace(/\.\d{3}Z$/, '');
  const roll = r.next();
  if (roll < 0.8) {
    const op = weighted(r, SP_OPS);
    const dept = DEPTS[u % DEPTS.length]!;
    const file = `${r.hex(8)}.${r.pick(['docx', 'xlsx', 'pptx', 'pdf', 'csv'])}`;
    const site = `https://contoso.sharepoint.com/sites/${dept}/`;
    return {
      CreationTime: time,
      Id: r.uuid(),
      Operation: op,
      OrganizationId: TENANT,
      RecordType: op.startsWith('Sharing') || op.startsWith('Anonymous') ? 14 : 6,
      UserKey: `i:0h.f|membership|1003${r.hex(12)}@live.com`,
      UserType: 0,
      Version: 1,
      Workload: 'SharePoint',
      ClientIP: ip(r),
      ObjectId: `${site}Shared Documents/${r.pick(FOLDERS)}/${file}`,
      UserId: upn,
      CorrelationId: r.uuid(),
      EventSource: 'SharePoint',
      ItemType: 'File',
      ListId: r.uuid(),
      ListItemUniqueId: r.uuid(),
      Site: r.uuid(),
      UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
      WebId: r.uuid(),
      SourceFileExtension: file.split('.').pop(),
      SiteUrl: site,
      SourceFileName: file,
      SourceRelativeUrl: `Shared Documents/${r.pick(FOLDERS)}`,
      ...(op === 'FileDownloaded' || op === 'FileUploaded' ? { FileSizeBytes: 1000 + r.int(30_000_000) } : {}),
      ...(op === 'SharingSet' ? { TargetUserOrGroupName: r.next() < 0.2 ? `partner${r.int(50)}@gmail.com` : `user${r.int(users)}@contoso.cn`, TargetUserOrGroupType: r.next() < 0.2 ? 'Guest' : 'Member' } : {}),
    };
  }
  if (roll < 0.93) {
    return {
      CreationTime: time,
      Id: r.uuid(),
      Operation: 'MailItemsAccessed',
      OrganizationId: TENANT,
      RecordType: 50,
      ResultStatus: 'Succeeded',
      UserKey: `1003${r.hex(12).toUpperCase()}`,
      UserType: 0,
      Version: 1,
      Workload: 'Exchange',
      ClientIP: ip(r),
      UserId: upn,
      AppId: '00000002-0000-0ff1-ce00-000000000000',
      ClientAppId: r.uuid(),
      ClientInfoString: 'Client=OWA;Action=ViaProxy',
      ExternalAccess: false,
      MailboxGuid: r.uuid(),
      MailboxOwnerUPN: upn,
      OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }, { Name: 'IsThrottled', Value: 'False' }],
      OperationCount: 1 + r.int(20),
    };
  }
  return {
    CreationTime: time,
    Id: r.uuid(),
    Operation: r.next() < 0.95 ? 'UserLoggedIn' : 'UserLoginFailed',
    OrganizationId: TENANT,
    RecordType: 15,
    ResultStatus: 'Success',
    UserKey: r.uuid(),
    UserType: 0,
    Version: 1,
    Workload: 'AzureActiveDirectory',
    ClientIP: ip(r),
    ObjectId: '00000003-0000-0ff1-ce00-000000000000',
    UserId: upn,
    AzureActiveDirectoryEventType: 1,
    ExtendedProperties: [{ Name: 'ResultStatusDetail', Value: 'Redirect' }, { Name: 'UserAgent', Value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' }, { Name: 'RequestType', Value: 'OAuth2:Authorize' }],
    ModifiedProperties: [],
    Actor: [{ ID: r.uuid(), Type: 0 }, { ID: upn, Type: 5 }],
    ActorContextId: TENANT,
    ActorIpAddress: ip(r),
    InterSystemsId: r.uuid(),
    IntraSystemId: r.uuid(),
    Target: [{ ID: r.uuid(), Type: 0 }],
    TargetContextId: TENANT,
    ApplicationId: '89bee1f7-5e6e-4d8a-9f3d-ecd601259da7',
  };
}

/** Builds (or reuses) the corpus: half CloudTrail, half M365. */
export async function ensureIngestCorpus(dir: string, events: number): Promise<IngestCorpus> {
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(await readFile(manifest, 'utf8')) as IngestCorpus & { version: number };
    if (m.version === VERSION && m.events === events) return m;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'cloudtrail'), { recursive: true });
  await mkdir(join(dir, 'm365'), { recursive: true });
  const r = new Rng(20260115);
  const half = Math.floor(events / 2);
  const start = Date.UTC(2026, 0, 5, 0, 0, 0);
  const span = 7 * 86_400_000;
  let bytes = 0;
  let textBytes = 0;
  let files = 0;
  for (let i = 0; i < half; i += PER_FILE) {
    const n = Math.min(PER_FILE, half - i);
    const recs: string[] = [];
    for (let k = 0; k < n; k++) recs.push(JSON.stringify(cloudTrail(r, start + Math.floor(((i + k) / half) * span), 3000)));
    const text = `{"Records":[${recs.join(',')}]}`;
    const gz = gzipSync(text, { level: 6 });
    const stamp = new Date(start + Math.floor((i / half) * span)).toISOString().replace(/[-:]/g, '').slice(0, 13);
    await writeFile(join(dir, 'cloudtrail', `${ACCOUNT}_CloudTrail_ap-east-1_${stamp}Z_${String(files).padStart(5, '0')}.json.gz`), gz);
    bytes += gz.length;
    textBytes += text.length;
    files++;
  }
  const rest = events - half;
  for (let i = 0; i < rest; i += PER_FILE) {
    const n = Math.min(PER_FILE, rest - i);
    const recs: string[] = [];
    for (let k = 0; k < n; k++) recs.push(JSON.stringify(m365(r, start + Math.floor(((i + k) / rest) * span), 5000)));
    const text = `[${recs.join(',')}]`;
    await writeFile(join(dir, 'm365', `audit.general_${String(files).padStart(5, '0')}.json`), text);
    bytes += Buffer.byteLength(text);
    textBytes += Buffer.byteLength(text);
    files++;
  }
  const info: IngestCorpus = { dir, events, files, bytes, textBytes };
  await writeFile(manifest, JSON.stringify({ ...info, version: VERSION }));
  return info;
}
