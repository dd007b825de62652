// serve and demo: the platform server.
import type { Command } from 'commander';
import { collect, DATA_FLAGS } from './options.js';

export function registerPlatform(program: Command): void {
  program
    .command('serve')
    .description('run the platform server with the web dashboard')
    .option(...DATA_FLAGS)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (default: PORT or 8080)')
    .option('--scan-root <dir>', 'a server folder that may be scanned by path (repeatable)', collect)
    .option('--quiet', 'no request log')
    .option('--demo', 'run `leakwatch demo` instead: a demo organisation streaming live (also takes --days and --speed)')
    .option('--days <n>', 'with --demo: days of history (default 30)')
    .option('--speed <x>', 'with --demo: live pace, times real time (default 1)')
    .action(async (flags) => (await import('../commands/serve.js')).serveCommand(flags));
  program
    .command('demo')
    .description('fill a fresh data directory with a demo organisation (a month of activity, planted leaks), keep it streaming live, and serve the dashboard')
    .option('--data <dir>', 'data directory (default: LEAKWATCH_DATA or ./data); refused when it holds real events')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (default: PORT or 8080)')
    .option('--days <n>', 'days of history (default 30)')
    .option('--speed <x>', 'live pace, times real time: batches and planted leaks come this much faster (default 1)')
    .option('--quiet', 'no server log')
    .action(async (flags) => (await import('../commands/demo.js')).demoCommand(flags));
}
