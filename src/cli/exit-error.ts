// The one way a command ends the process with a code: it throws ExitError and
// main.ts turns it into the exit code. Commands never call process.exit.

/** 0 clean, 1 findings or alerts, 2 error. */
export type ExitCode = 0 | 1 | 2;

export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(readonly exitCode: ExitCode, message = '') {
    super(message);
  }
}
