// Runs a command and measures its wall time and peak resident memory (the
// child's ru_maxrss, read by a tiny Python wrapper because Node cannot read a
// child's rusage), with an optional time limit.
import { spawn } from 'node:child_process';

export interface Measured {
  seconds: number;
  peakRssMb: number;
  exitCode: number;
  timedOut: boolean;
  stdout: string;
}

const WRAPPER = `
import json, resource, subprocess, sys, time
limit = float(sys.argv[1]); cmd = sys.argv[2:]
t = time.monotonic()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
timed_out = False
try:
    out, _ = p.communicate(timeout=limit if limit > 0 else None)
except subprocess.TimeoutExpired:
    p.terminate(); timed_out = True
    try:
        out, _ = p.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        p.kill(); out, _ = p.communicate()
secs = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
sys.stderr.write(json.dumps({"seconds": secs, "peakRssMb": rss, "exitCode": p.returncode, "timedOut": timed_out}) + "\\n")
sys.stdout.write(out.decode("utf-8", "replace")[-20000:])
`;

export function measure(cmd: string, args: readonly string[], timeLimitSeconds = 0, cwd?: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', WRAPPER, String(timeLimitSeconds), cmd, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const line = err.trim().split('\n').pop() ?? '';
      try {
        resolve({ ...(JSON.parse(line) as Omit<Measured, 'stdout'>), stdout: out });
      } catch {
        reject(new Error(`measurement failed: ${err.slice(-500)}`));
      }
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
