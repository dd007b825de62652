// Inflating gzip (RFC 1952) as a stream with node:zlib, metered so that a gzip bomb
// is stopped while it inflates. Concatenated members are read as one stream, as
// gunzip does.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { LeakwatchError } from '../../errors/index.js';
import type { InflateMeter } from './inflate-meter.js';

/**
 * The inflated bytes of a gzip stream. Throws the source's LeakwatchError if the
 * source fails, SCAN_ARCHIVE_CORRUPT at `path` for a truncated or damaged stream, and
 * SCAN_DECOMPRESSION_LIMIT from the meter.
 */
export async function* gunzip(src: AsyncIterable<Uint8Array>, meter: InflateMeter, path: string): AsyncGenerator<Uint8Array> {
  let sourceError: unknown;
  async function* tapped(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of src) yield chunk;
    } catch (err) {
      sourceError = err;
      throw err;
    }
  }
  const zlib = createGunzip();
  // Errors surface through the iteration of `zlib` below; the pipeline's own promise is only awaited so it never dangles.
  const piping = pipeline(Readable.from(tapped(), { objectMode: false }), zlib).catch(() => undefined);
  let counted = 0;
  try {
    for await (const chunk of zlib as AsyncIterable<Buffer>) {
      meter.input(zlib.bytesWritten - counted);
      counted = zlib.bytesWritten;
      meter.output(chunk.length);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof LeakwatchError) throw err;
    if (sourceError instanceof LeakwatchError) throw sourceError;
    throw new LeakwatchError('SCAN_ARCHIVE_CORRUPT', 'The gzip stream is truncated or damaged; the data before the damage was scanned.', { path });
  } finally {
    zlib.destroy();
    await piping;
  }
}
