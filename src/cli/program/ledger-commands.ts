// ledger init|append|checkpoint|prove|consistency|verify|witness.
import type { Command } from 'commander';
import { DATA_FLAGS } from './options.js';

export function registerLedger(program: Command): void {
  const ledger = program.command('ledger').description('the tamper-evident audit ledger: append, prove, verify, witness');
  const sub = (name: string, description: string) =>
    ledger
      .command(name)
      .description(description)
      .option('--dir <dir>', name === 'witness' ? "the witness's own folder (default: <data>/witness)" : 'a standalone log folder (default: <data>/ledger)')
      .option(...DATA_FLAGS);
  const run = (name: string) => async (flags: object) => (await import('../commands/ledger.js')).ledgerCommand(name, flags);
  sub('init', 'create a log and its Ed25519 signing key; prints the verifier key').option('--origin <name>', 'the log origin (default: a fresh unique name)').action(run('init'));
  sub('append', 'append JSON records from stdin, one a line; prints their indices once a signed checkpoint covers them').option('--hex', 'raw leaves in hex instead, one a line (an empty line is the empty leaf)').action(run('append'));
  sub('checkpoint', 'print the latest signed checkpoint').action(run('checkpoint'));
  sub('prove', 'print the inclusion proof of an entry').requiredOption('--index <i>', 'entry index').option('--size <n>', 'tree size (default: the checkpoint)').option('--vkey <key>', 'verifier key (default: ledger.json)').action(run('prove'));
  sub('consistency', 'print the consistency proof between two tree sizes').requiredOption('--from <m>', 'older size').option('--to <n>', 'newer size (default: the checkpoint)').option('--vkey <key>', 'verifier key (default: ledger.json)').action(run('consistency'));
  sub('verify', 'recompute the whole tree and check every tile and the checkpoint; exit 1 naming what is wrong').option('--vkey <key>', 'verifier key, or a file holding it (default: ledger.json)').option('--log <dir-or-url>', 'verify this log instead of --dir').action(run('verify'));
  sub('witness', 'check a log is consistent with the checkpoint last seen and cosign it; exit 1 on a rollback or fork').requiredOption('--log <dir-or-url>', 'the log to witness').requiredOption('--vkey <key>', "the log's verifier key").option('--name <name>', 'witness key name when it is created').action(run('witness'));
}
