import fc from 'fast-check';
import {
  applyCoefficient,
  formatBasisPoints,
  formatCoefficient,
  parseCoefficient,
  rescaleToThousand,
  roundToThousand,
  shareBasisPoints,
} from 'src/modules/benefits/domain/money';
import { addMonths, monthsBetween } from 'src/modules/benefits/domain/months';

describe('integer VND arithmetic', () => {
  it('rounds to the nearest 1,000 VND, half up', () => {
    expect(roundToThousand(2_235_499)).toBe(2_235_000);
    expect(roundToThousand(2_235_500)).toBe(2_236_000);
  });
  it('coefficients are hundredths: 500,000 × 1.5 = 750,000', () => {
    expect(applyCoefficient(500_000, parseCoefficient('1.5'))).toBe(750_000);
    expect(formatCoefficient(250)).toBe('2.5');
    expect(formatCoefficient(300)).toBe('3.0');
    expect(parseCoefficient('2.25')).toBe(225);
  });
  it('rescales a table amount to a new base: 1,878,000 at 2,789,000 → 2,028,000 at 3,012,000', () => {
    // 1,878,000 × 3,012,000 / 2,789,000 = 2,028,158.5 → 2,028,000
    expect(rescaleToThousand(1_878_000, 3_012_000, 2_789_000)).toBe(2_028_000);
  });
  it('Nghệ An coverage: 219,846 of 294,015 is 74.77% half-up (the published 74.78% is rounded up), groups 72.22% and 54.58%', () => {
    // 219,846 / 294,015 = 0.747744…: the department's report says 74.78%, which only ceiling rounding gives.
    expect(formatBasisPoints(shareBasisPoints(219_846, 294_015) as number)).toBe('74.77');
    expect(formatBasisPoints(shareBasisPoints(46_117, 63_853) as number)).toBe('72.22');
    expect(formatBasisPoints(shareBasisPoints(73_557, 134_766) as number)).toBe('54.58');
    expect(formatBasisPoints(shareBasisPoints(100_172, 100_172) as number)).toBe('100.00');
  });
  it('property: rescaling back and forth stays within 1,000 VND per step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1_000, max: 5_000_000 }),
        (k, nb) => {
          const amount = k * 1000;
          const scaled = rescaleToThousand(amount, nb, 2_789_000);
          expect(scaled % 1000).toBe(0);
          expect(Math.abs(scaled * 2_789_000 - amount * nb)).toBeLessThanOrEqual(500 * 2_789_000);
        },
      ),
    );
  });
  it('months: addMonths and monthsBetween', () => {
    expect(addMonths('2024-12-01', 1)).toBe('2025-01-01');
    expect(addMonths('2024-01-01', -1)).toBe('2023-12-01');
    expect(monthsBetween('2024-07-15', '2024-09-01')).toEqual(['2024-07-01', '2024-08-01', '2024-09-01']);
  });
});
