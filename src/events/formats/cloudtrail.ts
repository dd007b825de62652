// AWS CloudTrail records (delivered `{"Records":[...]}` files, JSON arrays,
// JSONL, Panther's lower-cased fixtures, Logstash copies with `@timestamp`) to
// DataEvents. S3 data events carry bucket, key and bytes; the leak-relevant
// management calls (public ACLs and policies, public-access-block removal,
// snapshot and AMI sharing, trail and flow-log deletion) get a precise channel
// and the facts a rule needs in flat attributes.
import type { Channel, DataEvent, Outcome } from '../data-event.js';
import { cloudTrailCsvRecord } from './cloudtrail-csv.js';
import { build, get, hashId, isRecord, lowerKeys, num, parseTime, recordError, str, strings, vendorId, type Attributes, type Rec } from './fields.js';
import type { FormatParser, ParseContext, RecordInput } from './format.js';

const S3_DOWNLOAD = new Set(['GetObject', 'GetObjectTorrent', 'SelectObjectContent']);
const S3_UPLOAD = new Set(['PutObject', 'UploadPart', 'CompleteMultipartUpload', 'CreateMultipartUpload', 'PostObject']);
const S3_WRITE = new Set(['CopyObject', 'UploadPartCopy', 'RestoreObject', 'PutObjectTagging']);
const S3_DELETE = new Set(['DeleteObject', 'DeleteObjects', 'DeleteBucket', 'DeleteObjectVersion']);
const S3_ACL = new Set(['PutBucketAcl', 'PutObjectAcl']);
const S3_POLICY = new Set(['PutBucketPolicy', 'DeleteBucketPolicy']);
const PUBLIC_ACCESS_BLOCK = new Set(['PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock', 'PutAccountPublicAccessBlock', 'DeleteAccountPublicAccessBlock', 'PutPublicAccessBlock', 'DeletePublicAccessBlock']);
const SHARING = new Set(['ModifySnapshotAttribute', 'ModifyImageAttribute', 'ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute', 'ModifyFpgaImageAttribute']);
/** Calls that stop or delete audit logging somewhere in the account. */
const LOGGING_OFF = new Set([
  'StopLogging',
  'DeleteTrail',
  'DeleteFlowLogs',
  'DeleteLogGroup',
  'DeleteLogStream',
  'DeleteQueryLoggingConfig',
  'DeleteResolverQueryLogConfig',
  'DisassociateResolverQueryLogConfig',
  'DeleteDetector',
  'DisassociateFromMasterAccount',
  'StopConfigurationRecorder',
  'DeleteConfigurationRecorder',
  'DeleteDeliveryChannel',
  'DisableSecurityHub',
  'DeleteBucketLogging',
]);
const LOGGING_CHANGE = new Set(['UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors', 'CreateTrail', 'StartLogging', 'PutBucketLogging', 'UpdateDetector', 'PutConfigurationRecorder']);
const SECRET_READ = new Set(['GetSecretValue', 'BatchGetSecretValue', 'GetParameter', 'GetParameters', 'GetParametersByPath', 'GetPasswordData']);
const IAM_PERMISSION = new Set([
  'AttachUserPolicy',
  'AttachRolePolicy',
  'AttachGroupPolicy',
  'PutUserPolicy',
  'PutRolePolicy',
  'PutGroupPolicy',
  'UpdateAssumeRolePolicy',
  'AddUserToGroup',
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
]);
const EXPORTS = new Set(['StartExportTask', 'CreateInstanceExportTask', 'ExportImage', 'ExportSnapshot', 'CreateExportTask']);
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/g;
const PUBLIC_CANNED = /"(public-read-write|public-read|authenticated-read)"/;

function isIp(s: string | undefined): boolean {
  return s !== undefined && /^[0-9a-fA-F.:]+$/.test(s) && /[.:]/.test(s);
}

function publicAcl(rp: unknown, attrs: Attributes): void {
  const text = JSON.stringify(rp ?? null);
  const groups = new Set<string>();
  for (const m of text.matchAll(PUBLIC_GROUPS)) groups.add(m[1]!);
  const canned = PUBLIC_CANNED.exec(text)?.[1];
  if (canned) {
    attrs['canned_acl'] = canned;
    groups.add(canned === 'authenticated-read' ? 'AuthenticatedUsers' : 'AllUsers');
  }
  attrs['public_grant'] = groups.size > 0;
  if (groups.size) attrs['public_grantees'] = [...groups].sort();
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function bucketPolicy(rp: unknown, ownAccount: string | undefined, attrs: Attributes): void {
  let policy = get(rp, 'bucketPolicy') ?? get(rp, 'policy');
  if (typeof policy === 'string') {
    try {
      policy = JSON.parse(policy) as unknown;
    } catch {
      policy = undefined;
    }
  }
  let isPublic = false;
  let conditional = false;
  const principals = new Set<string>();
  for (const st of asArray(get(policy, 'Statement'))) {
    if (str(get(st, 'Effect'))?.toLowerCase() !== 'allow') continue;
    const p = get(st, 'Principal');
    const list = typeof p === 'string' ? [p] : isRecord(p) ? Object.values(p).flatMap((v) => strings(v)) : [];
    for (const x of list) {
      if (x === '*') {
        isPublic = true;
        if (get(st, 'Condition') !== undefined) conditional = true;
      } else principals.add(x);
    }
  }
  attrs['public_grant'] = isPublic;
  if (conditional) attrs['policy_conditional'] = true;
  if (principals.size) {
    const list = [...principals].slice(0, 20);
    attrs['policy_principals'] = list;
    const accounts = list.map((x) => /(?:^|:)(\d{12})(?::|$)/.exec(x)?.[1]).filter((x): x is string => x !== undefined);
    if (ownAccount && accounts.some((a) => a !== ownAccount)) attrs['cross_account'] = true;
  }
}

function publicAccessBlock(name: string, rp: unknown, attrs: Attributes): void {
  if (name.startsWith('Delete')) {
    attrs['public_access_block_removed'] = true;
    return;
  }
  const conf = get(rp, 'PublicAccessBlockConfiguration') ?? get(rp, 'publicAccessBlockConfiguration') ?? rp;
  let weakened = false;
  for (const flag of ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets']) {
    const v = get(conf, flag);
    if (v === undefined) continue;
    const on = v === true || String(v).toLowerCase() === 'true';
    attrs[flag.replace(/[A-Z]/g, (c, i: number) => (i ? '_' : '') + c.toLowerCase())] = on;
    if (!on) weakened = true;
  }
  attrs['public_access_block_weakened'] = weakened;
}

/** Accounts (or "all") a snapshot, AMI or DB snapshot is shared with. */
function sharedWith(rp: unknown): { add: string[]; remove: string[] } {
  const add: string[] = [];
  const remove: string[] = [];
  for (const key of ['createVolumePermission', 'launchPermission', 'loadPermission']) {
    const perm = get(rp, key);
    for (const [dir, out] of [['add', add], ['remove', remove]] as const) {
      for (const item of asArray(get(get(perm, dir), 'items'))) {
        const who = str(get(item, 'userId')) ?? str(get(item, 'group')) ?? str(get(item, 'organizationArn'));
        if (who) out.push(who);
      }
    }
  }
  add.push(...strings(get(rp, 'valuesToAdd')), ...strings(get(rp, 'userIds')).filter(() => str(get(rp, 'operationType'))?.toLowerCase() === 'add'));
  remove.push(...strings(get(rp, 'valuesToRemove')));
  return { add, remove };
}

function classify(source: string, name: string, readOnly: boolean | undefined): Channel {
  if (source === 's3.amazonaws.com') {
    if (S3_DOWNLOAD.has(name)) return 'download';
    if (S3_UPLOAD.has(name)) return 'upload';
    if (S3_WRITE.has(name)) return 'write';
    if (S3_DELETE.has(name)) return 'delete';
    if (name.startsWith('List') || name.startsWith('Head') || name === 'GetBucketLocation') return 'read';
  }
  if (S3_ACL.has(name) || S3_POLICY.has(name) || PUBLIC_ACCESS_BLOCK.has(name)) return 'permission_change';
  if (LOGGING_OFF.has(name) || LOGGING_CHANGE.has(name)) return 'logging_change';
  if (SHARING.has(name)) return 'share_external';
  if (name === 'ConsoleLogin' || name === 'AssumeRoleWithSAML' || name === 'AssumeRoleWithWebIdentity' || name === 'CheckMfa') return 'login';
  if (SECRET_READ.has(name)) return 'read';
  if (IAM_PERMISSION.has(name) || name === 'AuthorizeSecurityGroupIngress' || name === 'PutBucketReplication') return 'permission_change';
  if (EXPORTS.has(name)) return 'write';
  if (readOnly === true) return 'other';
  if (readOnly === false) return 'admin';
  return /^(Get|List|Describe|Head|Lookup|Search|Check)/.test(name) ? 'other' : 'admin';
}

/** One CloudTrail record (an object) to one DataEvent. */
export function cloudTrailEvent(value: unknown, ctx: ParseContext): DataEvent {
  if (!isRecord(value)) throw recordError('EVENTS_RECORD_INVALID', 'a CloudTrail record must be a JSON object');
  let r: Rec = value;
  if (get(r, 'eventName') === undefined && Object.keys(r).some((k) => k.toLowerCase() === 'eventname')) r = lowerKeys(r) as Rec;
  const name = str(get(r, 'eventName'));
  if (!name) throw recordError('EVENTS_RECORD_INVALID', 'the CloudTrail record has no eventName');
  const source = str(get(r, 'eventSource'))?.toLowerCase() ?? '';
  const ui = get(r, 'userIdentity');
  const identityType = str(get(ui, 'type'));
  const account = str(get(ui, 'accountId'));
  const recipient = str(get(r, 'recipientAccountId'));
  const principalId = str(get(ui, 'principalId'));
  const arn = str(get(ui, 'arn'));
  const issuer = get(get(ui, 'sessionContext'), 'sessionIssuer');
  const anonymous = account === 'anonymous' || account === 'ANONYMOUS_PRINCIPAL' || principalId === 'ANONYMOUS_PRINCIPAL' || (identityType === 'AWSAccount' && !arn && !principalId && !str(get(ui, 'userName')));
  const sourceIp = str(get(r, 'sourceIPAddress'));
  let user: string | undefined;
  let service: string | undefined;
  if (anonymous) user = 'anonymous';
  else if (identityType === 'AWSService') service = str(get(ui, 'invokedBy')) ?? sourceIp;
  else {
    user = arn ?? (identityType === 'Root' && account ? `arn:aws:iam::${account}:root` : undefined) ?? str(get(ui, 'userName')) ?? principalId;
    if (identityType === 'AssumedRole') service = str(get(issuer, 'userName')) ?? str(get(issuer, 'arn'));
  }
  if (!user && !service) service = str(get(ui, 'invokedBy'));
  const rp = get(r, 'requestParameters');
  const re = get(r, 'responseElements');
  const aed = get(r, 'additionalEventData');
  const errorCode = str(get(r, 'errorCode'));
  const readOnly = typeof get(r, 'readOnly') === 'boolean' ? (get(r, 'readOnly') as boolean) : str(get(r, 'readOnly')) === 'true' ? true : str(get(r, 'readOnly')) === 'false' ? false : undefined;
  let channel = classify(source, name, readOnly);

  const attrs: Attributes = { event_source: source };
  if (identityType) attrs['identity_type'] = identityType;
  const accountId = account && account !== 'anonymous' && account !== 'ANONYMOUS_PRINCIPAL' ? account : recipient;
  if (accountId) attrs['account_id'] = accountId;
  const region = str(get(r, 'awsRegion'));
  if (region) attrs['region'] = region;
  const category = str(get(r, 'eventCategory'));
  if (category) attrs['event_category'] = category;
  if (readOnly !== undefined) attrs['read_only'] = readOnly;
  if (errorCode) {
    attrs['error_code'] = errorCode;
    const msg = str(get(r, 'errorMessage'));
    if (msg) attrs['error_message'] = msg.slice(0, 300);
  }
  const userName = str(get(ui, 'userName')) ?? str(get(issuer, 'userName'));
  if (userName) attrs['user_name'] = userName;
  const mfa = str(get(aed, 'MFAUsed')) ?? str(get(get(get(ui, 'sessionContext'), 'attributes'), 'mfaAuthenticated'));
  if (mfa) attrs['mfa_used'] = mfa === 'Yes' || mfa === 'true';
  const accessKey = str(get(ui, 'accessKeyId'));
  if (accessKey) attrs['access_key_id'] = accessKey;

  const bucket = str(get(rp, 'bucketName'));
  const key = str(get(rp, 'key'));
  let bytes: number | undefined;
  let destination: { account?: string; domain?: string } | undefined;
  if (channel === 'download') bytes = num(get(aed, 'bytesTransferredOut'));
  else if (channel === 'upload') bytes = num(get(aed, 'bytesTransferredIn'));
  if (S3_WRITE.has(name)) {
    const copy = str(get(rp, 'x-amz-copy-source'));
    if (copy) attrs['copy_source'] = copy;
  }
  if (S3_ACL.has(name)) publicAcl(rp, attrs);
  else if (S3_POLICY.has(name)) {
    if (name === 'PutBucketPolicy') bucketPolicy(rp, accountId, attrs);
  } else if (PUBLIC_ACCESS_BLOCK.has(name)) publicAccessBlock(name, rp, attrs);
  else if (SHARING.has(name)) {
    const { add, remove } = sharedWith(rp);
    if (add.length) {
      attrs['shared_with'] = add;
      attrs['public_grant'] = add.some((a) => a.toLowerCase() === 'all');
      const other = add.find((a) => a.toLowerCase() !== 'all');
      if (other) destination = { account: other };
      if (accountId && add.some((a) => /^\d{12}$/.test(a) && a !== accountId)) attrs['cross_account'] = true;
    }
    if (remove.length) attrs['unshared_with'] = remove;
    if (!add.length) channel = 'permission_change';
  } else if (name === 'AuthorizeSecurityGroupIngress') {
    // Any CIDR with a /0 mask opens the port to the whole internet.
    attrs['public_grant'] = /"[0-9A-Fa-f.:]+\/0"/.test(JSON.stringify(rp ?? null));
  } else if (name === 'PutBucketReplication') {
    const text = JSON.stringify(rp ?? null);
    const destBucket = /"Bucket"\s*:\s*"([^"]+)"/.exec(text)?.[1];
    const destAccount = /"Account"\s*:\s*"(\d{12})"/.exec(text)?.[1];
    if (destBucket) attrs['replication_bucket'] = destBucket;
    if (destAccount) destination = { account: destAccount };
  }
  if (LOGGING_OFF.has(name)) attrs['logging_disabled'] = true;
  else if (channel === 'logging_change') attrs['logging_disabled'] = false;
  if (SECRET_READ.has(name)) attrs['secret_access'] = true;
  if (EXPORTS.has(name)) attrs['export'] = true;

  let outcome: Outcome = errorCode ? 'failure' : 'success';
  if (name === 'ConsoleLogin') {
    const result = str(get(re, 'ConsoleLogin'));
    if (result === 'Failure') outcome = 'failure';
  }
  const time = get(r, 'eventTime') ?? get(r, '@timestamp');
  if (get(r, 'eventTime') === undefined && get(r, '@timestamp') !== undefined) attrs['time_source'] = '@timestamp';
  const id = vendorId(get(r, 'eventID'));
  let path = key;
  let kind: string | undefined = bucket ? (key ? 'object' : 'bucket') : undefined;
  if (!bucket) {
    const resources = get(r, 'resources');
    const first = Array.isArray(resources) ? resources[0] : undefined;
    path = str(get(first, 'ARN'));
    kind = str(get(first, 'type'));
    path ??= str(get(rp, 'snapshotId')) ?? str(get(rp, 'imageId')) ?? str(get(rp, 'dBSnapshotIdentifier')) ?? str(get(rp, 'name')) ?? str(get(rp, 'secretId')) ?? str(get(rp, 'userName'));
  }
  return build({
    id: id ? `cloudtrail:${id}` : hashId('cloudtrail', value),
    time: parseTime(time),
    ingestTime: ctx.ingestTime,
    source: 'cloudtrail',
    action: name,
    channel,
    actor: { user, service, ip: isIp(sourceIp) ? sourceIp : undefined, userAgent: str(get(r, 'userAgent')) },
    object: { container: bucket, path, kind },
    destination,
    bytes,
    outcome,
    tenant: recipient ?? (anonymous ? undefined : account),
    attributes: attrs,
    raw: value,
  });
}

export const cloudTrailParser: FormatParser = {
  format: 'cloudtrail',
  parse(input: RecordInput, ctx: ParseContext): DataEvent[] {
    if (input.kind === 'json') return [cloudTrailEvent(input.value, ctx)];
    if (input.kind === 'csv') return [{ ...cloudTrailEvent(cloudTrailCsvRecord(input.row), ctx), raw: input.row }];
    throw recordError('EVENTS_RECORD_INVALID', 'CloudTrail records are JSON (or the flattened CSV export)');
  },
};
