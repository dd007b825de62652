// Content extraction: one file or byte buffer in, decoded text documents out. Formats
// are told by content (zip, Office, PDF, gzip, tar, e-mail, text in several encodings),
// archives are opened recursively, and every limit breach or damage is an issue.
export { extractBytes, extractFile } from './extractor.js';
export { DEFAULT_LIMITS, type ExtractLimits } from './limits.js';
export type { ExtractIssue, ExtractSink, TextDocument, TextFormat } from './document.js';
