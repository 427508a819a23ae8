import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinkRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A local HTTP receiver for webhook / SMS-gateway deliveries. Counts every request and every distinct message id
 * (`webhook-id` or `idempotency-key` header); `failWith` makes it answer an error status.
 */
export class HttpSink {
  readonly requests: SinkRequest[] = [];
  readonly hitsById = new Map<string, number>();
  failWith: number | null = null;
  keepBodies = true;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const id = String(req.headers['webhook-id'] ?? req.headers['idempotency-key'] ?? '');
        if (this.keepBodies) this.requests.push({ path: req.url ?? '/', headers: req.headers, body, at: Date.now() });
        if (this.failWith) {
          res.statusCode = this.failWith;
          res.end('nope');
          return;
        }
        this.hitsById.set(id, (this.hitsById.get(id) ?? 0) + 1);
        res.statusCode = 200;
        res.end('ok');
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Successful deliveries: distinct ids and total accepted requests. */
  counts(): { distinct: number; total: number; duplicates: number } {
    let total = 0;
    for (const n of this.hitsById.values()) total += n;
    return { distinct: this.hitsById.size, total, duplicates: total - this.hitsById.size };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Polls until `check` returns true or the timeout passes. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
