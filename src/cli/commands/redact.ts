// `leakwatch redact IN OUT`: writes a copy of a text, CSV or JSON file with every
// finding masked, replaced by a salted hash, or by a type tag.
import { redactFile, type RedactMode } from '../../scan/index.js';
import { ExitError } from '../exit-error.js';
import { buildScanOptions, type CommonFlags } from '../scan-options.js';

export interface RedactFlags extends CommonFlags {
  mode?: string;
  json?: boolean;
}

const MODES: readonly RedactMode[] = ['mask', 'hash', 'tag'];

export async function redactCommand(input: string, output: string, flags: RedactFlags): Promise<void> {
  const mode = (flags.mode ?? 'mask') as RedactMode;
  if (!MODES.includes(mode)) throw new ExitError(2, `--mode must be one of ${MODES.join(', ')}`);
  const options = await buildScanOptions(flags);
  const result = await redactFile(input, output, mode, options);
  if (flags.json) {
    process.stdout.write(JSON.stringify({ input, output, mode, ...result }) + '\n');
  } else {
    const types = Object.entries(result.replaced).map(([t, n]) => `${t}×${n}`).join(', ');
    process.stdout.write(`${output}: ${result.total} value(s) redacted (${mode})${types ? `: ${types}` : ''}\n`);
    if (result.inputEncoding !== 'utf-8') process.stdout.write(`note: the input was ${result.inputEncoding}; the copy is written as UTF-8\n`);
  }
  for (const i of result.issues) process.stderr.write(`${i.code}: ${i.path}: ${i.message}\n`);
}
