// Options several commands share.
import { Option, type Command } from 'commander';

export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The platform's data directory. */
export const DATA_FLAGS = ['--data <dir>', 'data directory (default: LEAKWATCH_DATA or ./data)'] as const;

/** The scanner's options, shared by scan, redact and detectors. */
export function commonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'configuration file (default: ./leakwatch.config.json when present)')
    .addOption(new Option('--min-confidence <level>', 'report only findings at or above this confidence').choices(['low', 'medium', 'high']))
    .option('--only <ids>', 'run only these detector ids (comma-separated)')
    .option('--disable <ids>', 'leave out these detector ids (comma-separated)')
    .option('--salt <salt>', 'salt for fingerprints (default: LEAKWATCH_SALT, the config, or a per-user salt)')
    .option('--limit <name=value>', 'override a limit, e.g. maxArchiveDepth=3 (repeatable)', collect);
}
