// Reads a log served over HTTP in the C2SP tlog-tiles layout (`<prefix>/checkpoint`,
// `<prefix>/tile/...`), as witnesses and auditors do. 404 means absent; anything
// else unexpected is LEDGER_FETCH_FAILED. Responses are size-capped and time-limited.
import { LeakwatchError } from '../errors/index.js';
import { CHECKPOINT_PATH, checkFullTilePath, checkResourcePath, type TileSource } from './tile-storage.js';

const MAX_BYTES = 256 * (2 + 0xffff);
const TIMEOUT_MS = 15_000;

export class HttpTileSource implements TileSource {
  readonly location: string;
  readonly #prefix: string;

  /** `token`: a bearer token for logs served behind authentication (a Leakwatch server wants a `read` token). */
  constructor(
    prefix: string,
    private readonly timeoutMs = TIMEOUT_MS,
    private readonly token?: string,
  ) {
    this.#prefix = prefix.replace(/\/+$/, '');
    this.location = this.#prefix;
  }

  async read(path: string): Promise<Buffer | null> {
    checkResourcePath(path);
    const url = `${this.#prefix}/${path}`;
    let res: Response;
    try {
      const headers: Record<string, string> = { accept: path === CHECKPOINT_PATH ? 'text/plain' : 'application/octet-stream' };
      if (this.token) headers['authorization'] = `Bearer ${this.token}`;
      res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers });
    } catch (err) {
      throw new LeakwatchError('LEDGER_FETCH_FAILED', `GET ${url}: ${err instanceof Error ? err.message : String(err)}`, { path }, { cause: err });
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new LeakwatchError('LEDGER_FETCH_FAILED', `GET ${url}: HTTP ${res.status}`, { path, status: res.status });
    }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_BYTES) {
      await res.body?.cancel();
      throw new LeakwatchError('LEDGER_FETCH_FAILED', `GET ${url}: ${declared} bytes is more than a tile or bundle can be`, { path });
    }
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_BYTES) throw new LeakwatchError('LEDGER_FETCH_FAILED', `GET ${url}: the response is too large`, { path });
    return body;
  }

  async partialWidths(path: string): Promise<number[]> {
    checkFullTilePath(path);
    return [];
  }
}
