// Private keys (every PEM/OpenSSH/PGP flavour, escaped or cut short), JWTs,
// age identities and wallet keys, with the placeholders that must stay quiet.
import { describe, expect, it } from 'vitest';
import { ageSecretKey, jwt, pemBody, privateKey, secp256k1PrivateKey } from './keys.js';
import { valuesOf } from './support.case.js';

const LINES = [
  'sR4aIsMrWP3aX4fWkBeqcKhA6m2EOnpPCTOS8kKy6vW9OJyO8pqip3Je14pzvthJ',
  'de6z0VctxXKlDVtweX5aq2Kw79CJyyL36BuM+nc9aL0caI58MncZ1qn59lvXdo6v',
  'spsG6UW5gbAKtEMrE30W2at5dCshNjMFZqHt/H/0f5vhAOTCJieuQD/85SqE74H1',
];
const pem = (label: string, body = LINES.join('\n')) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;

describe.each([
  { kind: 'PKCS#8', block: pem('PRIVATE KEY') },
  { kind: 'PKCS#1 RSA', block: pem('RSA PRIVATE KEY') },
  { kind: 'SEC1 EC', block: pem('EC PRIVATE KEY') },
  { kind: 'OpenSSH', block: pem('OPENSSH PRIVATE KEY') },
  { kind: 'encrypted PKCS#8', block: pem('ENCRYPTED PRIVATE KEY') },
  { kind: 'PGP with armor headers', block: pem('PGP PRIVATE KEY BLOCK', `Version: GnuPG v2\nComment: test\n\n${LINES.join('\n')}\n=8xQN`) },
  { kind: 'OpenSSL encrypted RSA', block: pem('RSA PRIVATE KEY', `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n${LINES.join('\n')}`) },
])('when a $kind private key is in a file', ({ block }) => {
  it('reports the whole block', () => {
    expect(valuesOf(privateKey, `# deploy key\n${block}\n`)).toEqual([block]);
  });
});

describe('when a private key is JSON-escaped', () => {
  const escaped = pem('PRIVATE KEY').replace(/\n/g, '\\n');
  it('reports it with its escapes', () => {
    expect(valuesOf(privateKey, `{"key": "${escaped}\\n"}`)).toEqual([escaped]);
  });
});

describe('when a private key is cut off before its END line', () => {
  it('still reports the part that is there', () => {
    const [value] = valuesOf(privateKey, `-----BEGIN PRIVATE KEY-----\n${LINES.join('\n')}\n`);
    expect(value).toContain(LINES[2]);
  });
});

describe.each([
  { situation: 'the body is a word', text: pem('PRIVATE KEY', 'anything') },
  { situation: 'the body is empty', text: '-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----' },
  { situation: 'the body is stars', text: pem('PRIVATE KEY', '***') },
  { situation: 'the body is an ellipsis in JSON', text: '"private_key":"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"' },
  { situation: 'the body is short base64', text: pem('PRIVATE KEY', 'c2hvcnQtYmFzZTY0LWJvZHk=') },
  { situation: 'the body is filler', text: pem('PRIVATE KEY', 'X'.repeat(200)) },
  { situation: 'the block is a certificate', text: pem('CERTIFICATE') },
  { situation: 'the block is a public key', text: pem('PUBLIC KEY') },
])('when $situation', ({ text }) => {
  it('is not reported as a private key', () => {
    expect(valuesOf(privateKey, text)).toEqual([]);
  });
});

describe('pemBody', () => {
  it('drops armor, armor headers and escapes', () => {
    expect(pemBody('-----BEGIN X-----\\nProc-Type: 4,ENCRYPTED\\nAbC+/=\\n-----END X-----')).toBe('AbC+/=');
  });
});

const HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const PAYLOAD = 'eyJzdWIiOiJ1c2VyLTQyIiwicm9sZSI6ImFkbWluIn0';
const SIGNATURE = 'PilP-ud5uDLxAPWT1CIXjYJuvGovxaLXscjAcEYBvu4';

describe.each([
  { situation: 'a signed JWT is in a header', text: `Authorization: Bearer ${HEADER}.${PAYLOAD}.${SIGNATURE}`, value: `${HEADER}.${PAYLOAD}.${SIGNATURE}` },
  { situation: 'an unsigned JWT (alg none) is in JSON', text: `{"id_token": "eyJhbGciOiJub25lIn0.${PAYLOAD}."}`, value: `eyJhbGciOiJub25lIn0.${PAYLOAD}.` },
])('when $situation', ({ text, value }) => {
  it('is reported as jwt', () => {
    expect(valuesOf(jwt, text)).toEqual([value]);
  });
});

describe.each([
  { situation: 'two base64 JSON parts lack a JOSE header', text: `eyJuYW1lIjoiSmFuZSIsImFnZSI6MzJ9.${PAYLOAD}.${SIGNATURE}` },
  { situation: 'a JWT is part of a vendor token', text: `ops_${HEADER}.${PAYLOAD}.${SIGNATURE}` },
])('when $situation', ({ text }) => {
  it('is not reported as jwt', () => {
    expect(valuesOf(jwt, text)).toEqual([]);
  });
});

describe('age identities', () => {
  const key = 'AGE-SECRET-KEY-1' + 'WKMG8C467QUYYEP8N9LLDK0FYJ00G4DVU0SY4NQY9KA29QSSWZMUGTXT92';
  it('reports an identity', () => {
    expect(valuesOf(ageSecretKey, `# created: 2024-01-01\n${key}\n`)).toEqual([key]);
  });
  it('does not report a character outside Bech32', () => {
    expect(valuesOf(ageSecretKey, key.slice(0, -1) + 'B')).toEqual([]);
  });
});

describe('wallet private keys', () => {
  const hex = '7ebb47c5347affebc5ea16587652645d5a0019362e4693d4abee819263d05eb7';
  it('reports 0x-hex next to a wallet word on the following line', () => {
    expect(valuesOf(secp256k1PrivateKey, `oops: 0x${hex}!\nplease do not drain this wallet`)).toEqual([hex]);
  });
  it('does not report a transaction hash', () => {
    expect(valuesOf(secp256k1PrivateKey, `tx confirmed: 0x${hex} in block 19000000`)).toEqual([]);
  });
  it('does not report all zeros', () => {
    expect(valuesOf(secp256k1PrivateKey, `private key 0x${'0'.repeat(64)}`)).toEqual([]);
  });
});
