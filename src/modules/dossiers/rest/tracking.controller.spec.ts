import { WindowRateLimiter } from 'src/modules/dossiers/rest/tracking.controller';

describe('public tracking rate limit', () => {
  it('allows `limit` lookups per client per window, then refuses until the next window', () => {
    const limiter = new WindowRateLimiter(3, 60_000);
    const t = 1_000_000_020_000;
    expect([1, 2, 3, 4].map(() => limiter.take('1.2.3.4', t))).toEqual([true, true, true, false]);
    expect(limiter.take('5.6.7.8', t)).toBe(true);
    expect(limiter.take('1.2.3.4', t + 60_000)).toBe(true);
  });
});
