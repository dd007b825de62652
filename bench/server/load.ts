// The load generator of `npm run bench:server`, run as its own process so it does
// not share the server's event loop: autocannon posting NDJSON CloudTrail
// batches, each with event ids no other request used. Prints autocannon's result
// as JSON. Argument: one JSON object {url, token, events, connections, seconds}.
import { createRequire } from 'node:module';
import { batchBody, batchTemplate } from './records.js';

interface LoadArgs {
  url: string;
  token: string;
  events: number;
  connections: number;
  seconds: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  throughput: { average: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const args = JSON.parse(process.argv[2] ?? '{}') as LoadArgs;
const template = batchTemplate(args.events, Date.now() - 3_600_000);
let n = 0;
const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;

const result = await autocannon({
  url: `${args.url}/api/v1/events?format=cloudtrail`,
  connections: args.connections,
  duration: args.seconds,
  timeout: 60,
  requests: [
    {
      method: 'POST',
      headers: { authorization: `Bearer ${args.token}`, 'content-type': 'application/x-ndjson' },
      setupRequest: (req: Record<string, unknown>) => ({ ...req, body: batchBody(template, `${run}-${(n++).toString(36)}`) }),
    },
  ],
});
process.stdout.write(JSON.stringify(result) + '\n');
