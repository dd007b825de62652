import { describe, expect, it } from 'vitest';
import { bytesRandomAccess } from './byte-source.js';
import { cfbEntryNames, classifyCfb } from './cfb.js';
import { makeCfb } from './test-support.js';

describe('cfbEntryNames', () => {
  it('lists the root and the streams of the directory, across sectors', async () => {
    const names = ['EncryptionInfo', 'EncryptedPackage', 'A', 'B', 'C', 'D'];
    expect(await cfbEntryNames(bytesRandomAccess(makeCfb(names)))).toEqual(['Root Entry', ...names]);
  });

  it('returns undefined for a cut-short file or a looping directory chain', async () => {
    expect(await cfbEntryNames(bytesRandomAccess(makeCfb(['A']).subarray(0, 700)))).toBeUndefined();
    const looping = makeCfb(['A']);
    new DataView(looping.buffer).setUint32(512 + 4, 1, true); // sector 1 points to itself
    expect(await cfbEntryNames(bytesRandomAccess(looping))).toBeUndefined();
  });
});

describe('classifyCfb', () => {
  it.each([
    [['Root Entry', 'EncryptionInfo', 'EncryptedPackage'], true, 'password-protected'],
    [['Root Entry', 'WordDocument'], false, '.doc'],
    [['Root Entry', 'Book'], false, '.xls'],
    [['Root Entry', '__substg1.0_0037001F'], false, '.msg'],
    [['Root Entry', 'Whatever'], false, 'OLE'],
  ])('%j', (names, encrypted, label) => {
    const v = classifyCfb(names);
    expect(v.encrypted).toBe(encrypted);
    expect(v.label).toContain(label);
  });
});
