// A generated organisation, for the detection evaluation and `leakwatch demo`: ~330 people in eight
// departments with their own working habits (Asia/Shanghai hours, weekends and
// public holidays with make-up workdays, month-end closing, busy days, leave,
// working from home, phones on mobile networks, trips), new joiners, legitimate
// bulk jobs (nightly backup, ETL, weekly reports, clean-up), legitimate external
// sharing, app grants and forwarding, and planted incidents with their truth.
// Output: vendor records (CloudTrail, Microsoft 365, Google Workspace).
import { Rand } from './rand.js';
import {
  awsArn,
  consentEvent,
  exchangeAdminEvent,
  gwsActivity,
  gwsParams,
  loginEvent,
  managementEvent,
  s3DataEvent,
  spFileEvent,
  spSharingEvent,
  type AwsIdentity,
  type VendorRecord,
} from './vendor.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
/** Local midnight (UTC+8) of Monday 4 March 2024. */
export const START = Date.UTC(2024, 2, 3, 16);
export const UTC_OFFSET_MIN = 480;
export const ORG_DOMAIN = 'huaxin.example';

export type Dept = 'engineering' | 'finance' | 'sales' | 'hr' | 'marketing' | 'it' | 'support' | 'data';
type Suite = 'm365' | 'gws';

export interface Person {
  readonly email: string;
  readonly dept: Dept;
  readonly suite: Suite;
  /** Median doc actions on a workday. */
  readonly lambda: number;
  readonly dlFrac: number;
  readonly startHour: number;
  readonly officeIp: string;
  readonly homeIp: string;
  readonly firstDay: number;
  lastDay: number;
  readonly aws?: AwsIdentity;
  readonly s3Lambda: number;
  readonly vacation?: readonly [number, number];
  readonly trip?: readonly [number, number, string];
}

export interface Planted {
  readonly id: string;
  readonly type: string;
  readonly variant: string;
  /** The actor as parsers name it (e-mail, or the AWS ARN), lower-cased. */
  readonly actor: string;
  readonly start: number;
  readonly end: number;
  readonly vendorIds: Set<string>;
}

export interface Org {
  readonly people: Person[];
  readonly planted: Planted[];
  /** Entity -> department, as an HR feed would tell detection. */
  readonly directory: Map<string, string>;
  readonly days: number;
  readonly warmupDays: number;
  /** Human user-days in the scored period (calendar days while employed). */
  readonly scoredUserDays: number;
  readonly lists: Record<string, string[]>;
  /**
   * The vendor records of local day `d`, sorted by time. Days must be asked for in
   * order 0, 1, 2...: the organisation is simulated as it goes, to keep memory flat.
   */
  dayRecords(d: number): VendorRecord[];
}

export interface OrgOptions {
  readonly seed?: number;
  readonly days?: number;
  readonly warmupDays?: number;
  readonly scale?: number;
  /** Plant the incidents (default true; needs about 30 days or more). */
  readonly plant?: boolean;
}

// China 2024: Qingming 4-6 April, Labour Day 1-5 May; make-up workdays 7 and 28 April.
const HOLIDAYS = new Set(['2024-04-04', '2024-04-05', '2024-04-06', '2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05']);
const MAKEUP = new Set(['2024-04-07', '2024-04-28']);

export function dayDate(d: number): string {
  return new Date(START + d * DAY + UTC_OFFSET_MIN * MINUTE).toISOString().slice(0, 10);
}

export function isWorkday(d: number): boolean {
  const date = dayDate(d);
  if (HOLIDAYS.has(date)) return false;
  if (MAKEUP.has(date)) return true;
  const wd = (d + 1) % 7; // day 0 is a Monday; 0 = Sunday
  return wd !== 0 && wd !== 6;
}

const monthEndMemo = new Map<number, boolean>();

/** Last three workdays of a month: month-end closing. */
function monthEnd(d: number): boolean {
  let v = monthEndMemo.get(d);
  if (v === undefined) monthEndMemo.set(d, (v = monthEndUncached(d)));
  return v;
}

function monthEndUncached(d: number): boolean {
  if (!isWorkday(d)) return false;
  const month = dayDate(d).slice(0, 7);
  let left = 0;
  for (let k = d + 1; dayDate(k).slice(0, 7) === month; k++) if (isWorkday(k)) left++;
  return left < 3;
}

const SURNAMES = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'lin', 'luo', 'gao', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng'];
const GIVEN = ['wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'tao', 'ming', 'chao', 'xiu', 'xia', 'ping', 'gang', 'hui', 'bo', 'yu', 'hao', 'lin', 'xin', 'yi', 'kai', 'rui', 'ting', 'yue', 'zihan', 'haoran', 'yuxuan', 'xinyi'];

const DEPTS: { dept: Dept; n: number; suite: Suite; lambda: number; s3: number }[] = [
  { dept: 'engineering', n: 90, suite: 'gws', lambda: 18, s3: 25 },
  { dept: 'finance', n: 36, suite: 'm365', lambda: 32, s3: 0 },
  { dept: 'sales', n: 64, suite: 'm365', lambda: 24, s3: 0 },
  { dept: 'hr', n: 22, suite: 'm365', lambda: 24, s3: 0 },
  { dept: 'marketing', n: 32, suite: 'gws', lambda: 20, s3: 0 },
  { dept: 'it', n: 12, suite: 'm365', lambda: 14, s3: 10 },
  { dept: 'support', n: 48, suite: 'm365', lambda: 15, s3: 0 },
  { dept: 'data', n: 6, suite: 'gws', lambda: 30, s3: 35 },
];

const OFFICES = ['61.172.240', '113.108.77', '123.121.5'];
const HOME_PREFIXES = ['114', '183', '222', '180', '58', '124', '221', '117'];
const MOBILE_PREFIX = '39.144';
const CUSTOMERS = Array.from({ length: 40 }, (_, i) => `${['chenguang', 'tianyu', 'hengda', 'jinqiao', 'xinghe', 'dongfang', 'huamei', 'yuanda'][i % 8]}-${['trade', 'tech', 'group', 'logistics', 'retail'][i % 5]}${i}.example`);
const APPROVED_APPS = ['Zoom', 'Slack', 'DingTalk', 'Feishu', 'WPS Office', 'Tencent Meeting'];
export const UA = {
  win: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
  onedrive: 'Microsoft SkyDriveSync 24.020.0128.0003 ship; Windows NT 10.0 (19045)',
  cli: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-25-generic exe/x86_64.ubuntu.22',
  sdk: 'Boto3/1.34.62 md/Botocore#1.34.62 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 lang/python#3.11.6',
  curl: 'curl/8.5.0',
};

const DOC_WORDS: Record<Dept, string[]> = {
  engineering: ['design', 'rfc', 'runbook', 'api-spec', 'sprint-notes', 'architecture', 'postmortem', 'test-plan'],
  finance: ['财务报表', 'budget', 'invoice', 'ledger', 'forecast', 'expense-report', 'tax', 'audit-workpaper'],
  sales: ['报价单', 'proposal', 'contract', 'pipeline', 'account-plan', 'pricing', 'rfp-response', 'meeting-notes'],
  hr: ['salary', 'offer-letter', '员工花名册', 'performance-review', 'recruiting-plan', 'training', 'policy', 'onboarding'],
  marketing: ['brochure', 'press-kit', 'campaign-plan', 'social-calendar', 'brand-guide', 'event-plan', 'newsletter', 'case-study'],
  it: ['network-diagram', 'asset-list', 'change-request', 'backup-plan', 'vendor-contract', 'sop', 'inventory', 'license'],
  support: ['faq', 'ticket-export', 'kb-article', 'escalation', 'sla-report', 'shift-plan', 'macro', 'survey'],
  data: ['dashboard', 'model-notes', 'dataset-card', 'query-log', 'metrics', 'experiment', 'report', 'pipeline'],
};
const EXT: Record<Suite, string[]> = { m365: ['docx', 'xlsx', 'pptx', 'pdf'], gws: ['document', 'spreadsheet', 'presentation', 'pdf'] };

function ipIn(r: Rand, prefix: string): string {
  return `${prefix}.${r.int(2, 250)}`;
}

export interface Ctx {
  readonly r: Rand;
  readonly out: VendorRecord[];
}

function docName(r: Rand, p: Person, i?: number): string {
  const w = r.pick(DOC_WORDS[p.dept]);
  const n = i ?? r.int(1, 400);
  return p.suite === 'm365' ? `${w}-${n}.${r.pick(EXT.m365)}` : `${w} ${n}`;
}

function siteOf(p: Person): string {
  return `sites/${p.dept}`;
}

/** One document action by a person at time t. */
export function docAction(c: Ctx, p: Person, t: number, kind: 'view' | 'download' | 'modify' | 'upload' | 'delete', ip: string, doc?: string, ids?: Set<string>): void {
  const { r } = c;
  const name = doc ?? docName(c.r, p);
  let rec: VendorRecord;
  if (p.suite === 'm365') {
    const op = kind === 'view' ? 'FileAccessed' : kind === 'download' ? (r.chance(0.15) ? 'FileSyncDownloadedFull' : 'FileDownloaded') : kind === 'modify' ? 'FileModified' : kind === 'upload' ? 'FileUploaded' : 'FileDeleted';
    const ua = op === 'FileSyncDownloadedFull' ? UA.onedrive : r.chance(0.7) ? UA.win : UA.mac;
    rec = spFileEvent(r, t, p.email, op, siteOf(p), 'Shared Documents', name, ip, ua, kind === 'download' ? Math.round(r.lognormal(400_000, 1.2)) : undefined);
  } else {
    const name2 = kind === 'view' ? 'view' : kind === 'download' ? 'download' : kind === 'modify' ? 'edit' : kind === 'upload' ? 'upload' : 'delete';
    rec = gwsActivity(r, t, p.email, 'drive', ip, [
      {
        type: 'access',
        name: name2,
        parameters: gwsParams({ primary_event: true, billable: true, doc_id: `1${r.token(32)}`, doc_type: r.pick(EXT.gws), doc_title: name, visibility: 'shared_internally', owner: p.email }),
      },
    ]);
  }
  c.out.push(rec);
  ids?.add(rec.vendorId);
}

function ipFor(r: Rand, p: Person, d: number, wfh: boolean): string {
  if (p.trip && d >= p.trip[0] && d <= p.trip[1]) return ipIn(r, p.trip[2]);
  if (r.chance(0.08)) return `${MOBILE_PREFIX}.${r.int(0, 255)}.${r.int(2, 250)}`;
  return wfh ? p.homeIp : p.officeIp;
}

/** A time on day d at a local hour (fractional), UTC epoch ms. */
function at(d: number, localHour: number): number {
  return START + d * DAY + Math.round(localHour * HOUR);
}

function workHour(r: Rand, p: Person): number {
  // Working hours with a lunch dip; now and then late evening.
  if (r.chance(0.03)) return r.int(20, 22) + r.next();
  let h = p.startHour + r.next() * 9.5;
  if (h > 12 && h < 13.2 && r.chance(0.6)) h += 1.2;
  return h;
}

function personDay(c: Ctx, p: Person, d: number): void {
  const { r } = c;
  if (d < p.firstDay || d > p.lastDay) return;
  if (p.vacation && d >= p.vacation[0] && d <= p.vacation[1]) return;
  const work = isWorkday(d);
  if (!work && !r.chance(p.dept === 'engineering' || p.dept === 'sales' ? 0.07 : 0.03)) return;
  if (work && r.chance(0.035)) return; // sick or personal leave
  let factor = work ? 1 : 0.25;
  const weekday = (d + 1) % 7;
  if (weekday === 1) factor *= 1.1;
  if (weekday === 5) factor *= 0.9;
  if (monthEnd(d)) factor *= p.dept === 'finance' ? 3 : p.dept === 'sales' ? 1.5 : 1;
  if (r.chance(0.04)) factor *= 2 + r.next(); // deadline day
  const ramp = d - p.firstDay < 7 ? 0.35 + 0.1 * (d - p.firstDay) : 1; // new joiner ramp-up
  factor *= ramp;
  const wfh = r.chance(p.dept === 'engineering' || p.dept === 'data' ? 0.18 : 0.08);
  const ip = ipFor(r, p, d, wfh);
  // Sign-in.
  c.out.push(loginEvent(r, at(d, p.startHour - 0.2 + r.next() * 0.3), p.email, ip, r.chance(0.7) ? UA.win : UA.mac));
  const n = r.poisson(p.lambda * factor);
  let dlBoost = 1;
  if (r.chance(0.004)) dlBoost = 2.5 + r.next() * 1.5; // an unusual but legitimate download day
  for (let i = 0; i < n; i++) {
    const u = r.next();
    const kind = u < p.dlFrac * dlBoost ? 'download' : u < 0.8 ? 'view' : u < 0.93 ? 'modify' : u < 0.98 ? 'upload' : 'delete';
    docAction(c, p, at(d, work ? workHour(r, p) : 10 + r.next() * 8), kind, r.chance(0.05) ? ipFor(r, p, d, wfh) : ip);
  }
  if (dlBoost > 1) for (let i = 0; i < Math.round(p.lambda * p.dlFrac * (dlBoost - 1)); i++) docAction(c, p, at(d, workHour(r, p)), 'download', ip);
  // S3 work by engineers, data analysts and IT with access keys.
  if (p.aws && work && r.chance(0.7)) {
    let m = r.poisson(p.s3Lambda * factor);
    if (p.dept === 'data' && weekday === 1) m += r.int(150, 250); // Monday export
    const awsIp = wfh ? p.homeIp : p.officeIp;
    for (let i = 0; i < m; i++) {
      const get = r.chance(0.7);
      c.out.push(s3DataEvent(r, at(d, workHour(r, p)), p.aws, get ? 'GetObject' : r.chance(0.8) ? 'PutObject' : 'ListObjects', r.pick(['hx-dev-artifacts', 'hx-analytics', 'hx-build-cache', 'hx-prod-data']), `${r.pick(['builds', 'datasets', 'reports', 'tmp'])}/${r.token(10)}.${r.pick(['json', 'parquet', 'tar.gz', 'csv'])}`, awsIp, Math.round(r.lognormal(2e6, 1.3)), r.chance(0.6) ? UA.cli : UA.sdk));
    }
  }
  // Sharing habits.
  if (work) sharingHabits(c, p, d, ip);
}

function sharingHabits(c: Ctx, p: Person, d: number, ip: string): void {
  const { r } = c;
  const t = () => at(d, workHour(r, p));
  if (p.dept === 'sales' && r.chance(0.35)) {
    const cust = r.chance(0.8) ? r.pick(CUSTOMERS.slice(0, 25)) : r.pick(CUSTOMERS.slice(25));
    const file = `${r.pick(['报价单', 'proposal', 'contract', 'product-sheet'])}-${r.int(1, 99)}.${r.pick(['pdf', 'docx'])}`;
    c.out.push(spSharingEvent(r, t(), p.email, r.chance(0.6) ? 'AddedToSecureLink' : 'SharingInvitationCreated', siteOf(p), 'Shared Documents/Customers', file, ip, `${r.pick(['buyer', 'procurement', 'li.ming', 'zhang.wei', 'ops'])}@${cust}`));
  }
  if (p.dept === 'marketing' && r.chance(0.12)) {
    const title = r.chance(0.92) ? `${r.pick(['brochure', 'press kit', 'product one-pager', 'event poster', 'webinar deck'])} ${r.int(1, 60)}` : `客户案例 ${r.int(1, 20)}`;
    c.out.push(
      gwsActivity(r, t(), p.email, 'drive', ip, [
        { type: 'acl_change', name: 'change_document_visibility', parameters: gwsParams({ primary_event: true, visibility_change: 'external', target_domain: 'all', visibility: 'people_with_link', old_visibility: 'shared_internally', new_value: ['people_with_link'], old_value: ['private'], doc_id: `1${r.token(32)}`, doc_title: title, doc_type: 'presentation', owner: p.email }) },
        { type: 'acl_change', name: 'change_document_access_scope', parameters: gwsParams({ primary_event: false, visibility_change: 'external', target_domain: 'all', visibility: 'people_with_link', new_value: ['can_view'], old_value: ['none'], doc_title: title }) },
      ]),
    );
  }
  if (p.suite === 'gws' && r.chance(0.25)) {
    const colleague = `${r.pick(SURNAMES)}.${r.pick(GIVEN)}@${ORG_DOMAIN}`;
    c.out.push(
      gwsActivity(r, t(), p.email, 'drive', ip, [
        { type: 'acl_change', name: 'change_user_access', parameters: gwsParams({ primary_event: true, visibility_change: 'internal', target_user: colleague, old_value: ['none'], new_value: ['can_edit'], visibility: 'shared_internally', doc_title: docName(r, p), doc_id: `1${r.token(32)}` }) },
      ]),
    );
  }
  if (p.suite === 'm365' && r.chance(0.15)) {
    c.out.push(spSharingEvent(r, t(), p.email, 'SharingSet', siteOf(p), 'Shared Documents', docName(r, p), ip, `${r.pick(SURNAMES)}.${r.pick(GIVEN)}@${ORG_DOMAIN}`));
  }
}

function services(c: Ctx, d: number): void {
  const { r } = c;
  const backup: AwsIdentity = { kind: 'user', name: 'svc-backup', accessKey: 'AKIAXB7Q2MBACKUP0001' };
  const etl: AwsIdentity = { kind: 'role', name: 'etl-role', session: 'etl-runner', accessKey: 'ASIAXB7Q2METLRUN0002' };
  const report: AwsIdentity = { kind: 'user', name: 'svc-report', accessKey: 'AKIAXB7Q2MREPORT0003' };
  const cleanup: AwsIdentity = { kind: 'user', name: 'svc-cleanup', accessKey: 'AKIAXB7Q2MCLEANUP004' };
  const n = r.poisson(1500);
  for (let i = 0; i < n; i++) c.out.push(s3DataEvent(r, at(d, 1.5 + r.next() * 1.5), backup, 'GetObject', 'hx-prod-data', `db/${r.token(12)}.bak`, '10.20.0.5', Math.round(r.lognormal(5e6, 1)), UA.sdk));
  for (let i = 0, m = r.poisson(300); i < m; i++) c.out.push(s3DataEvent(r, at(d, 4 + r.next()), cleanup, 'DeleteObject', 'hx-build-cache', `tmp/${r.token(12)}`, '10.20.0.9', 0, UA.sdk));
  if (isWorkday(d)) {
    const mult = monthEnd(d) ? 2 : 1;
    for (let h = 9; h < 19; h++) {
      for (let i = 0, m = r.poisson(25 * mult); i < m; i++) c.out.push(s3DataEvent(r, at(d, h + r.next()), etl, 'GetObject', 'hx-analytics', `raw/${r.token(10)}.parquet`, '10.20.1.12', Math.round(r.lognormal(8e6, 0.8)), UA.sdk));
      for (let i = 0, m = r.poisson(8 * mult); i < m; i++) c.out.push(s3DataEvent(r, at(d, h + r.next()), etl, 'PutObject', 'hx-analytics', `curated/${r.token(10)}.parquet`, '10.20.1.12', Math.round(r.lognormal(4e6, 0.8)), UA.sdk));
    }
  }
  if ((d + 1) % 7 === 1) for (let i = 0, m = r.poisson(400); i < m; i++) c.out.push(s3DataEvent(r, at(d, 6 + r.next() * 0.8), report, 'GetObject', 'hx-analytics', `curated/${r.token(10)}.parquet`, '10.20.1.30', Math.round(r.lognormal(3e6, 0.8)), UA.sdk));
}

/** Legitimate one-off events: app grants, forwarding to assistants, inbox tidy rules, admin changes. */
function oneOffs(c: Ctx, people: Person[], days: number): void {
  const { r } = c;
  for (const p of people) {
    const d = r.int(Math.max(p.firstDay, 1), Math.min(p.lastDay, days - 1));
    if (!isWorkday(d)) continue;
    const t = at(d, workHour(r, p));
    if (r.chance(0.1)) {
      const app = r.pick(APPROVED_APPS);
      if (p.suite === 'gws')
        c.out.push(gwsActivity(r, t, p.email, 'token', p.officeIp, [{ type: 'auth', name: 'authorize', parameters: gwsParams({ client_id: `${r.digits(12)}-${r.token(20)}.apps.googleusercontent.com`, app_name: app, client_type: 'WEB', scope: ['https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/calendar', 'openid'] }) }]));
      else c.out.push(consentEvent(r, t, p.email, app, r.uuid(), ['Files.Read.All', 'Calendars.ReadWrite', 'User.Read', 'offline_access'], p.officeIp));
    } else if (r.chance(0.05)) {
      const app = r.pick(['Meeting Notes Bot', 'Calendar Sync Lite', 'Time Zone Helper']);
      if (p.suite === 'gws')
        c.out.push(gwsActivity(r, t, p.email, 'token', p.officeIp, [{ type: 'auth', name: 'authorize', parameters: gwsParams({ client_id: `${r.digits(12)}-${r.token(20)}.apps.googleusercontent.com`, app_name: app, client_type: 'WEB', scope: ['https://www.googleapis.com/auth/calendar.readonly', 'openid', 'email'] }) }]));
      else c.out.push(consentEvent(r, t, p.email, app, r.uuid(), ['Calendars.Read', 'User.Read'], p.officeIp));
    }
    if (p.suite === 'm365' && r.chance(0.08))
      c.out.push(exchangeAdminEvent(r, t + MINUTE, p.email, 'New-InboxRule', { Name: r.pick(['Newsletters', 'Jira', 'Receipts']), FromAddressContainsWords: r.pick(['newsletter', 'jira', 'receipt']), MoveToFolder: r.pick(['Newsletters', 'Jira', 'Receipts']), StopProcessingRules: 'True' }, p.officeIp, `${p.email}\\rule`));
  }
  // Executives forward to their assistants (internal).
  for (const p of people.filter((x) => x.suite === 'm365').slice(0, 6)) {
    const assistant = `assistant.${p.email.split('@')[0]}@${ORG_DOMAIN}`;
    c.out.push(exchangeAdminEvent(r, at(2 + r.int(0, 3), 10.5), p.email, 'Set-Mailbox', { Identity: p.email, ForwardingSmtpAddress: `smtp:${assistant}`, DeliverToMailboxAndForward: 'True' }, p.officeIp, p.email));
  }
  // IT tidies buckets: private policies for a partner account, versioning on, logging on.
  const admins = people.filter((p) => p.dept === 'it' && p.aws);
  for (let d = 0; d < days; d++) {
    if (!isWorkday(d) || !r.chance(0.3) || admins.length === 0) continue;
    const a = r.pick(admins);
    const t = at(d, workHour(r, a));
    const bucket = r.pick(['hx-dev-artifacts', 'hx-analytics', 'hx-partner-drop', 'hx-build-cache']);
    const which = r.int(0, 3);
    if (which === 0)
      c.out.push(managementEvent(r, t, a.aws!, 's3.amazonaws.com', 'PutBucketPolicy', a.officeIp, { bucketName: bucket, bucketPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${bucket}/*` }] } }, UA.cli));
    else if (which === 1) c.out.push(managementEvent(r, t, a.aws!, 's3.amazonaws.com', 'PutBucketVersioning', a.officeIp, { bucketName: bucket, VersioningConfiguration: { Status: 'Enabled' } }, UA.cli));
    else if (which === 2) c.out.push(managementEvent(r, t, a.aws!, 's3.amazonaws.com', 'PutBucketLogging', a.officeIp, { bucketName: bucket, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'hx-logs', TargetPrefix: `${bucket}/` } } }, UA.cli));
    else c.out.push(managementEvent(r, t, a.aws!, 's3.amazonaws.com', 'PutBucketPublicAccessBlock', a.officeIp, { bucketName: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }, UA.cli));
  }
  // The public website bucket is read anonymously all day, as intended.
  for (let d = 0; d < days; d++)
    for (let i = 0, m = r.poisson(120); i < m; i++)
      c.out.push(s3DataEvent(r, START + d * DAY + Math.floor(r.next() * DAY), 'anonymous', 'GetObject', 'hx-www', `assets/${r.token(8)}.${r.pick(['css', 'js', 'png', 'html'])}`, `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, r.int(2000, 400_000), UA.win));
}

// --- planted incidents ------------------------------------------------------------

function plant(c: Ctx, org: { people: Person[]; planted: Planted[] }, scoredFrom: number, days: number): void {
  const { r } = c;
  const used = new Set<string>();
  const choose = (f: (p: Person) => boolean): Person => {
    const pool = org.people.filter((p) => f(p) && !used.has(p.email) && p.firstDay < scoredFrom - 10 && p.lastDay >= days - 1);
    const p = r.pick(pool);
    used.add(p.email);
    return p;
  };
  const workdayIn = (from: number, to: number): number => {
    for (;;) {
      const d = r.int(from, to);
      if (isWorkday(d) && !monthEnd(d)) return d;
    }
  };
  const record = (type: string, variant: string, actor: string, start: number, end: number, ids: Set<string>) =>
    org.planted.push({ id: `${type}/${variant}`, type, variant, actor: actor.toLowerCase(), start, end, vendorIds: ids });

  // 1. Departing employee mass download, then gone.
  for (const [variant, n, suite] of [['m365-400', 400, 'm365'], ['m365-900', 900, 'm365'], ['gws-2000', 2000, 'gws']] as const) {
    const p = choose((x) => x.suite === suite && x.dept !== 'data');
    const d = workdayIn(scoredFrom + 2, days - 6);
    const ids = new Set<string>();
    const start = p.startHour + 1 + r.next() * 4;
    const span = 2 + r.next() * 3;
    for (let i = 0; i < n; i++) docAction(c, p, at(d, start + (span * i) / n), 'download', p.officeIp, docName(r, p, i), ids);
    p.lastDay = d + 1;
    record('departing_mass_download', variant, p.email, at(d, start), at(d, start + span), ids);
  }

  // 2. Slow exfiltration: a few times the usual downloads, every workday for about a week and a half.
  for (const [variant, mult, suite] of [['m365-x2.2', 2.2, 'm365'], ['m365-x2.7', 2.7, 'm365'], ['gws-x3.2', 3.2, 'gws']] as const) {
    const p = choose((x) => x.suite === suite && x.lambda * x.dlFrac >= 6 && x.dept !== 'finance' && x.dept !== 'data');
    const d0 = workdayIn(scoredFrom + 2, days - 16);
    const ids = new Set<string>();
    let end = d0;
    let done = 0;
    for (let d = d0; done < 8; d++) {
      if (!isWorkday(d)) continue;
      const extra = r.poisson(p.lambda * p.dlFrac * (mult - 1));
      for (let i = 0; i < extra; i++) docAction(c, p, at(d, workHour(r, p)), 'download', p.officeIp, undefined, ids);
      end = d;
      done++;
    }
    record('slow_exfiltration', variant, p.email, at(d0, 0), at(end, 24), ids);
  }

  // 3. Bucket made public, then read anonymously.
  const admins = org.people.filter((p) => (p.dept === 'it' || p.dept === 'engineering') && p.aws && p.lastDay >= days - 1);
  for (const variant of ['policy', 'acl', 'pab+policy'] as const) {
    const a = r.pick(admins.filter((x) => !used.has(x.email)));
    used.add(a.email);
    const d = workdayIn(scoredFrom + 1, days - 3);
    const t = at(d, workHour(r, a));
    const bucket = `hx-${r.pick(['customer-exports', 'hr-archive', 'finance-backup', 'crm-dump'])}-${r.int(10, 99)}`;
    const ids = new Set<string>();
    const push = (v: VendorRecord) => {
      c.out.push(v);
      ids.add(v.vendorId);
    };
    const policy = { bucketName: bucket, bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'share', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] } };
    if (variant === 'policy') push(managementEvent(r, t, a.aws!, 's3.amazonaws.com', 'PutBucketPolicy', a.officeIp, policy, UA.cli));
    if (variant === 'acl')
      push(managementEvent(r, t, a.aws!, 's3.amazonaws.com', 'PutBucketAcl', a.officeIp, { bucketName: bucket, AccessControlPolicy: { AccessControlList: { Grant: [{ Grantee: { xsiType: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] }, Owner: { ID: 'owner' } } }, UA.cli));
    if (variant === 'pab+policy') {
      push(managementEvent(r, t, a.aws!, 's3.amazonaws.com', 'DeleteBucketPublicAccessBlock', a.officeIp, { bucketName: bucket, publicAccessBlock: '' }, UA.cli));
      push(managementEvent(r, t + 2 * MINUTE, a.aws!, 's3.amazonaws.com', 'PutBucketPolicy', a.officeIp, policy, UA.cli));
    }
    const readers = Array.from({ length: r.int(2, 4) }, () => `${r.pick(['185.220.101', '45.134.26', '91.92.109', '193.32.162'])}.${r.int(2, 250)}`);
    const delay = (1 + r.next() * 7) * HOUR;
    const n = r.int(30, 150);
    for (let i = 0; i < n; i++) push(s3DataEvent(r, t + delay + i * r.int(5, 60) * 1000, 'anonymous', r.chance(0.8) ? 'GetObject' : 'ListObjects', bucket, `export/${r.token(8)}.csv`, r.pick(readers), r.int(1e5, 5e7), r.chance(0.5) ? UA.curl : UA.sdk));
    record('bucket_public_then_anonymous_read', variant, awsArn(a.aws!), t, t + delay + n * 60_000, ids);
  }

  // 4. Forwarding rules to outside mailboxes.
  for (const variant of ['m365-inbox-rule', 'm365-mailbox-forward-and-delete', 'gmail-forwarding'] as const) {
    const p = choose((x) => (variant === 'gmail-forwarding' ? x.suite === 'gws' : x.suite === 'm365'));
    const d = workdayIn(scoredFrom + 1, days - 2);
    const t = at(d, workHour(r, p));
    const ids = new Set<string>();
    const local = p.email.split('@')[0]!.replace('.', '');
    let v: VendorRecord;
    if (variant === 'm365-inbox-rule') v = exchangeAdminEvent(r, t, p.email, 'New-InboxRule', { Name: 'backup', ForwardTo: `${local}${r.int(10, 99)}@qq.com`, StopProcessingRules: 'False' }, p.officeIp, `${p.email}\\backup`);
    else if (variant === 'm365-mailbox-forward-and-delete') v = exchangeAdminEvent(r, t, p.email, 'New-InboxRule', { Name: '.', From: 'ceo@huaxin.example', ForwardTo: `${local}@protonmail.com`, DeleteMessage: 'True', MarkAsRead: 'True' }, p.officeIp, `${p.email}\\.`);
    else v = gwsActivity(r, t, p.email, 'user_accounts', p.officeIp, [{ type: 'email_forwarding_change', name: 'email_forwarding_out_of_domain', parameters: gwsParams({ email_forwarding_destination_address: `${local}.home@gmail.com` }) }]);
    c.out.push(v);
    ids.add(v.vendorId);
    record('forwarding_rule', variant, p.email, t, t, ids);
  }

  // 5. Unapproved apps granted broad access.
  for (const variant of ['gws-drive-gmail', 'gws-full-mail', 'm365-consent'] as const) {
    const p = choose((x) => (variant === 'm365-consent' ? x.suite === 'm365' : x.suite === 'gws'));
    const d = workdayIn(scoredFrom + 1, days - 2);
    const t = at(d, workHour(r, p));
    const ids = new Set<string>();
    let v: VendorRecord;
    if (variant === 'gws-drive-gmail')
      v = gwsActivity(r, t, p.email, 'token', p.officeIp, [{ type: 'auth', name: 'authorize', parameters: gwsParams({ client_id: `${r.digits(12)}-${r.token(20)}.apps.googleusercontent.com`, app_name: 'PDF Converter Pro', client_type: 'WEB', scope: ['https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/gmail.readonly', 'openid'] }) }]);
    else if (variant === 'gws-full-mail')
      v = gwsActivity(r, t, p.email, 'token', p.officeIp, [{ type: 'auth', name: 'authorize', parameters: gwsParams({ client_id: `${r.digits(12)}-${r.token(20)}.apps.googleusercontent.com`, app_name: 'AI Notes Assistant', client_type: 'NATIVE_DESKTOP', scope: ['https://mail.google.com/', 'openid', 'email'] }) }]);
    else v = consentEvent(r, t, p.email, 'MailSync Helper', r.uuid(), ['Mail.Read', 'Files.Read.All', 'offline_access', 'User.Read'], p.officeIp);
    c.out.push(v);
    ids.add(v.vendorId);
    record('unapproved_app', variant, p.email, t, t, ids);
  }

  // 6. Public share spree.
  for (const [variant, n] of [['gws-anyone-links', 25], ['m365-anonymous-links', 18], ['gws-to-personal', 12]] as const) {
    const p = choose((x) => (variant.startsWith('gws') ? x.suite === 'gws' : x.dept === 'sales' || x.dept === 'finance'));
    const d = workdayIn(scoredFrom + 1, days - 2);
    const t0 = at(d, workHour(r, p));
    const ids = new Set<string>();
    for (let i = 0; i < n; i++) {
      const t = t0 + i * r.int(60, 150) * 1000;
      let v: VendorRecord;
      if (variant === 'gws-anyone-links') {
        const title = docName(r, p, 500 + i);
        v = gwsActivity(r, t, p.email, 'drive', p.officeIp, [
          { type: 'acl_change', name: 'change_document_visibility', parameters: gwsParams({ primary_event: true, visibility_change: 'external', target_domain: 'all', visibility: 'people_with_link', new_value: ['people_with_link'], old_value: ['private'], doc_id: `1${r.token(32)}`, doc_title: title }) },
          { type: 'acl_change', name: 'change_document_access_scope', parameters: gwsParams({ primary_event: false, target_domain: 'all', visibility: 'people_with_link', new_value: ['can_view'], old_value: ['none'], doc_title: title }) },
        ]);
      } else if (variant === 'm365-anonymous-links') v = spSharingEvent(r, t, p.email, 'AnonymousLinkCreated', siteOf(p), 'Shared Documents', docName(r, p, 500 + i), p.officeIp);
      else
        v = gwsActivity(r, t, p.email, 'drive', p.officeIp, [
          { type: 'acl_change', name: 'change_user_access', parameters: gwsParams({ primary_event: true, visibility_change: 'external', target_user: `${p.email.split('@')[0]}.private@gmail.com`, old_value: ['none'], new_value: ['can_view'], visibility: 'shared_externally', old_visibility: 'private', doc_id: `1${r.token(32)}`, doc_title: docName(r, p, 500 + i) }) },
        ]);
      c.out.push(v);
      ids.add(v.vendorId);
    }
    record('public_share_spree', variant, p.email, t0, t0 + n * 150_000, ids);
  }

  // 7. A 2 a.m. S3 pull from a network the identity never used.
  const keyed = org.people.filter((p) => p.aws && p.dept === 'engineering' && p.lastDay >= days - 1);
  const report: AwsIdentity = { kind: 'user', name: 'svc-report', accessKey: 'AKIAXB7Q2MREPORT0003' };
  for (const [variant, n, hour] of [['engineer-key-250', 250, 2.15], ['service-key-150', 150, 3.0], ['engineer-key-120', 120, 1.5]] as const) {
    let who: AwsIdentity;
    if (variant.startsWith('service')) who = report;
    else {
      const p = r.pick(keyed.filter((x) => !used.has(x.email)));
      used.add(p.email);
      who = p.aws!;
    }
    const d = workdayIn(scoredFrom + 1, days - 2);
    const ip = `${r.pick(['185.220.101', '45.134.26', '91.92.109'])}.${r.int(2, 250)}`;
    const ids = new Set<string>();
    for (let i = 0; i < n; i++) {
      const v = s3DataEvent(r, at(d, hour + (i * 0.7) / n), who, 'GetObject', r.pick(['hx-prod-data', 'hx-analytics']), `${r.pick(['db', 'curated', 'reports'])}/${r.token(12)}`, ip, Math.round(r.lognormal(3e6, 1)), UA.cli);
      c.out.push(v);
      ids.add(v.vendorId);
    }
    record('s3_pull_2am_new_ip', variant, awsArn(who), at(d, hour), at(d, hour + 0.7), ids);
  }
}

/** Builds the organisation and its vendor records. */
export function generateOrg(options: OrgOptions = {}): Org {
  const seed = options.seed ?? 20240304;
  const days = options.days ?? 60;
  const warmupDays = options.warmupDays ?? 14;
  const scale = options.scale ?? 1;
  const r = new Rand(seed);
  const people: Person[] = [];
  const emails = new Set<string>();
  const mkEmail = () => {
    for (;;) {
      const e = `${r.pick(GIVEN)}.${r.pick(SURNAMES)}${r.chance(0.3) ? r.int(2, 9) : ''}@${ORG_DOMAIN}`;
      if (!emails.has(e)) {
        emails.add(e);
        return e;
      }
    }
  };
  const mkPerson = (dept: (typeof DEPTS)[number], firstDay: number): Person => {
    const withAws = dept.s3 > 0 && (dept.dept !== 'engineering' || r.chance(0.6));
    const name = mkEmail();
    const vacationStart = r.chance(0.3) ? r.int(0, days - 6) : undefined;
    const tripStart = r.chance(0.06) ? r.int(warmupDays, days - 5) : undefined;
    return {
      email: name,
      dept: dept.dept,
      suite: dept.suite,
      lambda: r.lognormal(dept.lambda, 0.45),
      dlFrac: 0.15 + r.next() * 0.35,
      startHour: Math.min(10.5, Math.max(7.5, r.normal(9, 0.45))),
      officeIp: ipIn(r, r.pick(OFFICES)),
      homeIp: `${r.pick(HOME_PREFIXES)}.${r.int(1, 254)}.${r.int(0, 255)}.${r.int(2, 250)}`,
      firstDay,
      lastDay: days - 1,
      aws: withAws ? { kind: 'user', name: name.split('@')[0]!, accessKey: `AKIA${r.token(16).toUpperCase()}` } : undefined,
      s3Lambda: r.lognormal(Math.max(1, dept.s3), 0.6),
      vacation: vacationStart !== undefined ? [vacationStart, vacationStart + r.int(2, 4)] : undefined,
      trip: tripStart !== undefined ? [tripStart, tripStart + r.int(1, 3), r.pick(['203.198.7', '118.140.12', '1.179.112', '175.45.20'])] : undefined,
    };
  };
  for (const dept of DEPTS) for (let i = 0; i < Math.round(dept.n * scale); i++) people.push(mkPerson(dept, 0));
  // New joiners across the scored period; a few people leave (legitimately).
  for (let i = 0; i < Math.round(12 * scale); i++) people.push(mkPerson(r.pick(DEPTS), r.int(warmupDays + 2, days - 8)));
  for (let i = 0; i < Math.round(4 * scale); i++) r.pick(people).lastDay = r.int(warmupDays + 5, days - 5);

  const early: VendorRecord[] = [];
  const planted: Planted[] = [];
  const org = { people, planted };
  if (options.plant !== false) plant({ r, out: early }, org, warmupDays, days);
  oneOffs({ r, out: early }, people, days);
  const byDay = new Map<number, VendorRecord[]>();
  for (const rec of early) {
    const d = Math.floor((rec.time - START) / DAY);
    let list = byDay.get(d);
    if (!list) byDay.set(d, (list = []));
    list.push(rec);
  }
  let next = 0;
  const dayRecords = (d: number): VendorRecord[] => {
    if (d !== next) throw new Error(`days are generated in order: asked for ${d}, next is ${next}`);
    next++;
    const out: VendorRecord[] = byDay.get(d) ?? [];
    byDay.delete(d);
    const c: Ctx = { r, out };
    for (const p of people) personDay(c, p, d);
    services(c, d);
    return out.sort((a, b) => a.time - b.time);
  };

  const directory = new Map<string, string>();
  for (const p of people) {
    directory.set(p.email.toLowerCase(), p.dept);
    if (p.aws) directory.set(awsArn(p.aws).toLowerCase(), `${p.dept}-aws`);
  }
  let scoredUserDays = 0;
  for (const p of people) scoredUserDays += Math.max(0, Math.min(p.lastDay, days - 1) - Math.max(p.firstDay, warmupDays) + 1);
  return {
    people,
    dayRecords,
    planted,
    directory,
    days,
    warmupDays,
    scoredUserDays,
    lists: {
      org_domains: [ORG_DOMAIN],
      allowed_share_domains: CUSTOMERS.slice(0, 25),
      approved_oauth_apps: APPROVED_APPS,
      public_buckets: ['hx-www'],
    },
  };
}
