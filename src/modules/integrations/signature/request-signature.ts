import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

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

/** Checks the timestamp window and the signature (constant-time); replay is checked by the caller. */
export function checkRequestSignature(
  secret: string,
  request: { method: string; path: string; body: Buffer | string; timestamp?: string; nonce?: string; signature?: string },
  now: Date = new Date(),
  windowSeconds = SIGNATURE_WINDOW_SECONDS,
): SignatureCheck {
  const { timestamp, signature, nonce } = request;
  if (!timestamp || !signature || !nonce) return 'MISSING';
  if (!NONCE_PATTERN.test(nonce)) return 'MISMATCH';
  if (!/^\d{1,12}$/.test(timestamp)) return 'EXPIRED';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > windowSeconds) return 'EXPIRED';
  const expected = Buffer.from(signRequest(secret, request.method, request.path, timestamp, nonce, request.body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'OK' : 'MISMATCH';
}
