import { securityHeaders } from 'src/common/http/security-headers';

describe('securityHeaders', () => {
  it("is helmet's header set for an API, lower-cased, without a content security policy", () => {
    const headers = securityHeaders();
    expect(headers).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'x-xss-protection': '0',
    });
    expect(headers).not.toHaveProperty('content-security-policy');
    expect(headers).not.toHaveProperty('cross-origin-embedder-policy');
    expect(Object.isFrozen(headers)).toBe(true);
  });

  it('follows the options it is given (a policy helmet computes from them, not a copied list)', () => {
    const headers = securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"] } } });
    expect(headers['content-security-policy']).toMatch(/^default-src 'none';/);
  });
});
