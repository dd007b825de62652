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
  // cli
  CLI_USAGE: { status: 400, message: 'The command line is not valid.' },
  CLI_OUTPUT_FAILED: { status: 500, message: 'The output could not be written.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
