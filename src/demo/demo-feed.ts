// The demo's feed: the generated organisation's history moved so that it ends
// now (by whole weeks, so weekdays stay weekdays), then live activity stamped now
// with a planted leak now and then. Pure: it returns vendor records; the demo
// command ingests them.
import { DAY, START, UTC_OFFSET_MIN, docAction, generateOrg, UA, type Org, type Person } from './generator.js';
import { Rand } from './rand.js';
import { awsArn, consentEvent, exchangeAdminEvent, loginEvent, managementEvent, retime, s3DataEvent, spSharingEvent, type VendorRecord } from './vendor.js';

export interface DemoHistory {
  readonly org: Org;
  /** How far the generated calendar is moved forward, ms (whole weeks). */
  readonly shift: number;
  /** Days generated: the asked-for days, plus up to six before them so the calendar moves by whole weeks. */
  readonly days: number;
  /** The first day replayed, so that exactly the asked-for days end today. */
  readonly from: number;
}

/** The organisation and the calendar shift for `days` of history ending on the local day of `now`. */
export function demoHistory(options: { now: number; days: number; seed?: number; scale?: number }): DemoHistory {
  const offset = UTC_OFFSET_MIN * 60_000;
  const today = Math.floor((options.now + offset) / DAY) * DAY - offset;
  const sinceStart = Math.round((today - START) / DAY);
  const weeks = Math.floor((sinceStart - options.days + 1) / 7);
  const days = sinceStart - weeks * 7 + 1;
  // The planted incidents need a learning period and room after it.
  const plant = days >= 30;
  const org = generateOrg({ seed: options.seed, days, warmupDays: plant ? Math.min(14, days - 18) : 0, scale: options.scale, plant });
  return { org, shift: weeks * 7 * DAY, days, from: days - options.days };
}

/** The records of each replayed day in order, moved to the present; nothing later than `now`. */
export function* historyDays(history: DemoHistory, now: number): Generator<VendorRecord[]> {
  for (let d = 0; d < history.days; d++) {
    const records = history.org.dayRecords(d); // generated in order even when not replayed
    if (d < history.from) continue;
    const out: VendorRecord[] = [];
    for (const rec of records) {
      const t = rec.time + history.shift;
      if (t <= now) out.push(retime(rec, t));
    }
    yield out;
  }
}

export interface DemoLeak {
  readonly scenario: string;
  readonly actor: string;
  readonly records: VendorRecord[];
}

const LEAKS = ['mass_download', 'public_links', 'bucket_public', 'forward_external', 'unapproved_app'] as const;

/** Live activity of the organisation's people and services, and planted leaks in turn. */
export class LiveFeed {
  private readonly r: Rand;
  private leaks = 0;
  private readonly people: Person[];

  constructor(private readonly org: Org, seed = 7) {
    this.r = new Rand(seed);
    this.people = org.people.filter((p) => p.lastDay >= org.days - 1);
  }

  /** About `n` ordinary records in the second before `t`. */
  activity(t: number, n: number): VendorRecord[] {
    const { r } = this;
    const out: VendorRecord[] = [];
    const c = { r, out };
    for (let i = 0; i < n; i++) {
      const at = t - r.int(0, 999);
      const p = r.pick(this.people);
      const u = r.next();
      if (u < 0.08) out.push(loginEvent(r, at, p.email, p.officeIp, UA.win));
      else if (u < 0.3 && p.aws) out.push(s3DataEvent(r, at, p.aws, r.chance(0.7) ? 'GetObject' : 'PutObject', r.pick(['hx-dev-artifacts', 'hx-analytics', 'hx-build-cache']), `${r.pick(['builds', 'datasets', 'reports'])}/${r.token(10)}.json`, p.officeIp, Math.round(r.lognormal(2e6, 1.3)), UA.cli));
      else docAction(c, p, at, r.chance(0.25) ? 'download' : r.chance(0.75) ? 'view' : 'modify', p.officeIp);
    }
    return out.sort((a, b) => a.time - b.time);
  }

  /** The next planted leak, ending at `t`, by someone who has not leaked yet. */
  leak(t: number): DemoLeak {
    const { r } = this;
    const scenario = LEAKS[this.leaks++ % LEAKS.length]!;
    const out: VendorRecord[] = [];
    const c = { r, out };
    const someone = (f: (p: Person) => boolean) => r.pick(this.people.filter(f).length > 0 ? this.people.filter(f) : this.people);
    switch (scenario) {
      case 'mass_download': {
        const p = someone((x) => x.suite === 'm365');
        for (let i = 0; i < 260; i++) docAction(c, p, t - (260 - i) * 1500, 'download', p.homeIp);
        return { scenario, actor: p.email, records: out };
      }
      case 'public_links': {
        const p = someone((x) => x.dept === 'sales' || x.dept === 'finance');
        for (let i = 0; i < 16; i++) out.push(spSharingEvent(r, t - (16 - i) * 20_000, p.email, 'AnonymousLinkCreated', `sites/${p.dept}`, 'Shared Documents', `customer-list-${i + 1}.xlsx`, p.officeIp));
        return { scenario, actor: p.email, records: out };
      }
      case 'bucket_public': {
        const p = someone((x) => x.aws !== undefined && (x.dept === 'it' || x.dept === 'engineering'));
        const bucket = `hx-customer-exports-${r.int(10, 99)}`;
        const policy = { bucketName: bucket, bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'share', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] } };
        if (p.aws) {
          out.push(managementEvent(r, t - 5 * 60_000, p.aws, 's3.amazonaws.com', 'PutBucketPolicy', p.officeIp, policy, UA.cli));
          for (let i = 0; i < 40; i++) out.push(s3DataEvent(r, t - (40 - i) * 5000, 'anonymous', 'GetObject', bucket, `export/${r.token(8)}.csv`, `185.220.101.${r.int(2, 250)}`, r.int(1e5, 5e7), UA.curl));
        }
        return { scenario, actor: p.aws ? awsArn(p.aws) : p.email, records: out };
      }
      case 'forward_external': {
        const p = someone((x) => x.suite === 'm365');
        const local = p.email.split('@')[0]!.replace('.', '');
        out.push(exchangeAdminEvent(r, t, p.email, 'New-InboxRule', { Name: 'backup', ForwardTo: `${local}${r.int(10, 99)}@qq.com`, StopProcessingRules: 'False' }, p.homeIp, `${p.email}\\backup`));
        return { scenario, actor: p.email, records: out };
      }
      case 'unapproved_app': {
        const p = someone((x) => x.suite === 'm365');
        out.push(consentEvent(r, t, p.email, 'MailSync Helper', r.uuid(), ['Mail.Read', 'Files.Read.All', 'offline_access', 'User.Read'], p.officeIp));
        return { scenario, actor: p.email, records: out };
      }
    }
  }
}

/** Records as NDJSON bodies, one per source (the vendor's format name). */
export function ndjsonBySource(records: readonly VendorRecord[]): Map<VendorRecord['source'], string> {
  const lines = new Map<VendorRecord['source'], string[]>();
  for (const rec of records) {
    let list = lines.get(rec.source);
    if (!list) lines.set(rec.source, (list = []));
    list.push(JSON.stringify(rec.record));
  }
  return new Map([...lines].map(([source, list]) => [source, list.join('\n') + '\n']));
}
