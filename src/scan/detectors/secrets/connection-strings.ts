// Credentials inside connection strings and URLs: database URLs and JDBC/ADO.NET
// strings with a password, and user:password in any other URL (RFC 3986 §3.2.1
// userinfo, deprecated precisely because it leaks).
import type { Detector } from '../detector.js';
import { isMasked, isRepetitive, isTemplate, textAfter } from './entropy.js';
import { secretDetector } from './grammar.js';

const DB_SCHEMES = [
  'postgres', 'postgresql', 'mysql', 'mysqlx', 'mariadb', 'mongodb', 'mongodb\\+srv', 'redis', 'rediss', 'amqp', 'amqps',
  'mssql', 'sqlserver', 'oracle', 'clickhouse', 'cockroachdb', 'couchdb', 'couchdbs', 'neo4j', 'neo4j\\+s', 'bolt',
  'cassandra', 'memcached', 'influxdb', 'db2', 'snowflake', 'presto', 'trino', 'vertica', 'hive2', 'nats', 'kafka',
];

/**
 * Whether a password taken from a connection string or URL is a real value:
 * not a template (`${PASS}`, `$(PGPASSWORD)`, `{password}`), not a placeholder
 * word (`password`, `YOUR_PASSWORD`, `REPLACE_WITH_PASSWORD`), not masked, not
 * the user name again, and not trivially short or repetitive.
 */
export function isRealPassword(password: string, user = '', host = ''): boolean {
  if (password.length < 4) return false;
  if (WEAK_DEFAULTS.has(password.toLowerCase()) && LOCAL_HOST.test(host)) return false;
  if (isTemplate(password) || isMasked(password) || isRepetitive(password)) return false;
  if (/^[$%{<[]|[{}]/.test(password)) return false;
  if (isPlaceholderPassword(password)) return false;
  if (user !== '' && password.toLowerCase() === user.toLowerCase()) return false;
  return true;
}

/** Trivial passwords that, on a local or placeholder host, are a development default rather than a leak. */
const WEAK_DEFAULTS = new Set(['pass', 'test', 'admin', 'root', 'guest', 'demo', 'dev', 'user', 'postgres', 'mysql', 'redis', 'mongo']);
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|::1|host|hostname|your[-_]?host|server)$/i;

/** The host right after the `@` that ends a match's userinfo. */
export function hostAfter(m: RegExpExecArray): string {
  return /^@\[?([^\s/:?#'"<>\]]+)/.exec(textAfter(m, 300))?.[1] ?? '';
}

const PLACEHOLDER_PASSWORDS = new Set([
  'password', 'passwd', 'pwd', 'secret', 'changeme', 'changeit', 'example', 'sample', 'dummy', 'placeholder', 'redacted', 'null', 'none',
]);

/**
 * A password that names itself instead of being one: `password`, `secret`,
 * `YOUR_PASSWORD`, `REPLACE_WITH_PASSWORD`, `mypassword`, `TestSourcePassword`.
 * Anything with a digit is taken as a (weak) real password: `secret123`.
 */
export function isPlaceholderPassword(password: string): boolean {
  if (/[0-9]/.test(password)) return false;
  const letters = password.toLowerCase().replace(/[^a-z]/g, '');
  if (PLACEHOLDER_PASSWORDS.has(letters) || /passw(?:or)?d/.test(letters)) return true;
  return /^(?:your|my|enter|insert|replace|put|the|some|fake|dummy|example|sample)(?:with)?(?:real|own)?(?:db|database|user|app|api)?(?:password|passwd|pwd|pass|secret|key|token)/.test(letters);
}

/**
 * Database connection strings with a password: `scheme://user:password@host`
 * for the usual database schemes (also behind `jdbc:`), Oracle thin
 * `user/password@host`, and `password=`/`pwd=` in JDBC query strings and
 * ADO.NET / ODBC key-value strings. The value is the password.
 */
export const dbConnectionString: Detector = secretDetector({
  id: 'db_connection_string',
  description: 'Database connection string with a password (postgres, mysql, mongodb, redis, amqp, mssql, JDBC, ADO.NET…)',
  validation: 'database URL userinfo or password= parameter; templates, placeholders and user=password rejected',
  anchors: [...DB_SCHEMES.map((s) => s.replace('\\+', '+') + ':'), 'jdbc:', 'password=', 'pwd=', 'password =', 'pwd ='],
  pattern: new RegExp(
    // Each branch captures its password in a lookahead (uv, ov, kv) with its own
    // terminator; `value` then consumes whichever one matched (a backreference to
    // a group that did not take part matches the empty string).
    '(?:' +
      [
        `(?<![\\w+.\\-])(?:jdbc:)?(?:${DB_SCHEMES.join('|')})://(?<user>[^\\s:@/'"<>]{0,128}):(?=(?<uv>[^\\s/'"<>]{1,128})@[^\\s@'"<>/]*(?:[/?#\\s'"<>,;)]|$))`,
        `jdbc:oracle:[a-z]+:(?<ouser>[a-z0-9_$#]{1,64})/(?=(?<ov>[^\\s@/'"]{1,128})@)`,
        `(?:jdbc:[a-z0-9]+:[^\\s'"]{0,256}?[;?&]|(?<![\\w])(?:Server|Data Source|Host|Address|Addr|Database|Initial Catalog|Uid|User ID|User|Username)[ \\t]*=[^;\\n'"]{0,128};(?:[^;\\n'"]{0,128};){0,8}[ \\t]*)(?:password|pwd)[ \\t]*=[ \\t]*(?=(?<kv>[^;&\\s'"][^;&'"\\r\\n]{0,127}?)[ \\t]*(?:[;&'"\\r\\n]|$))`,
      ].join('|') +
      ')(?<value>\\k<uv>\\k<ov>\\k<kv>)',
    'gi',
  ),
  validate: (value, m) => {
    const user = m.groups?.['user'] ?? m.groups?.['ouser'] ?? '';
    return isRealPassword(decodePercent(value), decodePercent(user), hostAfter(m));
  },
  confidence: 'high',
  example: 'DATABASE_URL=postgres://app:' + 'Xk9-vQ2rLm7t' + '@db.internal:5432/orders',
});

/**
 * user:password in a URL of any other scheme (`https://user:pass@host`,
 * `ftp://…`, `git+https://<token>:x-oauth-basic@github.com`). The value is the
 * whole userinfo, because either part can be the secret.
 */
export const urlCredentials: Detector = secretDetector({
  id: 'url_credentials',
  description: 'Credentials in a URL (scheme://user:password@host)',
  validation: 'RFC 3986 userinfo with a non-placeholder password (or token user with x-oauth-basic)',
  anchors: ['://'],
  pattern:
    /(?<![\w+.-])(?:https?|ftps?|sftp|ssh|git(?:\+(?:https?|ssh))?|svn(?:\+ssh)?|smtps?|imaps?|pop3s?|ldaps?|socks[45]h?|wss?|rtsp|nntp|davs?|webdavs?|s3|gs)(?<![:/])(?::\/\/)(?<value>[^\s:@/'"<>()[\]]{0,128}:[^\s/'"<>]{1,128})(?=@[A-Za-z0-9[])/g,
  validate: (value, m) => {
    const colon = value.indexOf(':');
    const user = decodePercent(value.slice(0, colon));
    const password = decodePercent(value.slice(colon + 1));
    if (/^x-oauth-basic$|^x-oauth-token$/i.test(password) || password === '') return user.length >= 20 && isRealPassword(user);
    return isRealPassword(password, user, hostAfter(m));
  },
  confidence: 'high',
  example: 'https://deploy:' + '9E2mn7jvr9Qd' + '@ci.example.org/repo.git',
});

function decodePercent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const CONNECTION_STRING_DETECTORS: readonly Detector[] = [dbConnectionString, urlCredentials];
