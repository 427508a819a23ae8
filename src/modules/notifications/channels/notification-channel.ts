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

/** POSTs JSON with a timeout; a non-2xx answer is a ChannelError with its status. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new ChannelError(`request failed: ${(error as Error).name}`);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) {
    throw new ChannelError(`answered HTTP ${response.status}`, response.status);
  }
  return { responseStatus: response.status };
}
