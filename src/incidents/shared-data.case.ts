// Paths to the shared real-world datasets (../shared from the project root).
// Tests that read them skip, with the reason in their name, when it is absent.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DATASETS = resolve(import.meta.dirname, '../../../shared/datasets');
export const VCDB_FILE = join(DATASETS, 'vcdb/incidents.jsonl.gz');
export const VCDB_SCHEMA = join(DATASETS, 'vcdb/schema/vcdb-1.3.4/vcdb-merged.json');
export const VERIS_141_SCHEMA = join(DATASETS, 'vcdb/schema/veris-1.4.1/verisc-merged.json');
export const HHS_ARCHIVE = join(DATASETS, 'hhs-ocr-breaches/archive.csv.gz');
export const HHS_OPEN = join(DATASETS, 'hhs-ocr-breaches/under-investigation.csv.gz');
export const DORK_FILE = join(DATASETS, 'dork-admin-zh/events.jsonl');

export const haveVcdb = existsSync(VCDB_FILE) && existsSync(VCDB_SCHEMA) && existsSync(VERIS_141_SCHEMA);
export const haveHhs = existsSync(HHS_ARCHIVE) && existsSync(HHS_OPEN);
export const haveDork = existsSync(DORK_FILE);
