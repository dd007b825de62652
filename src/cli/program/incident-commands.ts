// incidents import|list|show|export, report, export --dp.
import { Option, type Command } from 'commander';
import { collect, DATA_FLAGS } from './options.js';

export function registerIncidents(program: Command): void {
  const incidents = program.command('incidents').description('the incident registry (VERIS): import, list, show, export');
  incidents
    .command('import')
    .description('import incidents: VERIS JSON/JSONL (gzip too, or a folder of .json), the HHS OCR breach CSV, the Dork-Admin chronicle; exit 1 when records were skipped')
    .argument('<paths...>', 'files or folders')
    .option(...DATA_FLAGS)
    .addOption(new Option('--format <format>', 'input format (default: recognised by content)').choices(['auto', 'veris', 'hhs-ocr', 'dork-admin-zh']))
    .option('--dataset <name>', 'dataset the incidents join; privacy budgets are per dataset (default: the format)')
    .addOption(new Option('--status <status>', 'status of new incidents (default closed: past, public incidents)').choices(['new', 'triage', 'contained', 'resolved', 'closed']))
    .option('--json', 'print the summaries as JSON')
    .action(async (paths: string[], flags) => (await import('../commands/incidents.js')).incidentsImportCommand(paths, flags));
  incidents
    .command('list')
    .description('list incidents, latest change first')
    .option(...DATA_FLAGS)
    .option('--dataset <name>', 'only this dataset (repeatable)', collect)
    .option('--status <status>', 'only this status (repeatable)', collect)
    .option('--year <year>', 'only incidents of this year')
    .option('--channel <channel>', 'only this leak channel')
    .option('--cause <cause>', 'only this cause class')
    .option('--country <code>', 'only incidents with this victim country')
    .option('--text <text>', 'title contains')
    .option('--limit <n>', 'at most this many (default 50)')
    .option('--offset <n>', 'skip this many')
    .option('--json', 'print as JSON')
    .action(async (flags) => (await import('../commands/incidents.js')).incidentsListCommand(flags));
  incidents
    .command('show')
    .description('one incident: coding, leak fields, notification deadlines, timeline, comments, evidence')
    .argument('<id>', 'incident id')
    .option(...DATA_FLAGS)
    .option('--policies <file>', 'notification policies (JSON list; default: GDPR Art. 33, 72 hours)')
    .option('--json', 'print as JSON')
    .action(async (id: string, flags) => (await import('../commands/incidents.js')).incidentsShowCommand(id, flags));
  incidents
    .command('export')
    .description('write incidents as VERIS JSON Lines (stdout, or --output; .gz is gzipped)')
    .option(...DATA_FLAGS)
    .option('--dataset <name>', 'only this dataset (repeatable)', collect)
    .option('-o, --output <file>', 'write to a file (mode 0600)')
    .action(async (flags) => (await import('../commands/incidents.js')).incidentsExportCommand(flags));
  program
    .command('report')
    .description('incident report: counts, shares, monthly trends with flagged months, calendar-window rate ratios')
    .option(...DATA_FLAGS)
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, else json)').choices(['table', 'json', 'csv', 'html']))
    .option('--windows <file>', 'calendar windows (JSON or YAML; default: the windows saved in the store)')
    .option('--by <dims>', 'dimensions compared per window (default action,cause,channel,industry)')
    .option('--dataset <name>', 'only this dataset (repeatable)', collect)
    .option('--from <year>', 'only incidents from this year')
    .option('--to <year>', 'only incidents up to this year')
    .option('-o, --output <file>', 'write to a file (mode 0600)')
    .action(async (flags) => (await import('../commands/report.js')).reportCommand(flags));
  program
    .command('export')
    .description('differentially private release of incident counts (and sums) by dimensions, charged to each dataset’s privacy budget')
    .option(...DATA_FLAGS)
    .option('--dp', 'a differentially private release (the only kind)')
    .option('--epsilon <e>', 'privacy loss ε of this release')
    .option('--delta <d>', 'δ (default 0; needed for threshold key selection and the Gaussian mechanism)')
    .option('--by <dims>', 'dimensions: year, action, actor, disclosure, cause, channel, industry, region, country, official')
    .addOption(new Option('--mechanism <m>', 'noise (default laplace)').choices(['laplace', 'gaussian']))
    .addOption(new Option('--keys <mode>', 'release every public key, or only keys passing a threshold (default: public when δ = 0)').choices(['public', 'threshold']))
    .option('--max-keys <k>', 'contribution bound: cells per incident (default 1, or 2 with a multi-valued dimension)')
    .addOption(new Option('--sum <field>', 'also release noisy sums').choices(['records']))
    .option('--clamp <n>', 'largest records counted per incident in a sum')
    .option('--years <from-to>', 'public domain of year (default 1950 to this year)')
    .option('--dataset <name>', 'datasets to read and charge (repeatable; default all)', collect)
    .addOption(new Option('-f, --format <format>', 'output format (default json)').choices(['json', 'csv']))
    .option('-o, --output <file>', 'write to a file (mode 0600)')
    .option('--budget', 'print every dataset’s privacy budget instead')
    .option('--cap-epsilon <e>', 'set the ε cap of --dataset (any on a new budget, only lower afterwards)')
    .option('--cap-delta <d>', 'set the δ cap of --dataset (same rule)')
    .action(async (flags) => (await import('../commands/export.js')).exportCommand(flags));
}
