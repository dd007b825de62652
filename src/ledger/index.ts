// The audit ledger: an append-only, tamper-evident log (RFC 6962 Merkle tree, C2SP
// tlog-tiles storage, signed tlog-checkpoints, inclusion and consistency proofs,
// cosigning witnesses). This file is the ledger's only public surface.
export { openLedger, readCheckpoint, type Ledger, type LedgerOptions, type AppendResult, type SignedCheckpoint, type RecoveryReport } from './ledger.js';
export { initLedger, readConfig, defaultOrigin, type LedgerConfig } from './ledger-files.js';
export { normaliseRecord, encodeRecord, decodeRecord, type LedgerRecord, type LedgerRecordInput } from './record.js';
export { canonicalJson, type JsonValue } from './canonical-json.js';
export { leafHash, nodeHash, emptyRoot, merkleRoot, HASH_SIZE } from './rfc6962.js';
export { CompactRange } from './compact-range.js';
export { verifyInclusion, verifyConsistency, rootFromInclusionProof } from './proof-verify.js';
export { inclusionRanges, consistencyRanges } from './proof-paths.js';
export { parseCheckpoint, formatCheckpoint, type Checkpoint } from './checkpoint.js';
export { openNote, parseNote, signNote, type OpenedNote, type NoteSignature } from './signed-note.js';
export { parseVerifierKey, formatVerifierKey, parseSignerKey, generateSignerKey, SIG_ED25519, SIG_COSIGNATURE_V1, type NoteVerifier, type NoteSigner } from './note-keys.js';
export { cosignCheckpoint, parseCosignature, type Cosignature } from './cosignature.js';
export { tilePath, parseTilePath, encodeTileIndex, entriesPathFor, tileCounts, TILE_WIDTH, type TileId } from './tile-path.js';
export { encodeBundle, parseBundle, MAX_ENTRY_SIZE } from './entry-bundle.js';
export { CHECKPOINT_PATH, type TileSource, type TileStorage, type TileFile } from './tile-storage.js';
export { DiskTileStorage } from './disk-tile-storage.js';
export { HttpTileSource } from './http-tile-source.js';
export { TileReader } from './tile-reader.js';
export { verifyLog, verifiedCheckpoint, type VerifyResult } from './verify-log.js';
export { witnessLog, type WitnessOptions, type WitnessResult } from './witness.js';
