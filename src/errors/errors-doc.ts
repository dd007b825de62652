// docs/errors.md is generated from the catalogue (`npm run docs`), so the two never drift.
import { ERROR_CATALOGUE } from './catalogue.js';

const INTRO =
  'Every error Leakwatch raises on purpose carries one of these codes. Per-file scan problems appear in a report\'s `errors` list (the scan goes on); per-record ingest problems go to the dead-letter table; the others end the command with exit code 2, or answer an HTTP request with the status shown and a body `{"code","message"}`.';

export function errorsMarkdown(): string {
  const rows = Object.entries(ERROR_CATALOGUE).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.message} |`);
  return ['# Error codes', '', INTRO, '', '| code | HTTP status | meaning |', '| --- | --- | --- |', ...rows, ''].join('\n');
}
