// C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the signed body of a log's tree
// head. Line 1 is the origin, line 2 the tree size in decimal, line 3 the root hash
// in base64, then optional non-empty extension lines; every line ends in a newline.
// Parsing is the strict reading: non-empty origin, canonical decimal uint64 size,
// a root that decodes to exactly 32 bytes, no empty extension lines.
import { LeakwatchError } from '../errors/index.js';
import { decodeBase64 } from './note-keys.js';
import { HASH_SIZE } from './rfc6962.js';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  extensions: string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const UINT64_MAX = (1n << 64n) - 1n;

function malformed(why: string): never {
  throw new LeakwatchError('LEDGER_CHECKPOINT_MALFORMED', `malformed checkpoint: ${why}`);
}

/** The checkpoint text (the part a signed note signs). */
export function formatCheckpoint(c: Checkpoint): string {
  if (!c.origin || c.origin.includes('\n')) malformed('the origin must be one non-empty line');
  if (!Number.isSafeInteger(c.size) || c.size < 0) malformed(`tree size ${c.size} is not a non-negative integer`);
  if (c.rootHash.length !== HASH_SIZE) malformed(`the root hash is ${c.rootHash.length} bytes, not ${HASH_SIZE}`);
  for (const e of c.extensions) if (!e || e.includes('\n')) malformed('extension lines must be non-empty single lines');
  return [c.origin, String(c.size), c.rootHash.toString('base64'), ...c.extensions].map((l) => `${l}\n`).join('');
}

/** Parses checkpoint text strictly; sizes beyond 2^53 (valid uint64, unsupported here) are refused. */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) malformed('the text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) malformed('it needs an origin, a size and a root hash line');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) malformed('the origin line is empty');
  if (!DECIMAL.test(sizeText) || BigInt(sizeText) > UINT64_MAX) malformed(`tree size ${JSON.stringify(sizeText)} is not a decimal uint64`);
  if (BigInt(sizeText) > BigInt(Number.MAX_SAFE_INTEGER)) malformed(`tree size ${sizeText} is beyond 2^53, which this log does not support`);
  const rootHash = decodeBase64(rootText);
  if (!rootHash) malformed('the root hash is not base64');
  if (rootHash.length !== HASH_SIZE) malformed(`the root hash is ${rootHash.length} bytes, not ${HASH_SIZE}`);
  if (extensions.some((e) => e.length === 0)) malformed('an extension line is empty');
  return { origin, size: Number(sizeText), rootHash, extensions };
}
