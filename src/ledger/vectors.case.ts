// Loads the interoperability vectors in ../shared/vectors (RFC 6962 Merkle, C2SP
// signed-note and tlog-tiles; see their README for sources). They are read in
// place, never copied; suites that use them skip when the folder is absent.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const VECTORS_DIR = resolve(import.meta.dirname, '../../../shared/vectors');
export const MERKLE_FILE = resolve(VECTORS_DIR, 'merkle-rfc6962.json');
export const NOTE_FILE = resolve(VECTORS_DIR, 'signed-note.json');
export const TILES_FILE = resolve(VECTORS_DIR, 'tlog-tiles.json');
export const haveMerkle = existsSync(MERKLE_FILE);
export const haveNotes = existsSync(NOTE_FILE);
export const haveTiles = existsSync(TILES_FILE);

// When a file is absent its suites skip, but vitest still collects them: empty tables stand in.
function load<T>(file: string, present: boolean, empty: T): T {
  return present ? (JSON.parse(readFileSync(file, 'utf8')) as T) : empty;
}

export interface InclusionProbe {
  file: string;
  desc: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  root: string;
  proof: string[];
  wantErr: boolean;
}

export interface ConsistencyProbe {
  file: string;
  desc: string;
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[];
  wantErr: boolean;
  policyDependent?: string;
}

export interface MerkleVectors {
  hasherVectors: { desc: string; kind: 'emptyRoot' | 'leaf' | 'node'; inputHex?: string; leftHex?: string; rightHex?: string; hash: string }[];
  leaves: string[];
  leafHashes: string[];
  nodeHashes: { levels: string[][] };
  roots: { treeSize: number; root: string }[];
  inclusionProofs: { leafIndex: number; treeSize: number; leafHash: string; root: string; proof: string[] }[];
  consistencyProofs: { size1: number; size2: number; root1: string; root2: string; proof: string[] }[];
  probes: { inclusion: InclusionProbe[]; consistency: ConsistencyProbe[] };
  derived: {
    inclusionProofs: { leafIndex: number; treeSize: number; leafHash: string; root: string; proof: string[] }[];
    consistencyProofs: { size1: number; size2: number; root1: string; root2: string; proof: string[] }[];
  };
}

export interface NoteCase {
  id: string;
  message?: string;
  messageHex?: string;
  messageRepeat?: { prefix: string; line: string; times: number };
  text?: string;
  verifierKeys: string[];
  policyDependent?: string;
  expect: { ok: boolean; verifiedNames?: string[]; unverifiedNames?: string[]; errorKind?: string };
}

export interface NoteVectors {
  verifierKeys: { vkey: string; name: string; keyId: string; signatureType: number; publicKey: string }[];
  invalidVerifierKeys: { vkey: string; reason: string }[];
  testSigningKeys: { keys: { skey: string; name: string; keyId: string; ed25519Seed: string; derivedVkey: string; matchesPublishedVkey: boolean }[] };
  notes: NoteCase[];
  checkpoints: {
    id: string;
    message: string;
    text: string;
    checkpoint: { origin: string; size: number; rootHashHex: string };
    verifierKeys: string[];
    expect: { ok: boolean; verifiedNames: string[] };
    cosigned?: {
      cosignerVkey: string;
      cosignerPlainEd25519Vkey: string;
      timestamp: number;
      signedMessage: string;
      signatureLine: string;
      message: string;
      expect: { withLogAndCosignerKeys: { ok: boolean; verifiedNames: string[] }; cosignatureOnlyWithPlainVkey: { ok: boolean } };
    };
  }[];
  keyIdCollisionCases: { id: string; message: string; trustedKey: { name: string; keyId: string; signatureType: number; publicKey: string }; expect: { ok: boolean; errorKind: string } }[];
  cosignatures: { id: string; signatureBase64?: string; signatureLine?: string; signedMessage?: string; expect: { ok?: boolean; keyId?: string; timestamp?: number; signatureLength?: number } }[];
  checkpointBodies: { cases: { id: string; body: string; c2spStrict: { ok: boolean; origin?: string; size?: string; rootHashHex?: string; extensionLines?: string[] } }[] };
  unverifiable: { what: string; message?: string; signatureLine?: string; keyId?: string }[];
}

export interface TileVectors {
  c2sp: {
    indexEncoding: { index: number; encoded: string }[];
    tilesForTreeSize: { treeSize: number; levels: { level: number; fullTiles: number; partialWidth: number }[] }[];
    tilesForTreeSizeDerived: { treeSize: number; levels: { level: number; fullTiles: number; partialWidth: number }[] }[];
  };
  tessera: {
    tilePath: { level: number; index: string; partialWidth: number; path: string }[];
    entriesPath: { index: string; partialWidth: number; path: string }[];
    entriesPathForLogIndex: { cases: { entryIndex: string; treeSize: string; path: string }[] };
    parseLevelIndex: { cases: { level: string; index: string; ok: boolean; want?: { level: number; index: string; width: number } }[] };
    nodeCoordsToTileAddress: { cases: { treeLevel: number; treeIndex: string; want: { tileLevel: number; tileIndex: string; nodeLevel: number; nodeIndex: string } }[] };
    entryBundleRanges: { cases: { desc: string; from: number; count: number; treeSize: number; want: { index: number; partial: number; first: number; n: number }[] }[] };
  };
  goSumdbTlog: {
    tilePaths: { cases: { path: string; ok: boolean }[] };
    newTiles: { cases: { height: number; oldTreeSize: number; newTreeSize: number; wantCount: number; tiles: string[] }[] };
  };
}

export const merkle = load<MerkleVectors>(MERKLE_FILE, haveMerkle, {
  hasherVectors: [],
  leaves: [],
  leafHashes: [],
  nodeHashes: { levels: [] },
  roots: [],
  inclusionProofs: [],
  consistencyProofs: [],
  probes: { inclusion: [], consistency: [] },
  derived: { inclusionProofs: [], consistencyProofs: [] },
});
export const notes = load<NoteVectors>(NOTE_FILE, haveNotes, {
  verifierKeys: [],
  invalidVerifierKeys: [],
  testSigningKeys: { keys: [] },
  notes: [],
  checkpoints: [],
  keyIdCollisionCases: [],
  cosignatures: [],
  checkpointBodies: { cases: [] },
  unverifiable: [],
});
export const tiles = load<TileVectors>(TILES_FILE, haveTiles, {
  c2sp: { indexEncoding: [], tilesForTreeSize: [], tilesForTreeSizeDerived: [] },
  tessera: {
    tilePath: [],
    entriesPath: [],
    entriesPathForLogIndex: { cases: [] },
    parseLevelIndex: { cases: [] },
    nodeCoordsToTileAddress: { cases: [] },
    entryBundleRanges: { cases: [] },
  },
  goSumdbTlog: { tilePaths: { cases: [] }, newTiles: { cases: [] } },
});

export const hex = (s: string): Buffer => Buffer.from(s, 'hex');
