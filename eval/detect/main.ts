// `npm run eval:detect`: detection quality on data nobody here wrote (Panther's
// labelled rule tests in ../shared) and on a generated organisation with planted
// incidents. Prints one JSON document per suite, then a summary; exits 1 below
// any goal (Panther agreement >= 95 %; >= 90 % of incidents detected with <= 2
// false alerts per 1,000 user-days).
//   npm run eval:detect [-- panther|org] [--seed N]
import { existsSync } from 'node:fs';
import { loadEventsAdapter } from './events-adapter.js';
import { evalOrg } from './org/run.js';
import { evalPanther, LOGS } from './panther.js';

const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : undefined;
if (seed !== undefined && !Number.isInteger(seed)) {
  process.stderr.write('--seed takes an integer\n');
  process.exit(2);
}
const only = args.find((a, i) => !a.startsWith('--') && (seedAt < 0 || i !== seedAt + 1));
if (only !== undefined && only !== 'panther' && only !== 'org') {
  process.stderr.write(`unknown suite ${only} (panther or org)\n`);
  process.exit(2);
}
const events = await loadEventsAdapter();
const results: { suite: string; pass: boolean; skipped?: boolean }[] = [];

if (only === undefined || only === 'panther') {
  if (!existsSync(LOGS)) {
    process.stdout.write(JSON.stringify({ suite: 'panther', skipped: true, reason: '../shared/datasets/logs is absent' }) + '\n');
    results.push({ suite: 'panther', pass: true, skipped: true });
  } else {
    const started = performance.now();
    const report = await evalPanther(events);
    process.stdout.write(JSON.stringify({ suite: 'panther', ...report }, null, 2) + '\n');
    process.stderr.write(`panther: ${report.cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    results.push({ suite: 'panther', pass: report.pass });
  }
}
if (only === undefined || only === 'org') {
  const started = performance.now();
  const report = await evalOrg(events, seed !== undefined ? { seed } : {});
  process.stdout.write(JSON.stringify({ suite: 'org', ...report }, null, 2) + '\n');
  process.stderr.write(`org: ${report.events} events in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  results.push({ suite: 'org', pass: report.pass });
}
const failed = results.filter((r) => !r.pass).map((r) => r.suite);
process.stdout.write(JSON.stringify({ summary: 'eval:detect', suites: results.map((r) => r.suite), failed, pass: failed.length === 0 }) + '\n');
process.exitCode = failed.length === 0 ? 0 : 1;
