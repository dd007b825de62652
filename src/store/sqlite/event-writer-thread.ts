// The writer thread's body: its own connection to the database file, an
// IngestWrites on it, and a loop that writes each group of queued jobs in one
// transaction (a savepoint per job, so one bad batch fails alone).
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { IngestWrites } from './event-insert.js';
import { describeError, type WriterReply, type WriterRequest } from './event-writer.js';
import { configureWriter } from './pragmas.js';

/** Batches written in one transaction at most. */
const MAX_GROUP = 16;

const port = parentPort!;
const { file, busyTimeoutMs } = workerData as { file: string; busyTimeoutMs: number };
const db = new Database(file, { timeout: busyTimeoutMs });
// Appends touch the right edge of the tables and indexes: 16 MiB of cache serve it
// as well as 64 (measured), and the process keeps 40 MB less.
configureWriter(db, 16_384);
const writes = new IngestWrites(db);
port.postMessage({ ready: true });

port.on('message', (first: WriterRequest) => {
  const group: WriterRequest[] = [first];
  for (let m; group.length < MAX_GROUP && !('close' in group[group.length - 1]!) && (m = receiveMessageOnPort(port)); ) group.push(m.message as WriterRequest);
  const replies: WriterReply[] = [];
  const batches = group.filter((r): r is Extract<WriterRequest, { job: unknown }> => 'job' in r);
  if (batches.length > 0) {
    try {
      db.transaction(() => {
        for (const b of batches) {
          try {
            replies.push({ id: b.id, result: writes.apply(b.job) });
          } catch (err) {
            replies.push({ id: b.id, error: describeError(err, b.job) });
          }
        }
      })();
    } catch (err) {
      // The commit itself failed: nothing of the group is stored.
      replies.length = 0;
      for (const b of batches) replies.push({ id: b.id, error: describeError(err, b.job) });
    }
  }
  for (const r of replies) port.postMessage(r);
  if ('close' in group[group.length - 1]!) {
    db.close();
    port.close();
  }
});
