import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseText } from '../parse.js';
import { loadMapping, validateMapping } from './jsonl-mapping.js';
import { INGEST } from './test-support.js';

const mapping = validateMapping({
  name: 'proxy',
  id: 'req.id',
  time: 'ts',
  timeFormat: 'epoch_ms',
  action: 'op',
  channel: { field: 'op', map: { PUT: 'upload', GET: 'download' }, default: 'network' },
  actor: { user: 'who.email', ip: 'who.ip' },
  object: { path: 'url' },
  destination: { domain: 'host' },
  bytes: 'size',
  outcome: { field: 'status', success: [200, 201], failure: [403, 500] },
  attributes: { category: 'cat', tags: 'tags' },
});

describe('generic JSONL with a field mapping', () => {
  it('maps each record by dotted paths', async () => {
    const text = [
      JSON.stringify({ req: { id: 'r-1' }, ts: 1768377600000, op: 'PUT', who: { email: 'Li@Example.com', ip: '10.0.0.5' }, url: 'https://drive.example.net/up', host: 'Drive.Example.NET', size: 5242880, status: 201, cat: 'cloud-storage', tags: ['a', 'b'] }),
      JSON.stringify({ ts: 1768377601000, op: 'CONNECT', who: { email: 'x@example.com' }, status: 500 }),
      JSON.stringify({ ts: 1768377602000 }),
    ].join('\n');
    const r = await parseText(text, { format: 'jsonl', mapping, ingestTime: INGEST });
    expect(r.events[0]).toMatchObject({
      id: 'jsonl:proxy:r-1',
      time: 1768377600000,
      source: 'jsonl',
      action: 'PUT',
      channel: 'upload',
      actor: { user: 'li@example.com', ip: '10.0.0.5' },
      destination: { domain: 'drive.example.net' },
      bytes: 5242880,
      outcome: 'success',
      tenant: 'proxy',
      attributes: { category: 'cloud-storage', tags: ['a', 'b'] },
    });
    expect(r.events[1]).toMatchObject({ channel: 'network', outcome: 'failure', id: expect.stringMatching(/^jsonl:sha256:/) });
    expect(r.deadLetters).toEqual([expect.objectContaining({ code: 'EVENTS_RECORD_INVALID', line: 3, reason: 'the record has no action at "op"' })]);
  });

  it('is used by auto-detection only for JSON no vendor parser claims', async () => {
    const r = await parseText(JSON.stringify({ ts: 1768377600000, op: 'GET' }), { mapping, ingestTime: INGEST });
    expect(r.info.format).toBe('jsonl');
  });

  it.each([
    [{ action: 'op' }, 'time: is required'],
    [{ time: 't', action: 'op', chanel: 'x' }, 'chanel: unknown field'],
    [{ time: 't', action: 'op', channel: 'exfil' }, 'channel: unknown channel "exfil"'],
    [{ time: 't', action: 'op', channel: { field: 'x', map: { a: 'nope' } } }, 'channel.map.a: unknown channel'],
    [{ time: 't', action: 'op', actor: { name: 'x' } }, 'actor.name: unknown field'],
    [{ time: 5, action: 'op' }, 'time: must be a dotted field path'],
    [[], '(root): the mapping must be an object'],
  ])('rejects %j with EVENTS_MAPPING_INVALID naming the field', (doc, message) => {
    expect(() => validateMapping(doc, 'm.yaml')).toThrow(expect.objectContaining({ code: 'EVENTS_MAPPING_INVALID', message: expect.stringContaining(message) }));
  });

  it('loads YAML and JSON files, and names the file when it is broken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-map-'));
    try {
      await writeFile(join(dir, 'ok.yaml'), 'time: ts\naction: op\nchannel: download\n');
      expect(await loadMapping(join(dir, 'ok.yaml'))).toMatchObject({ time: 'ts', channel: 'download' });
      await writeFile(join(dir, 'bad.yaml'), 'time: [unclosed\n');
      await expect(loadMapping(join(dir, 'bad.yaml'))).rejects.toMatchObject({ code: 'EVENTS_MAPPING_INVALID', message: expect.stringContaining('bad.yaml') });
      await expect(loadMapping(join(dir, 'missing.yaml'))).rejects.toMatchObject({ code: 'EVENTS_MAPPING_INVALID' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
