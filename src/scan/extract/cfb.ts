// OLE compound files ([MS-CFB] v20230214): the container of legacy .doc/.xls/.ppt/.msg
// and of password-protected Office Open XML files, whose package sits encrypted in an
// `EncryptedPackage` stream next to `EncryptionInfo` ([MS-OFFCRYPTO] §2.3.4.1). Only
// the directory's names are read, to tell those apart.
import type { RandomAccess } from './byte-source.js';

const HEADER_SIZE = 512;
/** Sector ids at or above this are markers (§2.1: MAXREGSECT = 0xFFFFFFFA). */
const MAX_REGULAR_SECTOR = 0xfffffffa;
const DIRECTORY_ENTRY_SIZE = 128;
/** Directory entries read at most: real files have a handful to a few thousand. */
const MAX_DIRECTORY_ENTRIES = 65_536;

/** Names of the storages and streams in a compound file's directory; undefined when the header or chains are damaged. */
export async function cfbEntryNames(ra: RandomAccess): Promise<string[] | undefined> {
  const header = await ra.read(0, HEADER_SIZE);
  if (header.length < HEADER_SIZE) return undefined;
  const h = view(header);
  const shift = h.getUint16(0x1e, true); // §2.2: sector shift, 9 (512 bytes) or 12 (4096)
  if (shift !== 9 && shift !== 12) return undefined;
  const sectorSize = 1 << shift;
  const sectorOffset = (id: number): number => (id + 1) * sectorSize;
  const idsPerSector = sectorSize / 4;

  // The FAT's own sectors: the first 109 are listed in the header, the rest in the DIFAT chain (§2.5).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(h.getUint32(0x4c + i * 4, true));
  let difat = h.getUint32(0x44, true);
  for (let hops = 0; difat < MAX_REGULAR_SECTOR && hops < 1 << 20; hops++) {
    const s = await ra.read(sectorOffset(difat), sectorSize);
    if (s.length < sectorSize) return undefined;
    const v = view(s);
    for (let i = 0; i < idsPerSector - 1; i++) fatSectors.push(v.getUint32(i * 4, true));
    difat = v.getUint32(sectorSize - 4, true);
  }
  const fatCache = new Map<number, DataView>();
  const next = async (id: number): Promise<number | undefined> => {
    const fatSector = fatSectors[Math.floor(id / idsPerSector)];
    if (fatSector === undefined || fatSector >= MAX_REGULAR_SECTOR) return undefined;
    let v = fatCache.get(fatSector);
    if (!v) {
      const s = await ra.read(sectorOffset(fatSector), sectorSize);
      if (s.length < sectorSize) return undefined;
      v = view(s);
      fatCache.set(fatSector, v);
    }
    return v.getUint32((id % idsPerSector) * 4, true);
  };

  const names: string[] = [];
  const seen = new Set<number>();
  for (let id: number | undefined = h.getUint32(0x30, true); id !== undefined && id < MAX_REGULAR_SECTOR; id = await next(id)) {
    if (seen.has(id) || names.length >= MAX_DIRECTORY_ENTRIES) return undefined; // a looping chain
    seen.add(id);
    const s = await ra.read(sectorOffset(id), sectorSize);
    if (s.length < sectorSize) return undefined;
    for (let p = 0; p < sectorSize; p += DIRECTORY_ENTRY_SIZE) {
      const name = directoryEntryName(s.subarray(p, p + DIRECTORY_ENTRY_SIZE));
      if (name !== undefined) names.push(name);
    }
  }
  return names;
}

/** §2.6.1: a UTF-16LE name of up to 31 characters, its byte length (with the NUL) at 0x40, the object type at 0x42. */
function directoryEntryName(entry: Uint8Array): string | undefined {
  const v = view(entry);
  const type = v.getUint8(0x42);
  if (type !== 1 && type !== 2 && type !== 5) return undefined; // storage, stream, root
  const length = v.getUint16(0x40, true);
  if (length < 2 || length > 64) return undefined;
  return Buffer.from(entry.subarray(0, length - 2)).toString('utf16le');
}

export interface CfbVerdict {
  readonly encrypted: boolean;
  /** What the file is, for the issue message. */
  readonly label: string;
}

/** Reads what a compound file holds from its directory names. */
export function classifyCfb(names: readonly string[]): CfbVerdict {
  const has = (n: string): boolean => names.includes(n);
  if (has('EncryptionInfo') && has('EncryptedPackage')) return { encrypted: true, label: 'password-protected Office document' };
  if (has('WordDocument')) return { encrypted: false, label: 'legacy Word document (.doc)' };
  if (has('Workbook') || has('Book')) return { encrypted: false, label: 'legacy Excel workbook (.xls)' };
  if (has('PowerPoint Document')) return { encrypted: false, label: 'legacy PowerPoint presentation (.ppt)' };
  if (names.some((n) => n.startsWith('__substg1.0_'))) return { encrypted: false, label: 'Outlook message (.msg)' };
  return { encrypted: false, label: 'OLE compound file' };
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}
