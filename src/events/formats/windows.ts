// Windows Security, Sysmon and device events rendered as JSON: EVTX exports
// (`{System, EventData}` or evtx_dump's `{Event: {...}}`), Winlogbeat
// (`winlog.event_data`), NXLog and Sentinel rows (event data at top level).
// Object access (4663), new external devices (6416), share access (5140/5145),
// Sysmon file and network events, audit-log clearing and printing get channels.
import type { Channel, DataEvent, Outcome } from '../data-event.js';
import { build, get, hashId, isRecord, lower, num, parseTime, recordError, str, type Attributes, type Rec } from './fields.js';
import type { FormatParser, ParseContext, RecordInput } from './format.js';

interface WinEvent {
  eventId: number;
  provider: string | undefined;
  channel: string | undefined;
  computer: string | undefined;
  recordId: string | undefined;
  time: number | undefined;
  timeNote: string | undefined;
  data: Rec;
  category: string | undefined;
  task: number | undefined;
  keywords: string | undefined;
}

const MASS_STORAGE = /^(diskdrive|volume|wpd|usb|cdrom|floppydisk|floppy|scsiadapter|tapedrive|portable devices|sdhost|wpdbusenum|usbstor)$/i;
const PRINTERS = /^(printqueue|printer)$/i;

/** EventData as a flat record, whatever the renderer did with <Data Name="...">. */
function eventData(v: unknown): Rec {
  if (!isRecord(v)) return {};
  const data = v['Data'];
  if (Array.isArray(data)) {
    const out: Rec = {};
    data.forEach((d, i) => {
      const name = str(get(d, '@Name')) ?? str(get(d, 'Name')) ?? str(get(get(d, '#attributes'), 'Name'));
      const value = isRecord(d) ? (d['#text'] ?? d['text'] ?? d['Value']) : d;
      out[name ?? `Data${i}`] = value;
    });
    return out;
  }
  return v;
}

function textOf(v: unknown): string | undefined {
  if (isRecord(v)) return str(v['#text']) ?? str(v['text']) ?? str(v['value']);
  return str(v);
}

/** Offset of local time from UTC for NXLog records: @timestamp (UTC) minus EventReceivedTime (local), to 15 minutes. */
function nxlogOffset(r: Rec): number | undefined {
  const utc = parseTime(r['@timestamp']);
  const local = parseTime(r['EventReceivedTime']);
  if (utc === undefined || local === undefined || Number.isNaN(utc) || Number.isNaN(local)) return undefined;
  const quarter = 15 * 60_000;
  const off = Math.round((utc - local) / quarter) * quarter;
  return Math.abs(off) <= 14 * 3_600_000 ? off : undefined;
}

/** Normalises the four JSON renderings to one shape. */
export function windowsEvent(v: unknown): WinEvent | undefined {
  if (!isRecord(v)) return undefined;
  const root = isRecord(v['Event']) ? v['Event'] : v;
  const system = get(root, 'System');
  if (isRecord(system)) {
    const tc = get(system, 'TimeCreated');
    const provider = get(system, 'Provider');
    const eventId = num(textOf(get(system, 'EventID')));
    if (eventId === undefined) return undefined;
    const rawTime = str(get(tc, 'SystemTime')) ?? str(get(get(tc, '#attributes'), 'SystemTime')) ?? str(tc);
    return {
      eventId,
      provider: str(get(provider, 'Name')) ?? str(get(get(provider, '#attributes'), 'Name')) ?? str(provider),
      channel: textOf(get(system, 'Channel')),
      computer: textOf(get(system, 'Computer')),
      recordId: textOf(get(system, 'EventRecordID')),
      time: parseTime(rawTime),
      timeNote: undefined,
      data: { ...eventData(get(root, 'EventData')), ...eventData(get(root, 'UserData')) },
      category: undefined,
      task: num(textOf(get(system, 'Task'))),
      keywords: textOf(get(system, 'Keywords')),
    };
  }
  const winlog = get(v, 'winlog');
  if (isRecord(winlog)) {
    const eventId = num(get(winlog, 'event_id')) ?? num(get(get(v, 'event'), 'code'));
    if (eventId === undefined) return undefined;
    return {
      eventId,
      provider: str(get(winlog, 'provider_name')),
      channel: str(get(winlog, 'channel')),
      computer: str(get(winlog, 'computer_name')) ?? str(get(get(v, 'host'), 'name')),
      recordId: str(get(winlog, 'record_id')),
      time: parseTime(v['@timestamp'] ?? get(get(v, 'event'), 'created')),
      timeNote: undefined,
      data: { ...(isRecord(get(winlog, 'event_data')) ? (get(winlog, 'event_data') as Rec) : {}), ...(isRecord(get(winlog, 'user_data')) ? (get(winlog, 'user_data') as Rec) : {}) },
      category: str(get(winlog, 'task')),
      task: undefined,
      keywords: undefined,
    };
  }
  const eventId = num(get(v, 'EventID')) ?? num(textOf(get(v, 'EventID'))) ?? num(get(v, 'EventId')) ?? num(get(v, 'event_id'));
  if (eventId === undefined) return undefined;
  let time: number | undefined;
  let timeNote: string | undefined;
  const sysmonUtc = parseTime(v['UtcTime']);
  if (v['TimeGenerated'] !== undefined && v['SourceModuleType'] === undefined) time = parseTime(v['TimeGenerated']);
  else if (sysmonUtc !== undefined && !Number.isNaN(sysmonUtc)) time = sysmonUtc;
  else if (v['EventTime'] !== undefined) {
    const local = parseTime(v['EventTime']);
    const off = nxlogOffset(v);
    if (local !== undefined && !Number.isNaN(local) && off !== undefined) {
      time = local + off;
      timeNote = 'local EventTime shifted by the @timestamp offset';
    } else {
      time = local;
      timeNote = 'EventTime read as UTC';
    }
  } else time = parseTime(v['@timestamp'] ?? v['TimeCreated'] ?? v['timestamp']);
  return {
    eventId,
    provider: str(v['SourceName']) ?? str(v['ProviderName']) ?? str(v['Provider']) ?? str(v['EventSourceName']),
    channel: str(v['Channel']),
    computer: str(v['Hostname']) ?? str(v['Computer']) ?? str(v['ComputerName']) ?? str(v['host']),
    recordId: str(v['RecordNumber']) ?? str(v['EventRecordID']) ?? str(v['RecordId']),
    time,
    timeNote,
    data: v,
    category: str(v['Category']) ?? str(v['TaskCategory']),
    task: num(v['Task']),
    keywords: str(v['Keywords']),
  };
}

/** Read, write and delete bits of an access mask (file objects). */
function accessOf(data: Rec): { read: boolean; write: boolean; delete: boolean } {
  const mask = str(data['AccessMask']);
  const m = mask ? Number.parseInt(mask, mask.startsWith('0x') ? 16 : 10) : Number.NaN;
  const list = (str(data['AccessList']) ?? '') + ' ' + (str(data['Accesses']) ?? '');
  if (Number.isFinite(m)) return { read: (m & 0x1) !== 0, write: (m & 0x6) !== 0 || (m & 0x40000000) !== 0, delete: (m & 0x10000) !== 0 };
  return { read: /%%4416|ReadData/.test(list), write: /%%4417|%%4418|WriteData|AppendData/.test(list), delete: /%%1537|DELETE/.test(list) };
}

function userOf(data: Rec, logon: boolean): string | undefined {
  const pick = (name: string, domain: string) => {
    const u = str(data[name]);
    if (!u || u === '-' || u === 'ANONYMOUS LOGON') return undefined;
    const d = str(data[domain]);
    return (d && d !== '-' ? `${d}\\${u}` : u).toLowerCase();
  };
  if (logon) return pick('TargetUserName', 'TargetDomainName') ?? pick('SubjectUserName', 'SubjectDomainName');
  return pick('SubjectUserName', 'SubjectDomainName') ?? pick('AccountName', 'Domain') ?? lower(data['User']) ?? pick('TargetUserName', 'TargetDomainName') ?? lower(data['UserID']);
}

function mapEvent(w: WinEvent, raw: unknown, ctx: ParseContext): DataEvent {
  const d = w.data;
  const provider = w.provider ?? '';
  const sysmon = /sysmon/i.test(provider);
  const attrs: Attributes = { event_id: w.eventId };
  if (provider) attrs['provider'] = provider;
  if (w.channel) attrs['log'] = w.channel;
  if (w.category) attrs['category'] = w.category;
  if (w.timeNote) attrs['time_note'] = w.timeNote;
  let channel: Channel = 'other';
  let outcome: Outcome = 'unknown';
  let path: string | undefined;
  let kind: string | undefined;
  let destination: { device?: string; ip?: string; domain?: string; account?: string } | undefined;
  let bytes: number | undefined;
  let logon = false;
  const process = str(d['ProcessName']) ?? str(d['Image']) ?? str(d['NewProcessName']) ?? str(d['Application']);
  if (process) attrs['process'] = process;
  const removableTask = w.task === 12812 || /removable storage/i.test(w.category ?? '');
  const id = w.eventId;
  if (sysmon) {
    if (id === 1) {
      const cmd = str(d['CommandLine']);
      if (cmd) attrs['command'] = cmd.slice(0, 1000);
    } else if (id === 3) {
      channel = 'network';
      destination = { ip: str(d['DestinationIp']), domain: lower(d['DestinationHostname']) };
      const port = num(d['DestinationPort']);
      if (port !== undefined) attrs['dest_port'] = port;
    } else if (id === 11) {
      channel = 'write';
      path = str(d['TargetFilename']);
      kind = 'file';
    } else if (id === 23 || id === 26) {
      channel = 'delete';
      path = str(d['TargetFilename']);
      kind = 'file';
    } else if (id === 22) {
      channel = 'network';
      destination = { domain: lower(d['QueryName']) };
    }
  } else if (/printservice/i.test(provider) && id === 307) {
    channel = 'print';
    path = str(d['Param2']);
    kind = 'document';
    destination = { device: str(d['Param5']) };
    bytes = num(d['Param7']);
    const pages = num(d['Param8']);
    if (pages !== undefined) attrs['pages'] = pages;
  } else if (/partition\/diagnostic|partition-diagnostic/i.test(provider + (w.channel ?? '')) && id === 1006) {
    channel = 'removable_media';
    destination = { device: str(d['SerialNumber']) ?? str(d['DiskId']) };
    attrs['mass_storage'] = true;
    for (const k of ['Manufacturer', 'Model', 'Capacity', 'BusType']) if (str(d[k])) attrs[k.toLowerCase()] = str(d[k])!;
  } else
    switch (id) {
      case 4624:
      case 4625:
      case 4634:
      case 4647:
      case 4648:
      case 4672:
      case 4776:
      case 4768:
      case 4769:
      case 4771:
        channel = 'login';
        logon = true;
        outcome = id === 4625 || id === 4771 || (id === 4776 && str(d['Status']) !== '0x0') ? 'failure' : 'success';
        if (str(d['LogonType'])) attrs['logon_type'] = str(d['LogonType'])!;
        break;
      case 4663:
      case 4656:
      case 4658: {
        const acc = accessOf(d);
        path = str(d['ObjectName']);
        kind = lower(d['ObjectType']);
        attrs['access'] = acc.write ? 'write' : acc.delete ? 'delete' : 'read';
        if (removableTask) attrs['removable'] = true;
        if (id === 4663) channel = removableTask ? 'removable_media' : acc.write ? 'write' : acc.delete ? 'delete' : 'read';
        if (removableTask) destination = { device: path };
        break;
      }
      case 6416: {
        const cls = str(d['ClassName']) ?? '';
        const massStorage = MASS_STORAGE.test(cls);
        channel = massStorage ? 'removable_media' : PRINTERS.test(cls) ? 'print' : 'other';
        destination = { device: str(d['DeviceId']) };
        path = str(d['DeviceDescription']);
        kind = 'device';
        attrs['device_class'] = cls;
        attrs['mass_storage'] = massStorage;
        const vendor = str(d['VendorIds'])?.trim().split(/\s+/)[0];
        if (vendor) attrs['vendor_id'] = vendor;
        break;
      }
      case 5140:
      case 5145: {
        const acc = accessOf(d);
        channel = id === 5145 && acc.write ? 'write' : id === 5145 && acc.delete ? 'delete' : 'read';
        const share = str(d['ShareName']);
        if (share) attrs['share_name'] = share;
        const local = str(d['ShareLocalPath'])?.replace(/^\\\?\?\\/, '');
        const rel = str(d['RelativeTargetName']);
        path = local && rel ? `${local.replace(/\\$/, '')}\\${rel}` : (rel ?? local ?? share);
        kind = 'file';
        attrs['network_share'] = true;
        attrs['access'] = acc.write ? 'write' : acc.delete ? 'delete' : 'read';
        break;
      }
      case 4720:
      case 4722:
      case 4723:
      case 4724:
      case 4725:
      case 4726:
      case 4738:
      case 4740:
      case 4767:
        channel = 'admin';
        destination = { account: lower(d['TargetUserName']) };
        break;
      case 4728:
      case 4732:
      case 4756:
      case 4704:
        channel = 'permission_change';
        destination = { account: lower(d['MemberName']) ?? lower(d['TargetUserName']) };
        attrs['group'] = str(d['TargetUserName']) ?? '';
        break;
      case 1102:
      case 1100:
      case 4719:
      case 4906:
      case 4912:
        channel = 'logging_change';
        attrs['logging_disabled'] = id === 1102 || id === 1100;
        break;
      case 4688: {
        const cmd = str(d['CommandLine']);
        if (cmd) attrs['command'] = cmd.slice(0, 1000);
        break;
      }
      case 5156:
      case 5158:
        channel = 'network';
        destination = { ip: str(d['DestAddress']) };
        if (num(d['DestPort']) !== undefined) attrs['dest_port'] = num(d['DestPort'])!;
        break;
      case 2003:
      case 2100:
        if (/driverframeworks/i.test(provider)) {
          channel = 'removable_media';
          destination = { device: str(d['InstanceId']) ?? str(d['DeviceId']) };
        }
        break;
    }
  if (outcome === 'unknown') {
    const k = w.keywords ?? str(d['EventType']) ?? '';
    if (/AUDIT_SUCCESS|0x8020/i.test(k)) outcome = 'success';
    else if (/AUDIT_FAILURE|0x8010/i.test(k)) outcome = 'failure';
  }
  const computer = lower(w.computer);
  const ip = str(d['IpAddress']) ?? str(d['SourceAddress']) ?? str(d['SourceIp']) ?? str(d['ClientAddress']);
  return build({
    id: w.recordId && computer ? `windows:${computer}:${(w.channel ?? provider).toLowerCase()}:${w.recordId}` : hashId('windows', raw),
    time: w.time,
    ingestTime: ctx.ingestTime,
    source: 'windows',
    action: String(w.eventId),
    channel,
    actor: { user: userOf(d, logon), ip: ip && ip !== '-' ? ip.replace(/^::ffff:/, '') : undefined, service: process },
    object: { path, kind },
    destination,
    bytes,
    outcome,
    tenant: computer,
    attributes: attrs,
    raw,
  });
}

export const windowsParser: FormatParser = {
  format: 'windows',
  parse(input: RecordInput, ctx: ParseContext): DataEvent[] {
    if (input.kind !== 'json') throw recordError('EVENTS_RECORD_INVALID', 'Windows events are read as JSON renderings (EVTX JSON, Winlogbeat, NXLog)');
    const w = windowsEvent(input.value);
    if (!w) throw recordError('EVENTS_RECORD_INVALID', 'the record has no Windows EventID');
    return [mapEvent(w, input.value, ctx)];
  },
};
