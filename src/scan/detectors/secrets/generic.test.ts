// The keyword detector: which keys name a secret, and which values under them
// are secrets rather than placeholders, code, ids or prose.
import { describe, expect, it } from 'vitest';
import { genericSecret, isSecretName } from './generic.js';
import { valuesOf } from './support.case.js';

const TOKEN = 'IJuoBfzUhwdzx1k3iU8E4w';
const PASSWORD = 'u7#Kp2!vQz9w';

describe.each([
  { situation: 'a password is in an env file', text: `DB_PASSWORD=${PASSWORD}`, value: PASSWORD },
  { situation: 'a password is in YAML', text: `database:\n  password: "${PASSWORD}"`, value: PASSWORD },
  { situation: 'a client secret is in JSON', text: `{"client_secret": "${TOKEN}"}`, value: TOKEN },
  { situation: 'an API key is a Java constant', text: `private static final String API_KEY = "${TOKEN}";`, value: TOKEN },
  { situation: 'a token is a Go literal', text: `authToken := \`${TOKEN}\``, value: TOKEN },
  { situation: 'a token is an XML element on its own line', text: `<accessToken>\n    ${TOKEN}\n</accessToken>`, value: TOKEN },
  { situation: 'a token is a default argument', text: `os.getenv("API_TOKEN", "${TOKEN}")`, value: TOKEN },
  { situation: 'a UUID is an API token', text: 'utils.GetEnvOrDefault("api_token", "dafa1c2e-b3a4-4f5e-8d7c-6b5a4f3e2d1c")', value: 'dafa1c2e-b3a4-4f5e-8d7c-6b5a4f3e2d1c' },
  { situation: 'a password is labelled in Chinese', text: `数据库密码：${PASSWORD}`, value: PASSWORD },
  { situation: 'a password ends a Chinese sentence', text: `测试环境的密码是${PASSWORD}，请勿外传。`, value: PASSWORD },
  { situation: 'an unquoted token has letters only', text: 'SERVICE_TOKEN=QhTzWkRvNbYcXpLmDsFgJa', value: 'QhTzWkRvNbYcXpLmDsFgJa' },
  { situation: 'a weak password mixes a word and digits', text: 'ADMIN_PASSWORD="hunter22"', value: 'hunter22' },
  { situation: 'a key is labelled 密钥 in config', text: `支付密钥 = "${TOKEN}"`, value: TOKEN },
  { situation: 'a Rails secret key base is in YAML', text: `secret_key_base: ${TOKEN}a8f3c1`, value: `${TOKEN}a8f3c1` },
])('when $situation', ({ text, value }) => {
  it('is reported as generic_secret', () => {
    expect(valuesOf(genericSecret, text)).toEqual([value]);
  });
});

describe.each([
  { situation: 'the password is empty', text: 'password = ""' },
  { situation: 'the password comes from the environment', text: 'password: ${DB_PASSWORD}' },
  { situation: 'the token comes from a call', text: 'token = getToken()' },
  { situation: 'the password is a member access', text: 'admin_password = var.database_password' },
  { situation: 'the password is a placeholder', text: 'password: changeme' },
  { situation: 'the secret names itself', text: 'JWT_SECRET="your-jwt-secret-here"' },
  { situation: 'the value is masked', text: 'api_key = "****************"' },
  { situation: 'the key holds an id', text: `credentialsId: '3d8afbda-c696-465a-a9c9-1afbc5af7640'` },
  { situation: 'the key holds a length', text: 'secret_length = 32' },
  { situation: 'the key holds a URL', text: "access_token_url='https://github.com/login/oauth/access_token'" },
  { situation: 'the key holds a file name', text: 'private_key_file = "deploy_rsa.pem"' },
  { situation: 'the key is public', text: `publicToken = "${TOKEN}"` },
  { situation: 'the key is a CSRF token', text: `csrf-token=${TOKEN}` },
  { situation: 'the value is a sequence', text: 'secret_key => "key_qrstuvwxyz0123456789"' },
  { situation: 'the value is a vendor token', text: `token = "ghp_${TOKEN}${TOKEN.slice(0, 14)}"` },
  { situation: 'the value is a constant name', text: 'VAULT_SECRET_NAME = "PROD-DB-MAIN-API-KEY"' },
  { situation: 'the value is a host name', text: 'Authentication-Results: mx.example.com' },
  { situation: 'the value is a version', text: 'token_version = "1.4.2"' },
  { situation: 'the password is too simple', text: 'SavePassword=1' },
  { situation: 'a sentence mentions a password', text: 'Enter the password for your account.' },
  { situation: 'the token is an AWS idempotency token', text: '{"clientToken": "c1baa12d-e24c-4534-9fbc-5852e2fbc3e3"}' },
  { situation: 'the token is a pagination cursor', text: '"NextToken": "AAIAALBk1EXYU9XCc33KADhnFXssFtqg5Ujoe"' },
  { situation: 'the value is a TypeScript type', text: 'credentials: SMTPConnectionCredentials & {' },
  { situation: 'the value is a type after a colon', text: 'checkPrivateKey(privateKey: KeyObject): boolean;' },
  { situation: 'the value is words in camel case', text: 'lastSignificantToken = "?InterpolationInTemplate";' },
  { situation: 'the value is a regular expression', text: 'const re = /(?<password>[-a-zA-Z0-9_]{1,256})@host/;' },
  { situation: 'Chinese prose says what a password is', text: '和密码一样，这些私钥、令牌可以被认为是一种通行密码，因为它们可以代表开发者。' },
  { situation: 'Chinese prose names a hash algorithm', text: '虽然该网站将密码存储为SHA-256哈希值，但数据已泄露。' },
  { situation: 'an AWS secret setting holds something else', text: 'AWS_SECRET_ACCESS_KEY = nU5muh6vBIlclevhs/rmnf8RPcfrQmgX+7PP3jFK/wuwW4kaqL571t==' },
])('when $situation', ({ text }) => {
  it('is not reported', () => {
    expect(valuesOf(genericSecret, text)).toEqual([]);
  });
});

describe.each([
  { name: 'DB_PASSWORD', secret: true },
  { name: 'clientSecret', secret: true },
  { name: 'x-api-key', secret: true },
  { name: 'SECRET_KEY_BASE', secret: true },
  { name: 'user_auth', secret: true },
  { name: '数据库密码', secret: true },
  { name: 'passwordVariable', secret: false },
  { name: 'token_type', secret: false },
  { name: 'kms_key_id', secret: false },
  { name: 'public_key', secret: false },
  { name: 'UserSecretsId', secret: false },
])('when the key is $name', ({ name, secret }) => {
  it(secret ? 'names a secret' : 'does not name a secret', () => {
    expect(isSecretName(name)).toBe(secret);
  });
});
