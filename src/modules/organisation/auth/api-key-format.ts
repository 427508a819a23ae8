import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `ask_<prefix>_<secret>`: the prefix (10 lower-case alphanumerics) is public and finds the row. */
const API_KEY_PATTERN = /^ask_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface GeneratedApiKey {
  prefix: string;
  raw: string;
  hash: string;
}

export function hashApiKey(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const bytes = randomBytes(10);
  const prefix = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
  const raw = `ask_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { prefix, raw, hash: hashApiKey(raw) };
}

/** The prefix of a well-formed key, or undefined. */
export function parseApiKey(raw: string): string | undefined {
  return API_KEY_PATTERN.exec(raw)?.[1];
}

export function apiKeyMatches(raw: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(raw), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
