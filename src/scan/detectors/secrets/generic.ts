// The catch-all: a random-looking value assigned to a key that names a secret
// (password, secret, token, API key, 密码, 密钥, 口令, 令牌…). Runs last and at low
// confidence, so any vendor detector that matches the same value wins.
import type { Detector } from '../detector.js';
import {
  charClasses,
  distinctChars,
  hasSequentialRun,
  isMasked,
  isPlaceholderWord,
  isRepetitive,
  isTemplate,
  shannonEntropy,
} from './entropy.js';
import { ASSIGNMENT_WINDOW, assignment, nameWords, secretDetector } from './grammar.js';

/** Key words that name a whole secret when they end a key: `db_password`, `genericToken`, `AUTH_CLIENTSECRET`. */
const SECRET_NOUNS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'secret', 'token', 'credential', 'credentials', 'auth',
  'apikey', 'secretkey', 'accesskey', 'privatekey', 'clientsecret', 'appsecret', 'authtoken', 'accesstoken',
  'refreshtoken', 'bearertoken', 'sessiontoken', 'authkey', 'masterkey', 'signingkey', 'encryptionkey', 'apitoken',
]);

/** Words before `key` that make it a secret: `api_key`, `secret_key`, `signing_key`. */
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'access', 'private', 'auth', 'master', 'signing', 'encryption', 'enc', 'client', 'app', 'license',
  'service', 'subscription', 'admin', 'consumer', 'webhook', 'hmac', 'jwt', 'session', 'crypt', 'cipher',
]);

/** Words before `token` that make it a protocol token, not a credential: AWS `ClientToken`, `NextToken`, `stateToken`. */
const PROTOCOL_TOKEN_QUALIFIERS = new Set([
  'client', 'idempotency', 'request', 'page', 'next', 'continuation', 'pagination', 'cursor', 'sync', 'state', 'cancellation', 'cancel',
  'lexer', 'parser', 'last', 'significant', 'form', 'antiforgery', 'verification',
]);

/** Trailing words that do not change what a key holds: `password_value`, `SECRET_KEY_BASE`. */
const IGNORABLE_SUFFIXES = new Set(['value', 'str', 'string', 'text', 'raw', 'base', 'b64', 'base64', 'hex', 'plain', 'plaintext', 'cleartext']);

/** Words that make a secret-sounding key hold something public or per-session. */
const NOT_SECRET_WORDS = new Set(['public', 'pub', 'csrf', 'xsrf', 'authenticity', 'captcha', 'nonce', 'example', 'sample', 'dummy', 'fake', 'placeholder']);

const CHINESE_NOUNS = /密码|密钥|秘钥|口令|令牌|私钥/;

/** Whether a config key or identifier names a secret value (rather than its id, length, file or URL). */
export function isSecretName(name: string): boolean {
  if (/[\u4e00-\u9fff]/.test(name)) return /(?:密码|密钥|秘钥|口令|令牌|私钥)[\x00-\x7f]*$/.test(name); // 数据库密码, not 密码存储
  const words = nameWords(name);
  if (words.some((w) => NOT_SECRET_WORDS.has(w))) return false;
  while (words.length > 1 && IGNORABLE_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  const last = words[words.length - 1];
  if (last === undefined) return false;
  const previous = words[words.length - 2];
  if (last === 'token' && previous !== undefined && PROTOCOL_TOKEN_QUALIFIERS.has(previous)) return false;
  if (SECRET_NOUNS.has(last)) return true;
  return last === 'key' && previous !== undefined && KEY_QUALIFIERS.has(previous);
}

/** Prefixes of vendor tokens: their own detectors decide, so the generic one stays out. */
const VENDOR_PREFIX =
  /^(?:AKIA|ASIA|AIza|LTAI|AKID|gh[pousr]_|github_pat_|gl[a-z]{1,6}-|xox[a-z]-|xapp-|sk_(?:live|test)_|rk_(?:live|test)_|sk-|hv[sbr]\.|glc_|glsa_|dapi|npm_|pplx-|hf_|api_org_|ntn_|sntry|ops_|fo1_|fm[12]|sgp_|SG\.|shp[a-z]{2}_|dckr_pat_|figd_|gsk_|lin_api_|tskey-|vc[pikra]_|cfat_|cfut_|cfk_|-----BEGIN|AGE-SECRET|ABSK|bedrock-api|sha256~|sq0|EAA|HRKU-|pul-|AKCp|cmVmd|ico-|tk-us-|s-s4t2|sq[upa]_|whsec_|pk_(?:live|test)_|A3-[A-Z0-9]{6}-)/;

/** Shapes of values that are data or code rather than secrets. */
function looksLikeCodeOrData(value: string, quoted: boolean): boolean {
  if (/:\/\/|^www\./i.test(value)) return true; // URL
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value)) return true; // e-mail
  if (/^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\)/.test(value)) return true; // path
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+\.[a-z]{2,}$/i.test(value) && !/[A-Z].*[0-9]|[0-9].*[A-Z]/.test(value)) return true; // host name
  if (/\.(?:pem|key|p12|pfx|crt|cer|der|jks|json|ya?ml|txt|env|cfg|conf|ini|xml|keytab|keystore|pdf|docx?|xlsx?|png|jpe?g|gif|svg|zip|gz|tar|js|ts|py|go|rb|java|html?|css|md|csv|log|sh|exe|dll|so|jar)$/i.test(value)) return true; // file name
  if (/^\d+$/.test(value)) return true; // number
  if (/^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/.test(value)) return true; // version
  if (/^(?:true|false|null|nil|none|undefined|yes|no|on|off)$/i.test(value)) return true;
  if (/\(|\)$/.test(value) && /^[A-Za-z_$][\w$.]*\(/.test(value)) return true; // call: getToken()
  if (!quoted && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return true; // member access: var.db_password
  if (!quoted && /^[A-Za-z_$][\w$]*(?:\[|\.|->)/.test(value) && !/[0-9]/.test(value.slice(0, 4))) return true;
  if (!quoted && (/^[!&*]|\?\.|[<>()[\]{}]|&&|\|\||=>/.test(value) || (/^[A-Za-z_$][A-Za-z_$]*$/.test(value) && (isWordy(value) || value.length < 12)))) return true; // code, identifiers
  if (/^\p{Lu}?\p{Ll}+[.!]?$/u.test(value)) return true; // a word: Waiting, Function
  if (/^(?:SHA|MD|HMAC|AES|RSA|DES|PBKDF|BCRYPT|ARGON|SM)[-_]?\d*[a-z]?$/i.test(value)) return true; // an algorithm: SHA-256
  if (/\{\d+(?:,\d*)?\}|\[[^\]]*[a-z0-9]-[a-z0-9][^\]]*\]|\\[dws]/i.test(value)) return true; // a regular expression
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true; // CONSTANT_NAME
  if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(value)) return true; // camelCaseWord
  if (/^[a-z]+(?:[_-][a-z]+)+$/.test(value)) return true; // snake_or-kebab-words
  return false;
}

/**
 * Made of words rather than random characters (`SMTPConnectionAuth`,
 * `?InterpolationInTemplate`, `hunter22`): letters in runs of lower case that
 * average three or more, and at most two digits. Random strings alternate case
 * far more often.
 */
export function isWordy(value: string): boolean {
  const core = value.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '').replace(/[-_.](?=[A-Za-z])/g, '');
  if (!/^[A-Za-z0-9]+$/.test(core) || (core.match(/[0-9]/g) ?? []).length > 2) return false;
  const runs = core.match(/[a-z]+/g) ?? [];
  return runs.length > 0 && runs.reduce((n, r) => n + r.length, 0) / runs.length >= 3;
}

/** Values that are ciphertext of a secrets tool (SOPS, Ansible Vault, Spring Cloud Config, Jasypt, Vault transit), not the secret. */
const ENCRYPTED = /^(?:ENC\[|ENC\(|!vault|\{cipher\}|vault:v\d+:|enc:|encrypted:)/i;

/** The value test of the generic detector: random enough for its kind of key, and no placeholder, template or code. */
export function isPlausibleSecret(value: string, name: string, quoted: boolean): boolean {
  const words = nameWords(name);
  const passwordLike = CHINESE_NOUNS.test(name) || words.some((w) => /^(?:password|passwd|pwd|pass|passphrase|passcode)$/.test(w));
  if (value.length < (passwordLike ? 6 : 10)) return false;
  if (VENDOR_PREFIX.test(value)) return false;
  if (isTemplate(value) || isMasked(value) || isRepetitive(value)) return false;
  if (isPlaceholderWord(value)) return false;
  if (looksLikeCodeOrData(value, quoted)) return false;
  if (hasSequentialRun(value, 6)) return false;
  if (/^-/.test(value)) return false;
  if (ENCRYPTED.test(value)) return false;
  // A password may well be words and digits (`hunter22`); a token may not.
  if (isWordy(value) && (!passwordLike || !/[0-9]/.test(value))) return false;
  const entropy = shannonEntropy(value);
  if (passwordLike) return entropy >= 2.5 && distinctChars(value) >= 5 && (charClasses(value) >= 2 || value.length >= 16);
  return entropy >= 3 && distinctChars(value) >= 8 && (charClasses(value) >= 2 || (value.length >= 24 && entropy >= 3.5));
}

const KEYWORD =
  '[Pp]ass(?:word|wd|phrase|code)?|PASS(?:WORD|WD|PHRASE|CODE)?|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Cc]redentials?|CREDENTIALS?|[Aa]uth|AUTH|' +
  '(?:[Aa]pi|API|[Aa]ccess|ACCESS|[Pp]rivate|PRIVATE|[Ss]igning|SIGNING|[Mm]aster|MASTER|[Ee]ncryption|ENCRYPTION|[Cc]lient|CLIENT|[Aa]pp|APP)[_.\\-]?(?:[Kk]ey|KEY)|' +
  '密码|密钥|秘钥|口令|令牌|私钥';

/**
 * A random-looking value assigned to a key that names a secret. The key's last
 * word decides (`db_password`, `apiKey`, `client_secret`, `GENERIC_TOKEN`, `数据库密码`);
 * ids, lengths, files, URLs and public keys are skipped, and the value must not be
 * a placeholder, template, code reference, URL, path or vendor token.
 */
/** Keys whose values a vendor detector knows exactly: a value of another shape there is not that secret. */
const OWNED_NAMES = /aws.{0,12}secret|secret.?access.?key/i;

export const genericSecret: Detector = secretDetector({
  id: 'generic_secret',
  description: 'High-entropy value assigned to a password/secret/token/API-key setting (密码, 密钥, 口令, 令牌)',
  validation: 'secret-naming key; value entropy ≥ 2.5 bits (passwords) or ≥ 3 bits (tokens); placeholders and code rejected',
  anchors: [
    'password', 'passwd', 'passphrase', 'passcode', 'pwd', '_pass', '-pass', '.pass', 'pass=', 'pass:', 'pass =', 'pass"', "pass'",
    'secret', 'token', 'credential', '_auth', 'auth"', "auth'", 'auth=', 'auth:',
    'apikey', 'api_key', 'api-key', 'api.key', 'accesskey', 'access_key', 'access-key', 'privatekey', 'private_key', 'private-key',
    'signingkey', 'signing_key', 'masterkey', 'master_key', 'encryptionkey', 'encryption_key', 'clientkey', 'client_key', 'appkey', 'app_key',
    '密码', '密钥', '秘钥', '口令', '令牌', '私钥',
  ],
  // Printable ASCII but quotes, backquote and backslash: secrets are ASCII, and a
  // label in Chinese prose must not swallow the sentence after it.
  pattern: new RegExp(assignment(KEYWORD, '[!#-&(-[\\]-_a-~]{1,256}?'), 'g'),
  validate: (value, m) => {
    const name = m.groups?.['name'] ?? '';
    if (!isSecretName(name) || OWNED_NAMES.test(name)) return false;
    const quoted = /["'`>]\s*$/.test(m[0].slice(0, m[0].length - value.length));
    return isPlausibleSecret(value, name, quoted);
  },
  window: ASSIGNMENT_WINDOW,
  confidence: 'low',
  example: 'DB_PASSWORD="' + 'u7#Kp2!vQz9w' + '"',
});

export const GENERIC_DETECTORS: readonly Detector[] = [genericSecret];
