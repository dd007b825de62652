// What a test asks of a failure: the code of the LeakwatchError it raised.
// Anything that is not a LeakwatchError is a bug and is thrown on.
import { isLeakwatchError } from '../../src/errors/index.js';

/** The code of the LeakwatchError `fn` throws, or undefined when it returns. */
export function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (isLeakwatchError(err)) return err.code;
    throw err;
  }
}

/** The code of the LeakwatchError `p` rejects with, or undefined when it resolves. */
export async function rejectedCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    if (isLeakwatchError(err)) return err.code;
    throw err;
  }
}
