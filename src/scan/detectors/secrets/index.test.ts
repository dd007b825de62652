// The secret detector set as a whole: ids, anchors, examples, order, and no
// findings at all in ordinary code, lockfiles, logs and prose.
import { describe, expect, it } from 'vitest';
import { runDetector } from '../detector.js';
import { SECRET_DETECTORS } from './index.js';
import { secretsIn, spansMissedByWindows } from './support.case.js';

describe('the secret detector set', () => {
  it('has unique lower-snake-case ids', () => {
    const ids = SECRET_DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
  });

  it('puts every detector in the secret category with no PIPL class', () => {
    for (const d of SECRET_DETECTORS) expect([d.id, d.category, d.pipl]).toEqual([d.id, 'secret', null]);
  });

  it('gives every detector anchors, so none runs over all text', () => {
    for (const d of SECRET_DETECTORS) expect([d.id, d.anchors.length > 0]).toEqual([d.id, true]);
  });

  it('runs the generic detector last, after every vendor format', () => {
    expect(SECRET_DETECTORS.at(-1)?.id).toBe('generic_secret');
  });
});

describe.each(SECRET_DETECTORS.map((d) => ({ id: d.id, d })))('the $id example', ({ d }) => {
  it('is reported by its detector', () => {
    expect(runDetector(d, d.example).length).toBeGreaterThan(0);
  });
  it('is found within the window of one of its anchors', () => {
    expect(spansMissedByWindows(d, d.example)).toEqual([]);
  });
});

const HEX40 = '9fceb02d0ae598e95dc970b74767f19372d61af8';
const SHA256 = '4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945';

const ORDINARY: Array<{ situation: string; text: string }> = [
  { situation: 'a git log', text: `commit ${HEX40}\nAuthor: Jane Doe <jane@example.org>\nDate:   Tue Mar 5 10:00:00 2024 +0800\n\n    Fix token refresh (#412)\n` },
  { situation: 'a package-lock entry', text: `"node_modules/lodash": {\n  "version": "4.17.21",\n  "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",\n  "integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg=="\n}` },
  { situation: 'a yarn.lock checksum', text: `"strict-uri-encode@npm:^2.0.0":\n  version: 2.0.0\n  checksum: ${SHA256}${SHA256}\n` },
  { situation: 'a go.sum line', text: 'golang.org/x/crypto v0.17.0 h1:r8bRNjWL3GshPW3gkd+RpvzWrZAwPS49OmTGZ/uhM4k=\n' },
  { situation: 'a Docker image digest', text: `image: nginx@sha256:${SHA256}\n` },
  { situation: 'UUIDs in JSON', text: '{"id": "123e4567-e89b-12d3-a456-426614174000", "tenant": "c0a8012e-7f3b-4c2d-9e8f-1a2b3c4d5e6f"}' },
  { situation: 'a base64 image', text: '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" alt="dot">' },
  { situation: 'an empty password', text: 'password = ""\n' },
  { situation: 'a password from the environment', text: 'password: ${DB_PASSWORD}\n' },
  { situation: 'a token from a call', text: 'token = getToken()\n' },
  { situation: 'settings that read secrets from the environment', text: 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDATABASES = {"default": {"PASSWORD": os.getenv("DB_PASSWORD"), "HOST": "db"}}\n' },
  { situation: 'an env example file', text: 'API_KEY=<your-api-key>\nDB_PASSWORD=changeme\nJWT_SECRET=\nSTRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx\n' },
  { situation: 'a lexer', text: 'const token = lexer.next();\nif (token.type === TokenType.Identifier) tokens.push(token);\n' },
  { situation: 'password validation code', text: 'if (password.length < MIN_PASSWORD_LENGTH) throw new Error("password too short");\n' },
  { situation: 'a hash in a test', text: `expect(sha256("abc")).toBe("${SHA256}");\n` },
  { situation: 'CSS', text: '.btn-primary{color:#fff;background-color:#0d6efd;border-color:#0d6efd}.token.keyword{color:#07a}\n' },
  { situation: 'an SSH public key', text: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHhS2WxuKz9U2Lq0N3PwKmQp2yBcUu8o5sF6Jx0dYkQ1 jane@laptop\n' },
  { situation: 'a certificate', text: '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n' },
  { situation: 'Chinese prose about keys and passwords', text: '请妥善保管您的密码和密钥，不要把令牌发给任何人。密钥管理服务（KMS）可以帮助您轮换密钥。\n' },
  { situation: 'a Kubernetes manifest without secrets', text: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  LOG_LEVEL: aW5mbw==\n  FEATURE_FLAGS: ZmxhZ0E9dHJ1ZQ==\n' },
  { situation: 'an OAuth token type', text: '{"token_type": "Bearer", "expires_in": 3600, "scope": "read write"}' },
  { situation: 'a connection string without a password', text: 'postgres://app@db.internal:5432/orders\nredis://cache:6379/0\n' },
  { situation: 'a URL with a port', text: 'https://api.example.org:8443/v1/tokens?limit=20\n' },
];

describe.each(ORDINARY)('when the text is $situation', ({ text }) => {
  it('yields no secret finding', () => {
    expect(secretsIn(text, SECRET_DETECTORS)).toEqual([]);
  });
});
