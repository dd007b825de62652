// The parsers on the real vendor samples in ../shared/datasets/logs (see its
// README for each file's source). Skipped, as a whole, where ../shared is absent.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataEvent } from './data-event.js';
import { readEvents, type DeadLetterEntry, type FileInfo } from './read-events.js';

const LOGS = resolve(import.meta.dirname, '../../../shared/datasets/logs');
const INGEST = Date.UTC(2026, 0, 15);

async function read(rel: string): Promise<{ events: DataEvent[]; dead: DeadLetterEntry[]; records: number; info: FileInfo }> {
  const info: FileInfo = { bytesRead: 0, gzip: false };
  const events: DataEvent[] = [];
  const dead: DeadLetterEntry[] = [];
  let records = 0;
  for await (const b of readEvents({ path: join(LOGS, rel) }, { now: () => INGEST }, info)) {
    events.push(...b.events);
    dead.push(...b.deadLetters);
    records += b.records;
  }
  return { events, dead, records, info };
}

const codes = (dead: DeadLetterEntry[]) => [...new Set(dead.map((d) => d.code))].sort();

describe.skipIf(!existsSync(LOGS))('the real vendor samples (skipped: ../shared absent)', () => {
  describe('AWS CloudTrail', () => {
    it('reads every Stratus Red Team detonation (JSON arrays) with no dead letters and unique ids', async () => {
      const dir = 'aws-cloudtrail/stratus-red-team-detonations';
      const all: DataEvent[] = [];
      for (const f of readdirSync(join(LOGS, dir))) {
        const r = await read(join(dir, f));
        expect(r.info).toMatchObject({ format: 'cloudtrail', framing: 'json' });
        expect(r.dead).toEqual([]);
        all.push(...r.events);
      }
      expect(all).toHaveLength(310);
      expect(new Set(all.map((e) => e.id)).size).toBe(310);
      expect(all.every((e) => e.time > Date.UTC(2024, 0, 1) && e.time < Date.UTC(2025, 0, 1))).toBe(true);
    });

    it('marks trail stopping and deletion, and AMI, EBS and RDS snapshot sharing', async () => {
      const one = async (f: string) => (await read(`aws-cloudtrail/stratus-red-team-detonations/${f}.json`)).events;
      expect((await one('aws.defense-evasion.cloudtrail-stop'))[0]).toMatchObject({ action: 'StopLogging', channel: 'logging_change', attributes: { logging_disabled: true } });
      expect((await one('aws.defense-evasion.cloudtrail-delete'))[0]).toMatchObject({ action: 'DeleteTrail', channel: 'logging_change', attributes: { logging_disabled: true } });
      expect((await one('aws.defense-evasion.vpc-remove-flow-logs'))[0]).toMatchObject({ action: 'DeleteFlowLogs', attributes: { logging_disabled: true } });
      for (const f of ['aws.exfiltration.ec2-share-ami', 'aws.exfiltration.ec2-share-ebs-snapshot', 'aws.exfiltration.rds-share-snapshot']) {
        const [e] = await one(f);
        expect(e).toMatchObject({ channel: 'share_external', attributes: { cross_account: true } });
        expect(e?.attributes?.['shared_with']).toHaveLength(1);
      }
      expect((await one('aws.exfiltration.ec2-security-group-open-port-22-ingress'))[0]).toMatchObject({ channel: 'permission_change', attributes: { public_grant: true } });
      const secrets = await one('aws.credential-access.secretsmanager-retrieve-secrets');
      expect(secrets.filter((e) => e.action === 'GetSecretValue').every((e) => e.attributes?.['secret_access'] === true)).toBe(true);
    });

    it('reads the OTRF Logstash capture (no eventTime) with its S3 data events', async () => {
      const r = await read('aws-cloudtrail/otrf-ec2-proxy-s3-exfiltration.jsonl');
      expect(r.events).toHaveLength(103);
      const gets = r.events.filter((e) => e.action === 'GetObject');
      expect(gets).toHaveLength(2);
      expect(gets[0]).toMatchObject({ channel: 'download', object: { container: expect.any(String), path: expect.any(String) }, attributes: { time_source: '@timestamp', identity_type: 'AssumedRole' } });
      expect(r.events.filter((e) => e.action === 'ListObjects').every((e) => e.channel === 'read')).toBe(true);
    });

    it('reads the flattened honey-bucket CSV: anonymous principals listing a public bucket', async () => {
      const r = await read('aws-cloudtrail/otrf-s3-honeybucket-flattened.csv');
      expect(r.info.framing).toBe('csv');
      expect(r.records).toBe(301);
      expect(r.events).toHaveLength(301);
      expect(r.events.filter((e) => e.actor.user === 'anonymous').length).toBeGreaterThan(250);
      expect(r.events.every((e) => e.actor.user !== undefined)).toBe(true);
      expect(r.events.filter((e) => e.action === 'PutObject').map((e) => e.channel)).toEqual(['upload', 'upload', 'upload', 'upload']);
    });

    it('reads the Panther rule tests, dead-lettering only the empty and the redacted-time fixtures', async () => {
      const r = await read('aws-cloudtrail/panther-rule-tests.jsonl');
      expect(r.records).toBe(475);
      expect(codes(r.dead)).toEqual(['EVENTS_RECORD_INVALID', 'EVENTS_TIME_INVALID']);
      expect(r.dead.length).toBeLessThanOrEqual(6);
      const publicPolicy = r.events.filter((e) => e.action === 'PutBucketPolicy' && e.attributes?.['public_grant'] === true);
      expect(publicPolicy.length).toBeGreaterThanOrEqual(3);
      const publicAmi = r.events.filter((e) => e.action === 'ModifyImageAttribute' && e.attributes?.['public_grant'] === true);
      expect(publicAmi).toHaveLength(2);
      expect(r.events.filter((e) => e.action === 'DeleteBucketPublicAccessBlock').every((e) => e.attributes?.['public_access_block_removed'] === true)).toBe(true);
    });
  });

  describe('S3 server access logs', () => {
    it('reads the native lines: three 4.4 MB downloads by the look-alike user', async () => {
      const r = await read('aws-s3-server-access/panther-scenario-compromised-root-creds-attacker_s3_access.log');
      expect(r.info).toMatchObject({ format: 's3access', framing: 'lines' });
      expect(r.events.map((e) => [e.channel, e.bytes, e.actor.user, e.object?.path])).toEqual([
        ['download', 4406583, 'arn:aws:iam::493859302102:user/tracy_stone', 'id-01.pdf'],
        ['download', 4406583, 'arn:aws:iam::493859302102:user/tracy_stone', 'id-02.pdf'],
        ['download', 4406583, 'arn:aws:iam::493859302102:user/tracy_stone', 'id-03.pdf'],
      ]);
    });

    it('reads the parsed JSON form', async () => {
      const r = await read('aws-s3-server-access/panther-rule-tests.jsonl');
      expect(r.info.format).toBe('s3access');
      expect(r.events.length).toBeGreaterThanOrEqual(11);
      expect(r.events.find((e) => e.attributes?.['error_code'] === 'AccessDenied')?.outcome).toBe('failure');
    });
  });

  describe('Microsoft 365', () => {
    it('reads the Elastic SharePoint capture: upload, anonymous link, sharing to the anonymous-edit group', async () => {
      const r = await read('m365-unified-audit/elastic-o365-sharepoint-selected.jsonl');
      expect(r.dead).toEqual([]);
      const by = (op: string) => r.events.filter((e) => e.action === op);
      expect(by('FileUploaded')[0]).toMatchObject({ channel: 'upload', actor: { user: 'asr@testsiem.onmicrosoft.com' } });
      expect(by('AnonymousLinkCreated')[0]).toMatchObject({ channel: 'share_link', destination: { account: 'anyone' } });
      expect(by('SharingSet').map((e) => e.channel)).toContain('share_link');
      expect(by('FileDeleted')[0]?.channel).toBe('delete');
    });

    it('reads the Panther Exchange and SharePoint tests: forwarding targets and guests', async () => {
      const r = await read('m365-unified-audit/panther-rule-tests.jsonl');
      expect(r.events).toHaveLength(19);
      const fwd = r.events.filter((e) => e.channel === 'mail_forward');
      expect(fwd.length).toBe(9);
      expect(fwd.flatMap((e) => e.attributes?.['forward_to'] as string[])).toContain('peter.griffin@familyguy.com');
      expect(r.events.filter((e) => e.action === 'AddedToSecureLink' && e.channel === 'share_external')).toHaveLength(4);
    });

    it('reads the Sentinel OfficeActivity and Defender rows: mail access and an OAuth grant', async () => {
      const office = await read('m365-unified-audit/otrf-goldensaml-officeactivity.jsonl');
      expect(office.events[0]).toMatchObject({ action: 'MailItemsAccessed', channel: 'read', actor: { user: 'pgustavo@simulandlabs.com' }, attributes: { mail_access_type: 'Bind' } });
      const defender = await read('m365-unified-audit/otrf-goldensaml-m365defender.jsonl');
      const grant = defender.events.find((e) => e.channel === 'app_grant');
      expect(grant).toMatchObject({ action: 'Add delegated permission grant.', attributes: { scopes: ['User.Read', 'Mail.ReadWrite'] } });
    });
  });

  describe('Entra ID audit', () => {
    it('reads the Sentinel AuditLogs rows: a delegated grant and credentials added to an app', async () => {
      const r = await read('entra-id-audit/otrf-goldensaml-aad-auditlogs.jsonl');
      expect(r.info.format).toBe('entra');
      expect(r.events).toHaveLength(4);
      expect(r.events.filter((e) => e.channel === 'app_grant')).toHaveLength(1);
      expect(r.events.filter((e) => e.attributes?.['credential_added'] === true)).toHaveLength(2);
      expect(r.events.every((e) => e.actor.user === 'pgustavo@simulandlabs.com')).toBe(true);
    });
  });

  describe('Google Workspace', () => {
    it('reads the raw Reports API shape, one event per events[] entry', async () => {
      const r = await read('google-workspace/panther-reports-api-rule-tests.jsonl');
      expect(r.records).toBe(26);
      expect(r.events).toHaveLength(37);
      expect(r.events.filter((e) => e.action === 'change_document_visibility' && e.channel === 'share_link').length).toBeGreaterThanOrEqual(1);
      expect(r.events.filter((e) => e.action === 'change_user_access' && e.channel === 'share_external').length).toBeGreaterThanOrEqual(6);
    });

    it('reads the flattened shape: OAuth grants with scopes, forwarding, Takeout', async () => {
      const r = await read('google-workspace/panther-activityevent-rule-tests.jsonl');
      const grants = r.events.filter((e) => e.action === 'authorize');
      expect(grants).toHaveLength(3);
      expect(grants.every((e) => e.channel === 'app_grant' && (e.attributes?.['scopes'] as string[]).length > 0)).toBe(true);
      expect(r.events.filter((e) => e.action === 'email_forwarding_out_of_domain').map((e) => e.channel)).toEqual(['mail_forward', 'mail_forward']);
      expect(r.events.filter((e) => e.action.startsWith('CUSTOMER_TAKEOUT')).every((e) => e.channel === 'download')).toBe(true);
      expect(codes(r.dead)).toEqual(['EVENTS_RECORD_INVALID']);
    });
  });

  describe('Okta System Log', () => {
    it('reads camelCase and lower-cased events; only redacted times and empty fixtures are dead-lettered', async () => {
      const r = await read('okta-systemlog/panther-rule-tests.jsonl');
      expect(r.records).toBe(88);
      expect(codes(r.dead)).toEqual(['EVENTS_RECORD_INVALID', 'EVENTS_TIME_INVALID']);
      expect(r.events.filter((e) => e.channel === 'login').length).toBeGreaterThan(30);
      expect(r.events.find((e) => e.attributes?.['country'] === 'United States')).toBeDefined();
      const brute = await read('okta-systemlog/panther-scenario-okta-add-administrator-brute_force_logins.jsonl');
      expect(brute.events.filter((e) => e.outcome === 'failure').length).toBeGreaterThan(5);
    });
  });

  describe('Linux auditd', () => {
    it('joins the raw dd event from its six lines', async () => {
      const r = await read('linux-auditd/otrf-sh-binary-padding-dd.audit.log');
      expect(r.info).toMatchObject({ format: 'auditd', framing: 'auditd' });
      expect(r.events).toHaveLength(1);
      expect(r.events[0]).toMatchObject({ action: 'execve', actor: { user: 'uid:1000', service: '/bin/dd' }, attributes: { command: 'dd if=/dev/zero bs=1 count=1', cwd: '/home/wardog' }, time: 1604996384965 });
      expect((await read('linux-auditd/otrf-sh-arp-cache.audit.log')).events).toHaveLength(2);
    });

    it('reads auoms records inside Sentinel Syslog rows', async () => {
      const r = await read('linux-auditd/otrf-log4shell-auoms-syslog.jsonl');
      expect(r.info.format).toBe('auditd');
      expect(r.events).toHaveLength(50);
      expect(r.events.every((e) => e.tenant === 'UBUNTU5')).toBe(true);
      // auid is unset (4294967295), so the process's own user names the actor.
      expect(new Set(r.events.map((e) => e.actor.user))).toEqual(new Set(['tomcat', 'nobody']));
    });
  });

  describe('Windows events', () => {
    it('reads the EVTX JSON rendering: the 6416 print queue is print, not removable media', async () => {
      const r = await read('windows-events/evtx-to-mitre-id4674-6416-new-external-device.jsonl');
      expect(r.events).toHaveLength(6);
      expect(r.events.find((e) => e.action === '6416')).toMatchObject({ channel: 'print', destination: { device: expect.stringContaining('PRINTENUM') }, attributes: { device_class: 'PrintQueue', mass_storage: false } });
    });

    it('reads the NXLog capture of the SMB copy: share writes and Sysmon file creation', async () => {
      const r = await read('windows-events/otrf-covenant-copy-smb-createrequest.jsonl');
      expect(r.events).toHaveLength(506);
      expect(r.events.filter((e) => e.action === '5145').some((e) => e.object?.path?.endsWith('GruntHTTP.exe'))).toBe(true);
      expect(r.events.some((e) => e.action === '11' && e.channel === 'write' && e.object?.path === 'C:\\ProgramData\\GruntHTTP.exe')).toBe(true);
    });

    it('keeps the removable-storage baseline free of removable-media events', async () => {
      const r = await read('windows-events/otrf-removable-storage-and-pnp.jsonl');
      expect(r.events).toHaveLength(38);
      expect(r.events.filter((e) => e.channel === 'removable_media')).toEqual([]);
      expect(r.events.filter((e) => e.attributes?.['removable'] === true).length).toBe(31);
    });

    it('refuses the binary .evtx and the XML rendering with a reason that says what to do', async () => {
      const evtx = await read('windows-events/evtx-to-mitre-id4674-6416-new-external-device.evtx');
      expect(evtx.dead).toEqual([expect.objectContaining({ code: 'EVENTS_FORMAT_UNKNOWN', reason: expect.stringContaining('evtx') })]);
      const xml = await read('windows-events/evtx-to-mitre-id4674-6416-new-external-device.xml');
      expect(xml.dead).toEqual([expect.objectContaining({ code: 'EVENTS_FORMAT_UNKNOWN', reason: expect.stringContaining('JSON') })]);
    });
  });
});
