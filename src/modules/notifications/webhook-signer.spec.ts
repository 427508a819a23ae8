import {
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  webhookHeaders,
} from 'src/modules/notifications/webhook-signer';

describe('Standard Webhooks signer', () => {
  it('matches the Standard Webhooks reference vector', () => {
    // From the standard-webhooks reference libraries' test suite.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('verifies its own headers and refuses a tampered body, a wrong secret and an old timestamp', () => {
    const secret = generateWebhookSecret();
    const at = new Date('2026-11-23T08:00:00Z');
    const headers = { ...webhookHeaders(secret, 'delivery-1', '{"a":1}', at) };
    expect(verifyWebhook(secret, headers, '{"a":1}', at)).toBe(true);
    expect(verifyWebhook(secret, headers, '{"a":2}', at)).toBe(false);
    expect(verifyWebhook(generateWebhookSecret(), headers, '{"a":1}', at)).toBe(false);
    expect(verifyWebhook(secret, headers, '{"a":1}', new Date(at.getTime() + 10 * 60_000))).toBe(false);
  });
});
