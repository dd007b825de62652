// The audit ledger over HTTP. `/ledger/checkpoint` and `/ledger/tile/...` serve the
// log read-only in the C2SP tlog-tiles layout, so any tlog-tiles client (our own
// `leakwatch ledger verify --log URL` or a witness) can audit it; the JSON routes
// give proofs, decoded entries, a verification run and the witnesses' status.
import type { FastifyInstance } from 'fastify';
import { LeakwatchError, errorMessage, isLeakwatchError } from '../../errors/index.js';
import {
  CHECKPOINT_PATH,
  DiskTileStorage,
  decodeRecord,
  leafHash,
  openNote,
  parseCheckpoint,
  parseTilePath,
  parseVerifierKey,
  verifyLog,
  type Ledger,
  type NoteVerifier,
} from '../../ledger/index.js';
import type { ServerContext } from '../context.js';
import { AUTH_ERRORS } from '../schemas.js';

/** The platform ledger as the server holds it. */
export interface ServerLedger {
  readonly dir: string;
  readonly log: Ledger;
  readonly origin: string;
  readonly verifier: NoteVerifier;
  /** The verifier key in `name+keyid+base64` form, for auditors and witnesses. */
  readonly verifierKey: string;
}

export interface WitnessState {
  readonly name: string;
  readonly vkey: string;
  lastSize: number | null;
  lastSeenAt: number | null;
  ok: boolean | null;
}

export interface LedgerStatus {
  lastVerifiedAt: number | null;
  verified: boolean | null;
  problem: string | null;
  witnesses: WitnessState[];
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const INT = { type: 'integer', minimum: 0 } as const;

export function ledgerRoutes(app: FastifyInstance, ctx: ServerContext & { ledger: ServerLedger; ledgerStatus: LedgerStatus; saveLedgerStatus: () => Promise<void> }): void {
  const { ledger, ledgerStatus: status } = ctx;
  const files = new DiskTileStorage(ledger.dir);
  const size = () => ledger.log.integratedSize;

  app.get('/ledger/checkpoint', { config: { access: 'ledger' }, schema: { tags: ['ledger'], summary: 'The latest signed checkpoint (C2SP tlog-checkpoint, signed note)' } }, async (_request, reply) => {
    const note = await files.read(CHECKPOINT_PATH);
    if (!note) throw new LeakwatchError('SERVER_NOT_FOUND', 'the ledger has no checkpoint yet');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(note);
  });

  app.get<{ Params: { '*': string } }>('/ledger/tile/*', { config: { access: 'ledger' }, schema: { tags: ['ledger'], summary: 'A tile or entry bundle (C2SP tlog-tiles)' } }, async (request, reply) => {
    const path = `tile/${request.params['*']}`;
    try {
      parseTilePath(path);
    } catch (err) {
      if (isLeakwatchError(err)) throw new LeakwatchError('SERVER_NOT_FOUND', `not a tile path: ${err.message}`);
      throw err;
    }
    const body = await files.read(path);
    if (!body) throw new LeakwatchError('SERVER_NOT_FOUND', `no tile ${path}`);
    // Full tiles never change; partial ones are replaced as the log grows.
    const cache = path.includes('.p/') ? 'private, max-age=60' : 'private, max-age=31536000, immutable';
    return reply.type('application/octet-stream').header('cache-control', cache).send(body);
  });

  app.get(
    '/api/v1/ledger',
    {
      config: { access: 'ledger' },
      schema: {
        tags: ['ledger'],
        summary: 'The log: origin, verifier key, size, and the last verification',
        response: {
          200: {
            type: 'object',
            required: ['origin', 'verifierKey', 'size', 'lastVerifiedAt', 'verified'],
            properties: { origin: { type: 'string' }, verifierKey: { type: 'string' }, size: { type: 'integer' }, checkpoint: { type: 'string' }, lastVerifiedAt: { type: ['integer', 'null'] }, verified: { type: ['boolean', 'null'] }, problem: { type: ['string', 'null'] } },
          },
          ...AUTH_ERRORS,
        },
      },
    },
    async () => ({ origin: ledger.origin, verifierKey: ledger.verifierKey, size: size(), checkpoint: (await files.read(CHECKPOINT_PATH))?.toString('utf8'), lastVerifiedAt: status.lastVerifiedAt, verified: status.verified, problem: status.problem }),
  );

  app.get<{ Querystring: { index: number; size?: number } }>(
    '/api/v1/ledger/proof/inclusion',
    {
      config: { access: 'ledger' },
      schema: {
        tags: ['ledger'],
        summary: 'Inclusion proof of an entry (RFC 6962 §2.1.1), hex hashes',
        querystring: { type: 'object', required: ['index'], properties: { index: INT, size: INT } },
        response: { 200: { type: 'object', required: ['index', 'size', 'leafHash', 'proof'], properties: { index: INT, size: INT, leafHash: { type: 'string' }, proof: { type: 'array', items: { type: 'string' } } } }, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const n = request.query.size ?? size();
      if (request.query.index >= n || n > size()) throw new LeakwatchError('SERVER_BAD_REQUEST', `index must be below size, and size at most ${size()}`);
      const [proof, entry] = await Promise.all([ledger.log.inclusionProof(request.query.index, n), ledger.log.entry(request.query.index)]);
      return { index: request.query.index, size: n, leafHash: hex(leafHash(entry)), proof: proof.map(hex) };
    },
  );

  app.get<{ Querystring: { from: number; to?: number } }>(
    '/api/v1/ledger/proof/consistency',
    {
      config: { access: 'ledger' },
      schema: {
        tags: ['ledger'],
        summary: 'Consistency proof between two tree sizes (RFC 6962 §2.1.2), hex hashes',
        querystring: { type: 'object', required: ['from'], properties: { from: INT, to: INT } },
        response: { 200: { type: 'object', required: ['from', 'to', 'proof'], properties: { from: INT, to: INT, proof: { type: 'array', items: { type: 'string' } } } }, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const to = request.query.to ?? size();
      if (request.query.from < 1 || request.query.from > to || to > size()) throw new LeakwatchError('SERVER_BAD_REQUEST', `need 1 <= from <= to <= ${size()}`);
      return { from: request.query.from, to, proof: (await ledger.log.consistencyProof(request.query.from, to)).map(hex) };
    },
  );

  app.get<{ Querystring: { from?: number; limit: number } }>(
    '/api/v1/ledger/entries',
    {
      config: { access: 'ledger' },
      schema: {
        tags: ['ledger'],
        summary: 'Decoded entries: from `from` upwards, or the newest when `from` is left out',
        querystring: { type: 'object', properties: { from: INT, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } },
        response: {
          200: {
            type: 'object',
            required: ['size', 'entries'],
            properties: {
              size: INT,
              entries: { type: 'array', items: { type: 'object', required: ['index', 'record'], properties: { index: INT, record: { type: ['object', 'null'], additionalProperties: true }, undecodable: { type: 'boolean' } } } },
            },
          },
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const n = size();
      const { from, limit } = request.query;
      const indices: number[] = [];
      if (from === undefined) for (let i = n - 1; i >= 0 && indices.length < limit; i--) indices.push(i);
      else for (let i = from; i < n && indices.length < limit; i++) indices.push(i);
      const entries = await Promise.all(
        indices.map(async (index) => {
          const raw = await ledger.log.entry(index);
          try {
            const record = decodeRecord(raw);
            // Times go out as epoch ms like everywhere else in the API; the entry itself keeps its RFC 3339 string.
            return { index, record: { ...record, at: Date.parse(record.at) } as unknown as Record<string, unknown> };
          } catch {
            return { index, record: null, undecodable: true };
          }
        }),
      );
      return { size: n, entries };
    },
  );

  app.post('/api/v1/ledger/verify', { config: { access: 'ledger' }, schema: { tags: ['ledger'], summary: 'Recompute the whole tree from the entries and check every tile and the checkpoint signature' } }, async (request) => {
    const checkedAt = ctx.now();
    try {
      const result = await verifyLog(files, ledger.verifier);
      Object.assign(status, { lastVerifiedAt: checkedAt, verified: true, problem: null });
      await ctx.saveLedgerStatus();
      return { ok: true, size: result.size, rootHash: hex(result.rootHash), checkedAt, files: result.files };
    } catch (err) {
      const problem = isLeakwatchError(err) ? `${err.code}: ${err.message}` : errorMessage(err);
      Object.assign(status, { lastVerifiedAt: checkedAt, verified: false, problem });
      await ctx.saveLedgerStatus();
      ctx.audit({ kind: 'ledger.verify_failed', actor: request.principal!.name, subject: `ledger:${ledger.origin}`, data: { problem } });
      return { ok: false, size: size(), checkedAt, problem };
    }
  });

  app.get('/api/v1/ledger/witnesses', { config: { access: 'ledger' }, schema: { tags: ['ledger'], summary: 'Witnesses known to this server and the last checkpoint each cosigned' } }, async () => ({
    witnesses: status.witnesses.map(({ name, lastSize, lastSeenAt, ok, vkey }) => ({ name, vkey, lastSize, lastSeenAt, ok })),
  }));

  app.post<{ Body: { vkey: string } }>(
    '/api/v1/ledger/witnesses',
    {
      config: { access: 'admin' },
      schema: { tags: ['ledger'], summary: "Register a witness by its cosignature/v1 verifier key (`leakwatch ledger witness` prints it)", body: { type: 'object', required: ['vkey'], additionalProperties: false, properties: { vkey: { type: 'string', maxLength: 512 } } } },
    },
    async (request, reply) => {
      let v: NoteVerifier;
      try {
        v = parseVerifierKey(request.body.vkey);
      } catch (err) {
        throw new LeakwatchError('SERVER_BAD_REQUEST', `not a verifier key: ${errorMessage(err)}`);
      }
      if (status.witnesses.some((w) => w.name === v.name)) throw new LeakwatchError('STORE_CONFLICT', `a witness named ${v.name} is registered`);
      status.witnesses.push({ name: v.name, vkey: request.body.vkey, lastSize: null, lastSeenAt: null, ok: null });
      await ctx.saveLedgerStatus();
      ctx.audit({ kind: 'ledger.witness_added', actor: request.principal!.name, subject: `witness:${v.name}`, data: { vkey: request.body.vkey } });
      return reply.code(201).send({ name: v.name });
    },
  );

  app.post<{ Body: string }>(
    '/api/v1/ledger/cosignatures',
    { config: { access: 'ledger' }, schema: { tags: ['ledger'], summary: "A witness hands in the log's checkpoint with its cosignature added (text/plain)" } },
    async (request) => {
      const text = typeof request.body === 'string' ? request.body : '';
      const verifiers = [ledger.verifier, ...status.witnesses.map((w) => parseVerifierKey(w.vkey))];
      let opened;
      try {
        opened = openNote(text, verifiers);
      } catch (err) {
        throw new LeakwatchError('SERVER_BAD_REQUEST', `not a note signed by this log: ${errorMessage(err)}`);
      }
      if (!opened.verified.some((s) => s.name === ledger.verifier.name)) throw new LeakwatchError('SERVER_BAD_REQUEST', 'the note is not signed by this log');
      const checkpoint = parseCheckpoint(opened.text);
      if (checkpoint.origin !== ledger.origin || checkpoint.size > size()) throw new LeakwatchError('SERVER_BAD_REQUEST', 'the checkpoint is not one this log published');
      const cosigners = opened.verified.filter((s) => s.name !== ledger.verifier.name).map((s) => s.name);
      if (cosigners.length === 0) throw new LeakwatchError('SERVER_BAD_REQUEST', 'no cosignature by a registered witness');
      for (const w of status.witnesses) {
        if (!cosigners.includes(w.name)) continue;
        Object.assign(w, { lastSize: Math.max(w.lastSize ?? 0, checkpoint.size), lastSeenAt: ctx.now(), ok: true });
      }
      await ctx.saveLedgerStatus();
      return { accepted: cosigners, size: checkpoint.size };
    },
  );
}
