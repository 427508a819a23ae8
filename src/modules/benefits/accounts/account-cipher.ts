import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';

/**
 * The development key used when PAYMENT_ACCOUNT_ENCRYPTION_KEY is unset outside production. It is public (this
 * line): it protects nothing and exists so that development and tests run without setup.
 */
export const DEV_PAYMENT_ACCOUNT_KEY = createHash('sha256')
  .update('an-sinh development payment-account key: never use with real data')
  .digest();

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Parses a 32-byte key given as base64 or hex. */
export function parseKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('PAYMENT_ACCOUNT_ENCRYPTION_KEY must be 32 bytes');
  return key;
}

/** AES-256-GCM with a random 96-bit IV: `version ‖ iv ‖ tag ‖ ciphertext`, the key's fingerprint as AAD. */
export class AesGcmCipher {
  private readonly aad: Buffer;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
    this.aad = createHash('sha256').update(key).digest().subarray(0, 8);
  }

  encrypt(plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(this.aad);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Buffer): string {
    if (blob[0] !== VERSION) throw new Error('unknown payment-account ciphertext version');
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(this.aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}

/** The secret part of a bank account, stored only encrypted. */
export interface AccountSecret {
  accountNumber: string;
  holderName: string;
}

/**
 * Encrypts payment accounts at rest with the key from PAYMENT_ACCOUNT_ENCRYPTION_KEY. In production the service
 * refuses to start without it; elsewhere it falls back to the public development key (with a warning).
 */
@Injectable()
export class AccountCipher {
  private readonly logger = new Logger(AccountCipher.name);
  private readonly cipher: AesGcmCipher;
  private readonly fingerprintKey: Buffer;

  constructor(config: AppConfig) {
    const configured = config.benefits.paymentAccountEncryptionKey;
    if (!configured && config.isProduction)
      throw new Error('PAYMENT_ACCOUNT_ENCRYPTION_KEY is required in production: refusing to start');
    if (!configured)
      this.logger.warn('PAYMENT_ACCOUNT_ENCRYPTION_KEY is unset: using the public development key');
    const key = configured ? parseKey(configured) : DEV_PAYMENT_ACCOUNT_KEY;
    this.cipher = new AesGcmCipher(key);
    this.fingerprintKey = createHmac('sha256', key).update('payment-account fingerprint v1').digest();
  }

  /**
   * A keyed fingerprint (HMAC-SHA256, hex) of an account's parts: equal accounts give equal fingerprints, so a
   * bulk import can tell an unchanged account without decrypting, and nothing can be read back from it.
   */
  fingerprint(parts: ReadonlyArray<string | null>): string {
    return createHmac('sha256', this.fingerprintKey).update(JSON.stringify(parts)).digest('hex');
  }

  seal(secret: AccountSecret): Buffer {
    return this.cipher.encrypt(JSON.stringify(secret));
  }

  open(blob: Buffer): AccountSecret {
    return JSON.parse(this.cipher.decrypt(blob)) as AccountSecret;
  }
}

/** "••••••1234": only the last four characters of an account number are ever shown. */
export function maskAccountNumber(lastFour: string): string {
  return `••••••${lastFour}`;
}

/** Vietnamese name comparison key: no diacritics, đ → d, upper case, single spaces ("Nguyễn Thị Đào" → "NGUYEN THI DAO"). */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "NGUYEN THI DAO" → "NGUYEN T** D**": enough to recognise, not to copy. */
export function maskHolderName(name: string): string {
  const parts = nameKey(name).split(' ');
  return parts.map((p, i) => (i === 0 ? p : `${p[0]}${'*'.repeat(Math.max(p.length - 1, 1))}`)).join(' ');
}
