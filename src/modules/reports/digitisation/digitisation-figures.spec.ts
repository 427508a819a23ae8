import fc from 'fast-check';
import { archiveProgress, resultDigitisation } from 'src/modules/reports/digitisation/digitisation-figures';

describe('digitisation figures', () => {
  it('Đắk Lắk, first half of 2024: 162 dossiers resolved, results 100 % digitised', () => {
    const r = resultDigitisation({ decided: 162, electronicResult: 162, fullyDigitised: 162 });
    expect(r.resultShare).toEqual({ part: 162, whole: 162, rate: 1, basisPoints: 10_000 });
    expect(r.fullShare.basisPoints).toBe(10_000);
  });

  it('a dossier without an electronic result is never fully digitised', () => {
    expect(() => resultDigitisation({ decided: 5, electronicResult: 2, fullyDigitised: 3 })).toThrow(RangeError);
  });

  it('archive progress: files DONE over files registered, per unit and in all (Thanh Hóa-like: 300,000 of 320,000)', () => {
    const r = archiveProgress([
      { unitId: 'a', projects: 1, files: 200_000, done: 200_000 },
      { unitId: 'b', projects: 2, files: 120_000, done: 100_000 },
      { unitId: 'c', projects: 1, files: 0, done: 0 },
    ]);
    expect(r.total).toMatchObject({ projects: 4, files: 320_000, done: 300_000 });
    expect(r.total.share.basisPoints).toBe(9375);
    expect(r.units.map((u) => u.share.basisPoints)).toEqual([10_000, 8333, null]);
  });

  it('shares stay within 0…1 and the full share never exceeds the result share', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(10_000), (a, b, c) => {
        const [full, electronic, decided] = [a, b, c].sort((x, y) => x - y);
        const r = resultDigitisation({ decided, electronicResult: electronic, fullyDigitised: full });
        if (decided === 0) return r.resultShare.rate === null;
        return r.fullShare.rate! <= r.resultShare.rate! && r.resultShare.rate! <= 1 && r.fullShare.rate! >= 0;
      }),
    );
  });
});
