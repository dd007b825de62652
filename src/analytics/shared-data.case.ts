// Paths to the shared real-world datasets (../shared from the project root).
// Tests that read them skip, with the reason in their name, when it is absent.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DATASETS = resolve(import.meta.dirname, '../../../shared/datasets');
export const VCDB_FILE = join(DATASETS, 'vcdb/incidents.jsonl.gz');
export const VCDB_FIGURES = join(DATASETS, 'vcdb/reference-figures.json');
export const haveVcdb = existsSync(VCDB_FILE) && existsSync(VCDB_FIGURES);
