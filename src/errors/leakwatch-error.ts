// Errors as values with stable codes. Every error Leakwatch raises on purpose is a
// LeakwatchError whose code is in the catalogue; anything else is a bug.
import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';

export interface ErrorDetails {
  /** The file, archive member or record the error is about. */
  path?: string;
  line?: number;
  [key: string]: unknown;
}

export class LeakwatchError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'LeakwatchError';
  readonly code: C;
  readonly details: ErrorDetails;

  constructor(code: C, message?: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message ?? ERROR_CATALOGUE[code].message, options);
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

/** True for a LeakwatchError, optionally of one code. */
export function isLeakwatchError<C extends ErrorCode>(err: unknown, code?: C): err is LeakwatchError<C> {
  return err instanceof LeakwatchError && (code === undefined || err.code === code);
}

/** A safe one-line message for any thrown value (no stack, no raw input). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
