import fc from 'fast-check';
import {
  AesGcmCipher,
  maskAccountNumber,
  maskHolderName,
  nameKey,
  parseKey,
} from 'src/modules/benefits/accounts/account-cipher';
import { AccountCipher } from 'src/modules/benefits/accounts/account-cipher';
import { AppConfig } from 'src/config/app-config';

describe('payment-account encryption (AES-256-GCM)', () => {
  const key = parseKey(Buffer.alloc(32, 7).toString('base64'));

  it('round-trips any text and never stores the plaintext', () => {
    const c = new AesGcmCipher(key);
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 60 }), (text) => {
        const blob = c.encrypt(text);
        expect(c.decrypt(blob)).toBe(text);
        expect(blob.includes(Buffer.from(text, 'utf8'))).toBe(false);
      }),
    );
  });

  it('refuses a tampered ciphertext or another key', () => {
    const blob = new AesGcmCipher(key).encrypt('0123456789');
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] ^= 1;
    expect(() => new AesGcmCipher(key).decrypt(tampered)).toThrow();
    expect(() => new AesGcmCipher(parseKey('a'.repeat(64))).decrypt(blob)).toThrow();
  });

  it('refuses to start in production without PAYMENT_ACCOUNT_ENCRYPTION_KEY, uses the dev key elsewhere', () => {
    expect(() => new AccountCipher(AppConfig.fromEnv({ NODE_ENV: 'production' }))).toThrow(
      'required in production',
    );
    const dev = new AccountCipher(AppConfig.fromEnv({ NODE_ENV: 'test' }));
    expect(dev.open(dev.seal({ accountNumber: '1903', holderName: 'A' }))).toEqual({
      accountNumber: '1903',
      holderName: 'A',
    });
    const prod = new AccountCipher(
      AppConfig.fromEnv({ NODE_ENV: 'production', PAYMENT_ACCOUNT_ENCRYPTION_KEY: key.toString('base64') }),
    );
    expect(() => prod.open(dev.seal({ accountNumber: '1', holderName: 'A' }))).toThrow();
  });

  it('masks the account number to its last four and the holder name to initials', () => {
    expect(maskAccountNumber('6789')).toBe('••••••6789');
    expect(maskHolderName('Nguyễn Thị Đào')).toBe('NGUYEN T** D**');
  });

  it('compares holder names without diacritics, case or spacing', () => {
    expect(nameKey('  Nguyễn  Thị Đào ')).toBe(nameKey('NGUYEN THI DAO'));
    expect(nameKey('Lê Văn Ất')).toBe('LE VAN AT');
    expect(nameKey('Nguyễn Thị Đào')).not.toBe(nameKey('Nguyen Thi Dao Anh'));
  });
});
