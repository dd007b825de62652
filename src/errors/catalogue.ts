// The one catalogue of error codes: every code Leakwatch can raise, with the HTTP
// status a server answers with and a short, stable description. Docs and types
// are checked against this table by errors.test.ts.

export const ERROR_CATALOGUE = {
  // scan: per-file problems. They land in a report's `errors`; the scan goes on.
  SCAN_FILE_UNREADABLE: { status: 422, message: 'The file could not be read (permissions, vanished, or an I/O error).' },
  SCAN_FILE_TOO_LARGE: { status: 413, message: 'The file is larger than the configured maxFileBytes limit; it was not scanned.' },
  SCAN_BINARY_SKIPPED: { status: 422, message: 'The file is binary and of no format the scanner extracts; it was skipped.' },
  SCAN_ENCODING_INVALID: { status: 422, message: 'The text is not valid in any supported encoding; it was decoded with replacement characters.' },
  SCAN_LINE_TOO_LONG: { status: 422, message: 'A line is longer than maxLineLength; it was scanned in bounded windows.' },
  SCAN_ARCHIVE_TOO_DEEP: { status: 422, message: 'An archive nests deeper than maxArchiveDepth; the inner archive was not opened.' },
  SCAN_DECOMPRESSION_LIMIT: { status: 422, message: 'A member decompresses past the size or ratio limit (a possible zip bomb); it was not scanned.' },
  SCAN_ARCHIVE_ENCRYPTED: { status: 422, message: 'An archive member is encrypted; it cannot be scanned without the password.' },
  SCAN_ARCHIVE_CORRUPT: { status: 422, message: 'The archive is corrupt or truncated; members read before the damage were scanned.' },
  SCAN_ARCHIVE_TOO_MANY_ENTRIES: { status: 422, message: 'The archive holds more members than maxArchiveEntries; the rest were skipped.' },
  SCAN_DOCUMENT_CORRUPT: { status: 422, message: 'The Office document, PDF or e-mail is corrupt; its text could not be extracted.' },
  SCAN_DOCUMENT_ENCRYPTED: { status: 422, message: 'The document is password-protected; its text could not be extracted.' },
  SCAN_DOCUMENT_TRUNCATED: { status: 422, message: 'The document holds more text than maxDocumentTextChars; only the first part was scanned.' },
  SCAN_SYMLINK_LOOP: { status: 422, message: 'A symbolic link leads back into a folder being walked; it was not followed.' },
  SCAN_TIMEOUT: { status: 422, message: 'Extracting the file took longer than the configured limit; it was abandoned.' },
  // scan: problems with the whole run.
  SCAN_PATH_NOT_FOUND: { status: 404, message: 'A path given to scan does not exist.' },
  SCAN_CONFIG_INVALID: { status: 400, message: 'The configuration file is not valid.' },
  SCAN_DETECTOR_INVALID: { status: 400, message: 'A custom detector in the configuration is not valid.' },
  SCAN_WORKER_FAILED: { status: 500, message: 'A scan worker failed unexpectedly; the file it held was reported and the scan went on.' },
  // detect: rule files, model state and alert output.
  DETECT_RULE_SYNTAX: { status: 400, message: 'A rule file is not valid YAML or JSON; the previous rule set stays active.' },
  DETECT_RULE_INVALID: { status: 400, message: 'A rule in a rule file breaks the rule schema (unknown field, bad operator, bad regex, duplicate id); the previous rule set stays active.' },
  DETECT_RULES_UNREADABLE: { status: 422, message: 'A rule file or folder could not be read.' },
  DETECT_STATE_INVALID: { status: 422, message: 'A saved detection state snapshot is corrupt or of another version; detection starts from a fresh state.' },
  // auth: accounts, sessions, tokens.
  AUTH_REQUIRED: { status: 401, message: 'This request needs a signed-in session or an API token.' },
  AUTH_FORBIDDEN: { status: 403, message: 'The signed-in role or the token scopes do not allow this request.' },
  AUTH_CSRF: { status: 403, message: 'The request lacks the CSRF token of its session.' },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: 'The user name or the password is wrong.' },
  AUTH_LOCKED: { status: 423, message: 'The account is locked after repeated failed logins; try again later.' },
  AUTH_RATE_LIMITED: { status: 429, message: 'Too many failed logins from this address; try again later.' },
  AUTH_SETUP_INVALID: { status: 403, message: 'The setup link is unknown, used or expired; restart the server for a new one.' },
  AUTH_SETUP_DONE: { status: 409, message: 'Setup is done: an account exists already.' },
  AUTH_PASSWORD_WEAK: { status: 400, message: 'The password does not meet the password policy.' },
  AUTH_INVALID_INPUT: { status: 400, message: 'An account or token field is not valid.' },
  AUTH_LAST_ADMIN: { status: 409, message: 'The last active admin cannot be demoted or disabled.' },
  // server: HTTP requests.
  SERVER_BAD_REQUEST: { status: 400, message: 'The request is malformed or breaks the endpoint schema.' },
  SERVER_NOT_FOUND: { status: 404, message: 'No such resource.' },
  SERVER_PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is larger than the configured limit.' },
  SERVER_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body has a content type this endpoint does not accept.' },
  SERVER_OVERLOADED: { status: 503, message: 'The server is at capacity; retry after the time in Retry-After.' },
  SERVER_PATH_NOT_ALLOWED: { status: 403, message: 'The server-side path is outside the folders an admin allowed for scanning.' },
  SERVER_INTERNAL: { status: 500, message: 'An unexpected error; it was logged without request data.' },
  STORE_CONFLICT: { status: 409, message: 'The record conflicts with one that exists (a unique name or id).' },
  // cli
  CLI_USAGE: { status: 400, message: 'The command line is not valid.' },
  CLI_OUTPUT_FAILED: { status: 500, message: 'The output could not be written.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
