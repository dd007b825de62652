// Reading tar archives as a stream with tar-stream: members come out one by one, in
// order, each drained before the next, so a tar of any size (or a .tar.gz straight
// from the inflater) is read in bounded memory.
import tarStream from 'tar-stream';
import { LeakwatchError } from '../../errors/index.js';
import { ByteStream } from './byte-source.js';

export interface TarMember {
  readonly name: string;
  readonly data: ByteStream;
}

/**
 * The regular files of a tar stream. Each member's data is drained before the next
 * is read. Throws one LeakwatchError per archive: the source's own (a truncated gzip
 * under the tar), else SCAN_ARCHIVE_CORRUPT at `path`; the same error object also
 * ends a member's data when the damage is inside it.
 */
export async function* tarMembers(src: AsyncIterable<Uint8Array>, path: string): AsyncGenerator<TarMember> {
  const extract = tarStream.extract();
  let sourceError: unknown;
  let failure: LeakwatchError | undefined;
  const fail = (err: unknown): LeakwatchError => {
    failure ??= err instanceof LeakwatchError ? err
      : sourceError instanceof LeakwatchError ? sourceError
        : new LeakwatchError('SCAN_ARCHIVE_CORRUPT', 'The tar archive is truncated or damaged; members before the damage were scanned.', { path });
    return failure;
  };
  const pump = (async () => {
    try {
      for await (const chunk of src) {
        if (extract.destroyed) return;
        if (!extract.write(chunk)) await writable(extract);
      }
      extract.end(undefined); // streamx's typings want an argument; undefined writes nothing
    } catch (err) {
      sourceError = err;
      extract.destroy(err instanceof Error ? err : new Error('source failed'));
    }
  })();
  async function* guarded(entry: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of entry) yield chunk;
    } catch (err) {
      throw fail(err);
    }
  }
  try {
    for await (const entry of extract) {
      const h = entry.header;
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      const data = ByteStream.from(guarded(entry as AsyncIterable<Uint8Array>));
      yield { name: h.name.replace(/^(\.\/)+/, ''), data };
      await data.drain();
    }
  } catch (err) {
    throw fail(err);
  } finally {
    extract.destroy();
    await pump;
  }
}

/** Resolves when the stream takes writes again, or is gone. */
function writable(stream: NodeJS.EventEmitter & { destroyed?: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => { stream.off('drain', done); stream.off('close', done); resolve(); };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
