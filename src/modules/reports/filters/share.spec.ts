import fc from 'fast-check';
import { shareOf } from 'src/modules/reports/filters/share';

describe('shareOf (a part of a whole as published)', () => {
  it('Nghệ An 2024: 47,490 resolved early or on time of 47,500 due is 99.98 %', () => {
    expect(shareOf(47_490, 47_500)).toEqual({ part: 47_490, whole: 47_500, rate: 47_490 / 47_500, basisPoints: 9998 });
  });

  it('nothing to measure is not 0 %: the rate is null when the whole is 0', () => {
    expect(shareOf(0, 0)).toEqual({ part: 0, whole: 0, rate: null, basisPoints: null });
  });

  it('refuses a part larger than its whole or negative counts', () => {
    expect(() => shareOf(3, 2)).toThrow(RangeError);
    expect(() => shareOf(-1, 2)).toThrow(RangeError);
  });

  it('any share lies between 0 and 1 and its basis points between 0 and 10,000', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (a, b) => {
        const s = shareOf(Math.min(a, b), Math.max(a, b));
        if (s.whole === 0) return s.rate === null;
        return s.rate! >= 0 && s.rate! <= 1 && s.basisPoints! >= 0 && s.basisPoints! <= 10_000;
      }),
    );
  });
});
