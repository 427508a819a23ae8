import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedRequestHeaders } from 'src/modules/integrations/signature/request-signature';
import { verifyWebhook } from 'src/modules/notifications/webhook-signer';

export interface SimulatorOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  apiKey: string;
  /** When set, every request is signed (x-signature, x-signature-timestamp). */
  signingSecret?: string;
  /** Share of webhook requests answered 500 (before anything is recorded). */
  webhookFailureRate?: number;
  random?: () => number;
}

interface DossierCopy {
  code: string;
  lastSequence: number;
  state: string | null;
  events: Array<{ sequence: number; type: string; state: string | null }>;
}

export interface SimulatorReport {
  received: number;
  duplicates: number;
  refusedSignatures: number;
  failuresInjected: number;
  outOfOrder: string[];
}

interface WebhookBody {
  type: string;
  data: { dossierId: string; dossierCode: string; sequence: number; state: string | null };
}

/**
 * A small public-service portal: submits dossiers (optionally signed, with retries and duplicate submissions under
 * the same Idempotency-Key), receives the service's webhooks on its own HTTP endpoint (verifying the Standard
 * Webhooks signature, failing a share of them on purpose, deduplicating on webhook-id, checking the per-dossier
 * sequence), and reconciles its copy against the signed daily summary.
 */
export class PortalSimulator {
  readonly dossiers = new Map<string, DossierCopy>();
  readonly seenIds = new Set<string>();
  readonly report: SimulatorReport = { received: 0, duplicates: 0, refusedSignatures: 0, failuresInjected: 0, outOfOrder: [] };
  webhookSecret = '';
  subscriptionId = '';
  url = '';
  /** Share of webhook requests answered 500; may be changed while running. */
  webhookFailureRate: number;
  /** The last `reconciliation.daily` webhook received (the daily push of the signed summary). */
  dailySummary: { date: string; dossiers: Array<{ dossierId: string; sequence: number; state: string | null }> } | null = null;
  private server?: Server;
  private readonly random: () => number;

  constructor(private readonly options: SimulatorOptions) {
    this.random = options.random ?? Math.random;
    this.webhookFailureRate = options.webhookFailureRate ?? 0;
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => this.onWebhook(req, res));
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private onWebhook(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (!verifyWebhook(this.webhookSecret, req.headers, body)) {
        this.report.refusedSignatures++;
        res.statusCode = 401;
        res.end();
        return;
      }
      if (this.webhookFailureRate > 0 && this.random() < this.webhookFailureRate) {
        this.report.failuresInjected++;
        res.statusCode = 500;
        res.end('injected failure');
        return;
      }
      const id = String(req.headers['webhook-id']);
      if (this.seenIds.has(id)) {
        this.report.duplicates++;
      } else {
        this.seenIds.add(id);
        const message = JSON.parse(body) as WebhookBody & { type: string };
        if (message.type === 'reconciliation.daily') this.dailySummary = message as unknown as PortalSimulator['dailySummary'];
        else this.accept(message);
      }
      res.statusCode = 204;
      res.end();
    });
  }

  private accept(message: WebhookBody): void {
    this.report.received++;
    const { dossierId, dossierCode, sequence, state } = message.data;
    const copy = this.dossiers.get(dossierId) ?? { code: dossierCode, lastSequence: 0, state: null, events: [] };
    if (sequence <= copy.lastSequence) this.report.outOfOrder.push(`${dossierId}#${sequence} after #${copy.lastSequence}`);
    copy.lastSequence = Math.max(copy.lastSequence, sequence);
    if (state) copy.state = state;
    copy.events.push({ sequence, type: message.type, state });
    this.dossiers.set(dossierId, copy);
  }

  /** One API call, signed when a secret is configured. */
  async call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> | null; headers: Headers; text: string }> {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const signature = this.options.signingSecret ? signedRequestHeaders(this.options.signingSecret, method, path, raw) : {};
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      method,
      headers: { 'x-api-key': this.options.apiKey, ...(raw ? { 'content-type': 'application/json' } : {}), ...signature, ...headers },
      body: raw || undefined,
    });
    const text = await response.text();
    let json: Record<string, unknown> | null;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      json = null;
    }
    return { status: response.status, json, headers: response.headers, text };
  }

  async subscribe(events: string[]): Promise<string> {
    const res = await this.call('POST', '/api/v1/integrations/webhooks/subscriptions', { name: 'portal simulator', url: this.url, events }, { 'idempotency-key': randomUUID() });
    if (res.status !== 201) throw new Error(`subscribe: HTTP ${res.status} ${res.text}`);
    this.webhookSecret = String(res.json?.secret);
    this.subscriptionId = String(res.json?.id);
    return this.subscriptionId;
  }

  /**
   * Submits `count` dossiers with `concurrency` clients. Each submission has its own Idempotency-Key; with
   * probability `retryRate` it is sent again (a retry after a lost answer), with `duplicateRate` once more later
   * (a user double-submitting). Returns the distinct dossier ids answered.
   */
  async submitMany(
    count: number,
    body: (i: number) => Record<string, unknown>,
    opts: { concurrency?: number; retryRate?: number; duplicateRate?: number } = {},
  ): Promise<{ ids: Set<string>; requests: number; errors: string[] }> {
    const ids = new Set<string>();
    const errors: string[] = [];
    let requests = 0;
    let next = 0;
    const duplicates: Array<{ key: string; payload: Record<string, unknown> }> = [];
    const send = async (key: string, payload: Record<string, unknown>): Promise<void> => {
      requests++;
      const res = await this.call('POST', '/api/v1/integrations/dossiers', payload, { 'idempotency-key': key });
      if (res.status === 201) ids.add(String(res.json?.id));
      else if (res.status !== 409) errors.push(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
    };
    const worker = async (): Promise<void> => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const key = `sim-${randomUUID()}`;
        const payload = body(i);
        const first = send(key, payload);
        if (this.random() < (opts.retryRate ?? 0)) await Promise.all([first, send(key, payload)]);
        else await first;
        if (this.random() < (opts.duplicateRate ?? 0)) duplicates.push({ key, payload });
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, () => worker()));
    for (const d of duplicates) await send(d.key, d.payload);
    return { ids, requests, errors };
  }

  /** Compares the signed daily summary with the local copy; returns the differences (empty = reconciled). */
  async reconcile(date: string): Promise<string[]> {
    const path = `/api/v1/integrations/webhooks/subscriptions/${this.subscriptionId}/reconciliation?date=${date}`;
    const res = await this.call('GET', path);
    if (res.status !== 200) return [`reconciliation: HTTP ${res.status}`];
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, res.headers.get(h) ?? undefined]));
    if (!verifyWebhook(this.webhookSecret, headers, res.text)) return ['reconciliation: bad signature'];
    return this.compare(JSON.parse(res.text) as { dossiers: Array<{ dossierId: string; sequence: number; state: string | null }> });
  }

  /** Differences between a summary (pulled or pushed) and the local copy. */
  compare(summary: { dossiers: Array<{ dossierId: string; sequence: number; state: string | null }> }): string[] {
    const diffs: string[] = [];
    for (const d of summary.dossiers) {
      const mine = this.dossiers.get(d.dossierId);
      if (!mine) diffs.push(`${d.dossierId}: unknown locally`);
      else if (mine.lastSequence !== d.sequence || mine.state !== d.state)
        diffs.push(`${d.dossierId}: local #${mine.lastSequence} ${mine.state}, service #${d.sequence} ${d.state}`);
    }
    return diffs;
  }
}
