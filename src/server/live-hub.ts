// Live updates for dashboards: a publisher fans messages out to server-sent-event
// streams. Each client has a bounded buffer; a client that cannot keep up is
// disconnected (it reconnects and re-reads the list) rather than slowing everyone.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface HubLimits {
  /** Open streams at most; past it new streams get 503. */
  readonly maxClients: number;
  /** Bytes buffered for one client before it is dropped. */
  readonly maxBufferedBytes: number;
  /** A comment line every so often keeps proxies from closing idle streams. */
  readonly heartbeatMs: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = { maxClients: 200, maxBufferedBytes: 1024 * 1024, heartbeatMs: 15_000 };

interface Client {
  readonly reply: FastifyReply;
  readonly accept: (event: string) => boolean;
}

export class LiveHub {
  private readonly clients = new Set<Client>();
  private sequence = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly limits: HubLimits = DEFAULT_HUB_LIMITS) {
    this.timer = setInterval(() => this.broadcastRaw(': keep-alive\n\n'), limits.heartbeatMs);
    this.timer.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Whether another stream may open. */
  hasRoom(): boolean {
    return this.clients.size < this.limits.maxClients;
  }

  /** Turns the request into an event stream; `accept` filters event names for this client. */
  attach(request: FastifyRequest, reply: FastifyReply, accept: (event: string) => boolean = () => true): void {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    raw.write(`retry: 3000\n: connected\n\n`);
    const client: Client = { reply, accept };
    this.clients.add(client);
    request.raw.on('close', () => this.clients.delete(client));
  }

  /** Sends one event to every client that accepts it. */
  publish(event: string, data: unknown): void {
    if (this.clients.size === 0) return;
    const frame = `id: ${++this.sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) if (c.accept(event)) this.write(c, frame);
  }

  close(): void {
    clearInterval(this.timer);
    for (const c of this.clients) c.reply.raw.end();
    this.clients.clear();
  }

  private broadcastRaw(frame: string): void {
    for (const c of this.clients) this.write(c, frame);
  }

  private write(c: Client, frame: string): void {
    const raw = c.reply.raw;
    if (raw.writableLength > this.limits.maxBufferedBytes) {
      this.clients.delete(c);
      raw.destroy();
      return;
    }
    raw.write(frame);
  }
}
