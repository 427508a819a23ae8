import { officialPeriodsOverlapping, yearsBefore } from 'src/modules/reports/rollups/rollup-periods';

const rule = { startDay: 15 };

describe('official periods kept in the rollups', () => {
  it('lists every month, quarter, half-year and year overlapping the range', () => {
    const periods = officialPeriodsOverlapping('2026-01-01', '2026-01-20', rule);
    expect(periods).toEqual([
      { kind: 'MONTH', from: '2025-12-15', to: '2026-01-14' },
      { kind: 'MONTH', from: '2026-01-15', to: '2026-02-14' },
      { kind: 'QUARTER', from: '2025-12-15', to: '2026-03-14' },
      { kind: 'HALF_YEAR', from: '2025-12-15', to: '2026-06-14' },
      { kind: 'YEAR', from: '2025-12-15', to: '2026-12-14' },
    ]);
  });

  it('three years of history hold 36–37 months, 12–13 quarters, 6–7 half-years and 3–4 years', () => {
    const periods = officialPeriodsOverlapping(yearsBefore('2026-11-23', 3), '2026-11-23', rule);
    const count = (k: string) => periods.filter((p) => p.kind === k).length;
    expect(count('MONTH')).toBe(37);
    expect(count('QUARTER')).toBe(13);
    expect(count('HALF_YEAR')).toBe(7);
    expect(count('YEAR')).toBe(4);
  });

  it('a year back from 29 February is 28 February', () => {
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
    expect(yearsBefore('2026-11-23', 3)).toBe('2023-11-23');
  });
});
