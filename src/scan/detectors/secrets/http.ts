// Credentials written into HTTP requests: Authorization / API-key headers (in
// curl commands, HTTP dumps, code) and `curl -u user:password`.
import type { Detector } from '../detector.js';
import { charClasses, isMasked, isPlaceholderWord, isRepetitive, isTemplate, shannonEntropy } from './entropy.js';
import { secretDetector } from './grammar.js';
import { isRealPassword } from './connection-strings.js';

/** A header credential: long enough, not a template, mask or placeholder, and not a plain word. */
function isCredentialValue(value: string): boolean {
  if (value.length < 8 || isTemplate(value) || isMasked(value) || isRepetitive(value)) return false;
  if (/^(?:basic|bearer|token|digest)$/i.test(value)) return false;
  if (isPlaceholderWord(value) && shannonEntropy(value) < 4) return false;
  if (/^[a-z]+$/i.test(value) || /^[a-z][a-z_ -]+$/i.test(value)) return false;
  return shannonEntropy(value) >= 2.5 && charClasses(value) >= 2;
}

/**
 * `Authorization: <scheme> <credentials>` (RFC 9110 §11.6.2) and the common
 * API-key headers (`X-API-Key`, `apikey`, `Api-Token`, `X-…-ApiKey`, `Token`)
 * as written in curl commands, HTTP dumps and code.
 */
export const httpAuthorizationHeader: Detector = secretDetector({
  id: 'http_authorization_header',
  description: 'Credential in an HTTP Authorization or API-key header',
  validation: 'header credential of 8+ characters, not a template, mask or placeholder; entropy ≥ 2.5 bits',
  anchors: ['authorization', 'api-key', 'apikey', 'api-token', 'x-auth-token', 'token:'],
  pattern:
    /(?<![\w-])(?:[Aa]uthorization|AUTHORIZATION|(?:[Xx]-)?(?:[A-Za-z]+-)?[Aa][Pp][Ii]-?[Kk][Ee][Yy]|(?:[Xx]-)?[Aa][Pp][Ii]-[Tt][Oo][Kk][Ee][Nn]|[Xx]-[Aa]uth-[Tt]oken|(?<=["'] ?)[Tt]oken)[ \t]*:[ \t]*(?:(?:Basic|Bearer|Token|Api-Token|Digest|Negotiate|NTLM|Bot|JWT|SSWS|Key|GenieKey|OAuth|token|bearer|basic)[ \t]+)?(?<value>[A-Za-z0-9+/=._~:@!$%^*\\-]{8,2048})(?=["'\s,;)]|\\|$)/g,
  validate: (value) => isCredentialValue(value),
  keywords: ['curl', '-h ', '--header', 'authorization'],
  confidence: 'medium',
  example: 'curl -H "Authorization: Bearer ' + '121dd5f729a2926ecd00d30717c6e568' + '" https://api.example.org/v1/me',
});

/**
 * `curl -u user:password` / `--user user:password` (curl manual, `-u`), also on a
 * continuation line of a multi-line curl command. The value is `user:password`,
 * because an API key is often the user with an empty password.
 */
export const curlUserCredentials: Detector = secretDetector({
  id: 'curl_user_credentials',
  description: 'Credentials passed to curl with -u / --user',
  validation: 'user:password after -u/--user in a curl command; templates, placeholders and user=password rejected',
  anchors: ['curl'],
  pattern:
    /\bcurl\b(?:[^\n\\]|\\[\s\S]){0,2000}?[ \t](?:-u|--user)(?:[ \t]+|=)["']?(?<value>[^\s"':]{0,128}["']?:(?:["'](?=[^\s"']))?[^\s"']{0,128})/g,
  validate: (value) => {
    const colon = value.indexOf(':');
    const user = unquote(value.slice(0, colon));
    const password = unquote(value.slice(colon + 1));
    if (password === '') return isRealPassword(user) && shannonEntropy(user) >= 3;
    if (user === '') return isRealPassword(password);
    return isRealPassword(password, user) && !/^(?:token|key|apikey|secret|pass)$/i.test(password);
  },
  window: { before: 64, after: 2200, multiline: true },
  confidence: 'high',
  example: 'curl --user ' + 'deploy:EmqZtqgVY6' + ' https://api.example.org/upload',
});

function unquote(s: string): string {
  return s.replace(/^["'{]+|["'}]+$/g, '');
}

export const HTTP_DETECTORS: readonly Detector[] = [httpAuthorizationHeader, curlUserCredentials];
