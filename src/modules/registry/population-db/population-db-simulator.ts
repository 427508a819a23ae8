import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PopulationRecord } from 'src/modules/registry/population-db/population-db.adapter';

/**
 * A local stand-in for the population database, speaking the same protocol as PopulationDbHttpClient. For
 * development and tests only: start it, point POPULATION_DB_URL at `url`, seed citizens with `put`.
 */
export class PopulationDbSimulator {
  private readonly citizens = new Map<string, Extract<PopulationRecord, { found: true }>>();
  private server?: Server;
  /** Requests seen (for tests: the token and client id arrive). */
  readonly requests: Array<{ authorization?: string; clientId?: string }> = [];

  constructor(private readonly expectedToken?: string) {}

  put(cccd: string, record: Omit<Extract<PopulationRecord, { found: true }>, 'found'>): void {
    this.citizens.set(cccd, { found: true, ...record });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({
          authorization: req.headers.authorization,
          clientId: req.headers['x-client-id'] as string,
        });
        if (this.expectedToken && req.headers.authorization !== `Bearer ${this.expectedToken}`) {
          res.writeHead(401).end();
          return;
        }
        if (req.method !== 'POST' || req.url !== '/citizens/lookup') {
          res.writeHead(404).end();
          return;
        }
        const { cccd } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { cccd?: string };
        const found = cccd ? this.citizens.get(cccd) : undefined;
        if (!found) {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"found":false}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
