// ingest, events, alerts: audit logs in, alerts out.
import { Option, type Command } from 'commander';
import { DATA_FLAGS } from './options.js';

export function registerEvents(program: Command): void {
  program
    .command('alerts')
    .description('list the alerts detection raised, newest first')
    .option(...DATA_FLAGS)
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, else json)').choices(['table', 'json', 'jsonl']))
    .option('--since <time>', 'alerts active since: a span back from now (24h, 7d), an ISO date or time, or epoch ms')
    .addOption(new Option('--min-severity <level>', 'at or above this severity').choices(['low', 'medium', 'high', 'critical']))
    .option('--limit <n>', 'at most this many alerts (default 1000)')
    .option('--no-color', 'no colours')
    .action(async (flags) => (await import('../commands/alerts.js')).alertsCommand(flags));
  program
    .command('ingest')
    .description('read audit logs (CloudTrail, S3 access, M365, Workspace, Okta, Entra, auditd, Windows JSON, JSONL) into the store')
    .argument('<paths...>', 'files or folders (.gz read as such), - for stdin')
    .option(...DATA_FLAGS)
    .addOption(new Option('--format <format>', 'log format (default: recognised by content)').choices(['auto', 'cloudtrail', 's3access', 'm365', 'gworkspace', 'okta', 'entra', 'auditd', 'windows', 'jsonl']))
    .option('--mapping <file>', 'field mapping (JSON or YAML) for generic JSONL')
    .option('--json', 'print the summary as one JSON document')
    .option('--follow', 'keep reading files as they grow, across rotation, until interrupted')
    .option('--max-record-bytes <n>', 'largest record read (default 8388608); larger ones are dead-lettered')
    .option('--max-future-skew <hours>', 'events further in the future are dead-lettered (default 24)')
    .option('--keep-missing-time', 'store records without an event time at their ingest time, flagged, instead of dead-lettering them')
    .option('--no-progress', 'no progress bar')
    .action(async (paths: string[], flags) => (await import('../commands/ingest.js')).ingestCommand(paths, flags));
  program
    .command('events')
    .description('export stored events, oldest first (--format ocsf for OCSF)')
    .option(...DATA_FLAGS)
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'json', 'ocsf']).default('jsonl'))
    .option('--since <time>', 'events at or after: 24h, 7d, an ISO date or epoch ms')
    .option('--until <time>', 'events before: 24h, 7d, an ISO date or epoch ms')
    .option('--source <format>', 'only this source (cloudtrail, m365, ...)')
    .option('--channel <channel>', 'only this channel (download, share_link, ...)')
    .option('--actor <actor>', 'only this user or service')
    .option('--limit <n>', 'at most this many events')
    .option('--raw', 'include the raw vendor record (json and jsonl)')
    .action(async (flags) => (await import('../commands/events.js')).eventsCommand(flags));
}
