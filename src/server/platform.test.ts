import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpTileSource, witnessLog } from '../ledger/index.js';
import { signIn, stopLoggingRecord, testPlatform } from './test-support.js';

let p: Awaited<ReturnType<typeof testPlatform>>;
let admin: Awaited<ReturnType<typeof signIn>>;
beforeEach(async () => {
  p = await testPlatform();
  admin = await signIn(p.platform);
});
afterEach(async () => {
  await p.close();
});

async function ingestToken(): Promise<Record<string, string>> {
  const res = await p.platform.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'shipper', scopes: ['ingest'] } });
  return { authorization: `Bearer ${(res.json() as { token: string }).token}` };
}

async function ledgerKinds(): Promise<string[]> {
  await p.platform.ctx.ledger.log.integrateAll();
  const res = await p.platform.app.inject({ method: 'GET', url: '/api/v1/ledger/entries?limit=500', headers: admin.headers });
  return (res.json() as { entries: Array<{ record: { kind: string } }> }).entries.map((e) => e.record.kind);
}

describe('pushing events over HTTP', () => {
  it('stores a CloudTrail batch once, raises the alert, and counts a second push as duplicates', async () => {
    const token = await ingestToken();
    const body = stopLoggingRecord();
    const first = await p.platform.app.inject({ method: 'POST', url: '/api/v1/events?format=cloudtrail', headers: { ...token, 'content-type': 'application/json' }, payload: body });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ records: 1, accepted: 1, duplicate: 0, dead_lettered: 0 });
    const again = await p.platform.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...token, 'content-type': 'application/json' }, payload: body });
    expect(again.json()).toMatchObject({ accepted: 0, duplicate: 1 });
    const alerts = (await p.platform.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: admin.headers })).json() as { alerts: Array<{ id: string; actor: string; channel: string; severity: string }> };
    expect(alerts.alerts).toHaveLength(1);
    expect(alerts.alerts[0]).toMatchObject({ channel: 'logging_change' });
    expect(alerts.alerts[0]!.actor).toContain('mallory');
    const detail = (await p.platform.app.inject({ method: 'GET', url: `/api/v1/alerts/${alerts.alerts[0]!.id}`, headers: admin.headers })).json() as { events: Array<{ action: string }>; timeline: unknown[] };
    expect(detail.events.map((e) => e.action)).toEqual(['StopLogging']);
    expect(await ledgerKinds()).toContain('alert.raised');
  });

  it('dead-letters malformed NDJSON lines with counts and keeps the good ones', async () => {
    const token = await ingestToken();
    const good = JSON.parse(stopLoggingRecord()).Records[0];
    const payload = `${JSON.stringify(good)}\n{"eventName": \n${JSON.stringify({ ...good, eventID: 'aaaaaaaa-0000-4000-8000-000000000002' })}\n`;
    const res = await p.platform.app.inject({ method: 'POST', url: '/api/v1/events?format=cloudtrail', headers: { ...token, 'content-type': 'application/x-ndjson' }, payload });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 2, dead_lettered: 1 });
  });

  it('refuses an unknown format, a wrong content type, and a session without the ingest permission', async () => {
    const token = await ingestToken();
    const unknown = await p.platform.app.inject({ method: 'POST', url: '/api/v1/events?format=syslog', headers: { ...token, 'content-type': 'application/json' }, payload: '[]' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    const type = await p.platform.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...token, 'content-type': 'image/png' }, payload: 'x' });
    expect([type.statusCode, type.json().code]).toEqual([415, 'SERVER_UNSUPPORTED_MEDIA_TYPE']);
    const read = (await p.platform.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'reader', scopes: ['read'] } })).json() as { token: string };
    const denied = await p.platform.app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${read.token}`, 'content-type': 'application/json' }, payload: stopLoggingRecord() });
    expect(denied.json().code).toBe('AUTH_FORBIDDEN');
    expect((await p.platform.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: admin.headers })).json().alerts).toHaveLength(0);
  });
});

describe('triage', () => {
  it('acknowledges and closes an alert with a comment, and writes each change to the ledger', async () => {
    const token = await ingestToken();
    await p.platform.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...token, 'content-type': 'application/json' }, payload: stopLoggingRecord() });
    const [alert] = (await p.platform.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: admin.headers })).json().alerts as Array<{ id: string }>;
    const ack = await p.platform.app.inject({ method: 'PATCH', url: `/api/v1/alerts/${alert!.id}`, headers: admin.headers, payload: { status: 'acknowledged', comment: 'looking into it' } });
    expect(ack.json()).toMatchObject({ status: 'acknowledged' });
    await p.platform.app.inject({ method: 'PATCH', url: `/api/v1/alerts/${alert!.id}`, headers: admin.headers, payload: { status: 'closed', comment: 'change ticket CHG-1' } });
    const detail = (await p.platform.app.inject({ method: 'GET', url: `/api/v1/alerts/${alert!.id}`, headers: admin.headers })).json() as { alert: { status: string }; comments: Array<{ action: string; text: string; by: string }> };
    expect(detail.alert.status).toBe('closed');
    expect(detail.comments.map((c) => [c.action, c.text, c.by])).toEqual([
      ['acknowledged', 'looking into it', 'admin'],
      ['closed', 'change ticket CHG-1', 'admin'],
    ]);
    expect((await ledgerKinds()).filter((k) => k === 'alert.updated')).toHaveLength(2);
  });
});

describe('the live alert stream', () => {
  it('sends a new alert to a connected dashboard as a server-sent event', async () => {
    const address = await p.platform.app.listen({ port: 0, host: '127.0.0.1' });
    const token = await ingestToken();
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${address}/api/v1/alerts/stream`, { headers: { cookie: admin.cookie } }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        let buffer = '';
        res.on('data', (d: Buffer) => {
          buffer += d.toString();
          const m = buffer.match(/event: alert\ndata: (.*)\n\n/);
          if (m) {
            resolve(m[1]!);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    await fetch(`${address}/api/v1/events`, { method: 'POST', headers: { ...token, 'content-type': 'application/json' }, body: stopLoggingRecord() });
    const alert = JSON.parse(await received) as { channel: string; status: string };
    expect(alert).toMatchObject({ channel: 'logging_change', status: 'open' });
  });
});

describe('the ledger over HTTP', () => {
  it('serves the signed checkpoint and tiles, proofs that verify, and a verification run', async () => {
    const kinds = await ledgerKinds();
    expect(kinds).toEqual(expect.arrayContaining(['account.setup', 'auth.login']));
    const checkpoint = await p.platform.app.inject({ method: 'GET', url: '/ledger/checkpoint', headers: admin.headers });
    expect(checkpoint.statusCode).toBe(200);
    const lines = checkpoint.body.split('\n');
    expect(lines[0]).toBe(p.platform.ctx.ledger.origin);
    const size = Number(lines[1]);
    expect(size).toBeGreaterThanOrEqual(2);
    const bundle = await p.platform.app.inject({ method: 'GET', url: `/ledger/tile/entries/000.p/${size}`, headers: admin.headers });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['cache-control']).toContain('max-age=60');
    expect((await p.platform.app.inject({ method: 'GET', url: '/ledger/tile/../../private/signing.key', headers: admin.headers })).statusCode).toBe(404);
    const proof = await p.platform.app.inject({ method: 'GET', url: `/api/v1/ledger/proof/inclusion?index=0&size=${size}`, headers: admin.headers });
    expect(proof.json()).toMatchObject({ index: 0, size });
    const verify = await p.platform.app.inject({ method: 'POST', url: '/api/v1/ledger/verify', headers: admin.headers });
    expect(verify.json()).toMatchObject({ ok: true, size: expect.any(Number) });
    const overview = (await p.platform.app.inject({ method: 'GET', url: '/api/v1/overview', headers: admin.headers })).json() as { ledger: { verified: boolean } };
    expect(overview.ledger.verified).toBe(true);
  });
});

describe('a witness of the served ledger', () => {
  it('reads the tiles over HTTP with a read token, cosigns, and hands the cosignature back', async () => {
    const address = await p.platform.app.listen({ port: 0, host: '127.0.0.1' });
    const read = (await p.platform.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'witness', scopes: ['read'] } })).json() as { token: string };
    await p.platform.ctx.ledger.log.integrateAll();
    const state = mkdtempSync(join(tmpdir(), 'lw-witness-'));
    try {
      const withoutToken = witnessLog({ stateDir: state, source: new HttpTileSource(`${address}/ledger`), logKey: p.platform.ctx.ledger.verifier, name: 'witness.example' });
      await expect(withoutToken).rejects.toMatchObject({ code: 'LEDGER_FETCH_FAILED' });
      const result = await witnessLog({ stateDir: state, source: new HttpTileSource(`${address}/ledger`, undefined, read.token), logKey: p.platform.ctx.ledger.verifier, name: 'witness.example' });
      const registered = await p.platform.app.inject({ method: 'POST', url: '/api/v1/ledger/witnesses', headers: admin.headers, payload: { vkey: result.witnessKey } });
      expect(registered.statusCode).toBe(201);
      const handed = await p.platform.app.inject({ method: 'POST', url: '/api/v1/ledger/cosignatures', headers: { authorization: `Bearer ${read.token}`, 'content-type': 'text/plain' }, payload: result.cosigned });
      expect(handed.json()).toMatchObject({ accepted: ['witness.example'], size: result.checkpoint.size });
      const forged = await p.platform.app.inject({ method: 'POST', url: '/api/v1/ledger/cosignatures', headers: { authorization: `Bearer ${read.token}`, 'content-type': 'text/plain' }, payload: result.cosigned.replace(/\n\n/, '\nextra line\n\n') });
      expect(forged.statusCode).toBe(400);
      const witnesses = (await p.platform.app.inject({ method: 'GET', url: '/api/v1/ledger/witnesses', headers: admin.headers })).json() as { witnesses: Array<{ name: string; ok: boolean; lastSize: number }> };
      expect(witnesses.witnesses).toEqual([expect.objectContaining({ name: 'witness.example', ok: true, lastSize: result.checkpoint.size })]);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});

describe('an oversize event batch', () => {
  it('is refused with 413 before anything is stored', async () => {
    await p.close();
    p = await testPlatform({ ingestBodyLimit: 2048 });
    admin = await signIn(p.platform);
    const token = await ingestToken();
    const records = Array.from({ length: 6 }, (_, i) => JSON.parse(stopLoggingRecord(`user${i}`, 1, `0000000${i}-0000-4000-8000-000000000000`)).Records[0]);
    const res = await p.platform.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...token, 'content-type': 'application/x-ndjson' }, payload: records.map((r) => JSON.stringify(r)).join('\n') });
    expect([res.statusCode, res.json().code]).toEqual([413, 'SERVER_PAYLOAD_TOO_LARGE']);
    expect(await p.platform.ctx.events.store.countEvents()).toBe(0);
  });
});

describe('a chunked event batch without a declared length', () => {
  it('is spooled within the limit: stored when it fits, refused whole when it does not', async () => {
    await p.close();
    p = await testPlatform({ ingestBodyLimit: 2048 });
    admin = await signIn(p.platform);
    const token = await ingestToken();
    const address = await p.platform.app.listen({ port: 0, host: '127.0.0.1' });
    const record = (i: number) => JSON.stringify(JSON.parse(stopLoggingRecord(`user${i}`, 1, `0000000${i}-0000-4000-8000-000000000000`)).Records[0]);
    const post = (lines: string[]) =>
      fetch(`${address}/api/v1/events`, {
        method: 'POST',
        headers: { ...token, 'content-type': 'application/x-ndjson' },
        // A stream body goes out chunked, without Content-Length.
        body: new ReadableStream({ start: (c) => (lines.forEach((l) => c.enqueue(new TextEncoder().encode(l + '\n'))), c.close()) }),
        duplex: 'half',
      } as RequestInit);
    const small = await post([record(1)]);
    expect(await small.json()).toMatchObject({ accepted: 1 });
    const big = await post([2, 3, 4, 5, 6, 7].map(record));
    expect(big.status).toBe(413);
    expect(await p.platform.ctx.events.store.countEvents()).toBe(1);
  });
});
