// `npm run docs`: rewrites the generated docs from the code: the README's detector
// table and docs/errors.md from the error catalogue.
import { readFile, writeFile } from 'node:fs/promises';
import { DEFAULT_DETECTORS, withDetectorTable } from '../src/scan/index.js';
import { errorsMarkdown } from '../src/errors/index.js';

async function rewrite(url: URL, make: (before: string) => string): Promise<void> {
  const before = await readFile(url, 'utf8').catch(() => '');
  const after = make(before);
  if (after !== before) await writeFile(url, after);
  process.stdout.write(`${url.pathname.split('/').slice(-2).join('/')}: ${after === before ? 'up to date' : 'rewritten'}\n`);
}

await rewrite(new URL('../README.md', import.meta.url), (before) => withDetectorTable(before, DEFAULT_DETECTORS));
await rewrite(new URL('../docs/errors.md', import.meta.url), () => errorsMarkdown());
