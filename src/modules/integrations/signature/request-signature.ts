import { createHmac, randomBytes, timingSafeEqual, type Hmac } from 'node:crypto';

/**
 * Inbound request signatures for portal clients. The signed content is
 * `${METHOD}\n${path and query}\n${timestamp}\n${nonce}\n${raw body}`, HMAC-SHA256 with the client's signing
 * secret (UTF-8), hex, sent as `x-signature: v1=<hex>` with `x-signature-timestamp: <unix seconds>` and
 * `x-signature-nonce` (fresh per request, also per retry). A request older or newer than the window (5 minutes) is
 * refused, and a nonce is accepted only once within the window (replay).
 */
export const SIGNATURE_HEADER = 'x-signature';
export const SIGNATURE_TIMESTAMP_HEADER = 'x-signature-timestamp';
export const SIGNATURE_NONCE_HEADER = 'x-signature-nonce';
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const SIGNATURE_WINDOW_SECONDS = 300;

export function signingContent(method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): Buffer {
  const head = Buffer.from(`${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n`, 'utf8');
  return Buffer.concat([head, typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

/** The `v1=<hex>` signature of one request. */
export function signRequest(
  secret: string,
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: Buffer | string,
): string {
  const mac = createHmac('sha256', secret).update(signingContent(method, path, timestamp, nonce, body)).digest('hex');
  return `v1=${mac}`;
}

/** Headers a client sends with a signed request. */
export function signedRequestHeaders(
  secret: string,
  method: string,
  path: string,
  body: Buffer | string,
  at: Date = new Date(),
  nonce: string = randomBytes(16).toString('base64url'),
): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    [SIGNATURE_TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signRequest(secret, method, path, timestamp, nonce, body),
  };
}

export type SignatureCheck = 'OK' | 'MISSING' | 'EXPIRED' | 'MISMATCH';

/** The headers' part of the check: all present, the nonce well-formed, the timestamp inside the window. */
export function checkSignatureHeaders(
  request: { timestamp?: string; nonce?: string; signature?: string },
  now: Date = new Date(),
  windowSeconds = SIGNATURE_WINDOW_SECONDS,
): SignatureCheck {
  const { timestamp, signature, nonce } = request;
  if (!timestamp || !signature || !nonce) return 'MISSING';
  if (!NONCE_PATTERN.test(nonce)) return 'MISMATCH';
  if (!/^\d{1,12}$/.test(timestamp)) return 'EXPIRED';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > windowSeconds) return 'EXPIRED';
  return 'OK';
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks the timestamp window and the signature (constant-time); replay is checked by the caller. */
export function checkRequestSignature(
  secret: string,
  request: { method: string; path: string; body: Buffer | string; timestamp?: string; nonce?: string; signature?: string },
  now: Date = new Date(),
  windowSeconds = SIGNATURE_WINDOW_SECONDS,
): SignatureCheck {
  const headers = checkSignatureHeaders(request, now, windowSeconds);
  if (headers !== 'OK') return headers;
  const { timestamp, nonce, signature } = request as { timestamp: string; nonce: string; signature: string };
  return sameSignature(signature, signRequest(secret, request.method, request.path, timestamp, nonce, request.body))
    ? 'OK'
    : 'MISMATCH';
}

/**
 * The same signature computed over a body that is streamed (multipart uploads): the headers are checked before the
 * body is read, the raw bytes are fed in as they arrive, and `matches()` is asked once the body has ended — before
 * anything the request carries is committed. The signed content is exactly that of `signRequest`.
 */
export class StreamingSignature {
  private readonly mac: Hmac;

  constructor(
    secret: string,
    request: { method: string; path: string; timestamp: string; nonce: string },
    private readonly signature: string,
  ) {
    this.mac = createHmac('sha256', secret).update(signingContent(request.method, request.path, request.timestamp, request.nonce, ''));
  }

  update(chunk: Buffer): void {
    this.mac.update(chunk);
  }

  matches(): boolean {
    return sameSignature(this.signature, `v1=${this.mac.digest('hex')}`);
  }
}
