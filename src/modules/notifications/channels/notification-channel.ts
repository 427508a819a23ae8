import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { EntityManager } from 'typeorm';
import type { ChannelName } from 'src/modules/notifications/templates';

/** One rendered message to one address on one channel. */
export interface OutgoingMessage {
  deliveryId: string;
  /** Idempotency key of the message, stable across retries and replays (receivers deduplicate on it). */
  messageId: string;
  eventKind: string;
  /** Email address, phone number, webhook URL or staff id (inbox). Personal data: never log it. */
  address: string;
  subject: string | null;
  body: string;
  payload: Record<string, unknown>;
  /** Webhook subscriber secret (`whsec_…`). */
  secret?: string | null;
}

export interface SendResult {
  responseStatus?: number;
}

/** What every channel implements. A failure is thrown (and retried by the delivery job with backoff). */
export interface NotificationChannel {
  readonly name: ChannelName;
  /** INBOX writes in the caller's transaction (`manager`); the others call out and ignore it. */
  send(message: OutgoingMessage, manager?: EntityManager): Promise<SendResult>;
}

/** Thrown for an answer that retrying will not fix is still retried (receivers recover); carries the status. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly responseStatus?: number,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 256 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }),
};

/**
 * POSTs JSON with a timeout over pooled keep-alive connections (node:http, cheaper than fetch per request); a
 * non-2xx answer or a network failure is a ChannelError (with the status when there is one).
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SendResult> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  return new Promise<SendResult>((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve({ responseStatus: status });
          else reject(new ChannelError(`answered HTTP ${status}`, status));
        });
        res.on('error', () => reject(new ChannelError('response failed')));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) =>
      reject(new ChannelError(`request failed: ${error.message === 'timeout' ? 'timeout' : error.name}`)),
    );
    req.end(body);
  });
}
