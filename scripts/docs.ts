// `npm run docs`: rewrites the generated parts of the docs (the README's detector
// table) from the code.
import { readFile, writeFile } from 'node:fs/promises';
import { DEFAULT_DETECTORS, withDetectorTable } from '../src/scan/index.js';

const path = new URL('../README.md', import.meta.url);
const before = await readFile(path, 'utf8');
const after = withDetectorTable(before, DEFAULT_DETECTORS);
if (after !== before) await writeFile(path, after);
process.stdout.write(after === before ? 'README.md is up to date\n' : 'README.md detector table rewritten\n');
