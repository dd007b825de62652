import { describe, expect, it } from 'vitest';
import { deriveCause, deriveChannel, deriveDataClasses, deriveLeak, deriveOfficialChannel, factsOf, sectorOf } from './derive.js';
import type { VerisIncident } from './veris.js';

const v = (action: object, actor: object = {}, assets: string[] = []): VerisIncident =>
  ({ action, actor, asset: { assets: assets.map((variety) => ({ variety })) } }) as VerisIncident;

describe('deriving the cause class from VERIS', () => {
  it.each([
    [v({ error: { variety: ['Misdelivery'] } }, { internal: {} }), 'accidental'],
    [v({ environmental: { variety: ['Fire'] } }, {}), 'accidental'],
    [v({ error: {}, hacking: {} }, { internal: {}, external: {} }), 'external'],
    [v({ hacking: {} }, { external: {} }), 'external'],
    [v({ misuse: {} }, { internal: {} }), 'malicious_insider'],
    [v({ misuse: {} }, { partner: {} }), 'partner'],
    [v({ physical: { variety: ['Theft'] } }, { unknown: {} }), 'unknown'],
    [v({ unknown: {} }, { unknown: {} }), 'unknown'],
  ])('%j → %s', (veris, cause) => {
    expect(deriveCause(veris)).toBe(cause);
  });
});

describe('deriving the leak channel from VERIS', () => {
  it.each([
    [v({ error: { variety: ['Misdelivery'] } }, {}, ['S - Mail']), 'email'],
    [v({ error: { variety: ['Misdelivery'] } }, {}, ['M - Documents']), 'postal_mail'],
    [v({ error: { variety: ['Publishing error'] } }), 'web_publication'],
    [v({ error: { variety: ['Misconfiguration'] } }, {}, ['S - Database']), 'cloud_exposure'],
    [v({ error: { variety: ['Disposal error'] } }, {}, ['M - Documents']), 'disposal'],
    [v({ physical: { variety: ['Theft'] } }, {}, ['U - Laptop']), 'device_loss_theft'],
    [v({ error: { variety: ['Loss'] } }, {}, ['M - Documents']), 'paper'],
    [v({ error: { variety: ['Loss'] } }, {}, ['M - Flash drive']), 'removable_media'],
    [v({ misuse: { variety: ['Privilege abuse'], vector: ['Non-corporate'] } }), 'unapproved_channel'],
    [v({ misuse: { variety: ['Email misuse'], vector: ['LAN access'] } }), 'unapproved_channel'],
    [v({ misuse: { variety: ['Privilege abuse'], vector: ['LAN access'] } }), 'insider_access'],
    [v({ social: { variety: ['Phishing'] }, hacking: {} }), 'social_engineering'],
    [v({ malware: { variety: ['Ransomware'] } }), 'network_intrusion'],
    [v({ unknown: {} }), 'unknown'],
  ])('%j → %s', (veris, channel) => {
    expect(deriveChannel(veris)).toBe(channel);
  });
});

describe('deriving the other leak fields', () => {
  it('says the data left through an official channel only for publishing errors and misdelivery', () => {
    expect(deriveOfficialChannel(v({ error: { variety: ['Publishing error'] } }))).toBe(true);
    expect(deriveOfficialChannel(v({ error: { variety: ['Misdelivery'] } }))).toBe(true);
    expect(deriveOfficialChannel(v({ hacking: {} }))).toBe(false);
    expect(deriveOfficialChannel(v({ error: { variety: ['Loss'] } }))).toBeNull();
  });

  it('maps VERIS data varieties to PIPL classes', () => {
    const veris = { attribute: { confidentiality: { data: [{ variety: 'Medical' }, { variety: 'Personal' }, { variety: 'Source code' }] } } } as VerisIncident;
    expect(deriveDataClasses(veris).sort()).toEqual(['personal', 'sensitive_personal']);
  });

  it('keeps given fields and records which were derived', () => {
    const { leak, derived } = deriveLeak(v({ hacking: {} }, { external: {} }), { channel: 'share_link', recordsAffected: 12 });
    expect(leak).toMatchObject({ channel: 'share_link', cause: 'external', officialChannel: false, recordsAffected: 12 });
    expect(derived).toEqual(['cause', 'officialChannel', 'dataClasses']);
  });

  it.each([
    ['923140', '92'],
    ['62', '62'],
    ['334111', '31-33'],
    ['45', '44-45'],
    ['48-49', '48-49'],
    ['000', 'Unknown'],
    [undefined, 'Unknown'],
    ['99', 'Unknown'],
  ])('puts NAICS %s in sector %s', (naics, sector) => {
    expect(sectorOf(naics)).toBe(sector);
  });

  it('counts action and actor keys whatever their value, and distinct countries', () => {
    const veris = { timeline: { incident: { year: 2013, month: 4 } }, action: { error: {}, unknown: {} }, actor: { unknown: {} }, victim: { country: ['US', 'US', 'GB'] } } as VerisIncident;
    const f = factsOf(veris, deriveLeak(veris, {}).leak);
    expect(f).toMatchObject({ year: 2013, month: 4, day: null, actions: ['error', 'unknown'], actors: ['unknown'], disclosure: null, countries: ['US', 'GB'] });
  });
});
