import fc from 'fast-check';
import { reportingPeriod } from 'src/modules/reports/domain/reporting-period';
import {
  isDayAfterCutoff,
  latestClosedPeriod,
  periodLabel,
} from 'src/modules/reports/scheduled/scheduled-periods';

const RULE = { startDay: 15 }; // Decree 09/2019: periods run from the 15th to the 14th

describe('the periods the scheduled report files are produced for', () => {
  it('the day after 14 June: the month 15 May – 14 June and the half-year 15 Dec – 14 June', () => {
    expect(latestClosedPeriod('MONTH', '2026-06-15', RULE)).toEqual({
      kind: 'MONTH',
      year: 2026,
      index: 6,
      from: '2026-05-15',
      to: '2026-06-14',
    });
    expect(latestClosedPeriod('HALF_YEAR', '2026-06-15', RULE)).toEqual({
      kind: 'HALF_YEAR',
      year: 2026,
      index: 1,
      from: '2025-12-15',
      to: '2026-06-14',
    });
  });

  it('on the cut-off day itself the period is still open', () => {
    expect(latestClosedPeriod('MONTH', '2026-06-14', RULE).to).toBe('2026-05-14');
    expect(latestClosedPeriod('HALF_YEAR', '2026-06-14', RULE)).toMatchObject({ year: 2025, index: 2 });
  });

  it('across the new year: the day after 14 December closes month 12 and the second half', () => {
    expect(latestClosedPeriod('MONTH', '2026-12-15', RULE)).toMatchObject({
      year: 2026,
      index: 12,
      to: '2026-12-14',
    });
    expect(latestClosedPeriod('HALF_YEAR', '2026-12-15', RULE)).toMatchObject({
      index: 2,
      from: '2026-06-15',
      to: '2026-12-14',
    });
    expect(latestClosedPeriod('MONTH', '2027-01-10', RULE)).toMatchObject({ year: 2026, index: 12 });
  });

  it('is the period whose cut-off is the latest before today (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2001-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const today = d.toISOString().slice(0, 10);
          for (const kind of ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const) {
            const p = latestClosedPeriod(kind, today, RULE);
            expect(p.to < today).toBe(true);
            expect(reportingPeriod(kind, p.year, p.index, RULE)).toEqual({ from: p.from, to: p.to });
            // The next period has not closed yet.
            const count = { MONTH: 12, QUARTER: 4, HALF_YEAR: 2, YEAR: 1 }[kind];
            const next =
              p.index < count
                ? reportingPeriod(kind, p.year, p.index + 1, RULE)
                : reportingPeriod(kind, p.year + 1, 1, RULE);
            expect(next.to >= today).toBe(true);
          }
        },
      ),
    );
  });

  it('knows the day after the cut-off and labels periods for file names', () => {
    expect(isDayAfterCutoff({ from: '2026-05-15', to: '2026-06-14' }, '2026-06-15')).toBe(true);
    expect(isDayAfterCutoff({ from: '2026-05-15', to: '2026-06-14' }, '2026-06-16')).toBe(false);
    expect(periodLabel(latestClosedPeriod('MONTH', '2026-06-15', RULE))).toBe('2026-T06');
    expect(periodLabel(latestClosedPeriod('HALF_YEAR', '2026-06-15', RULE))).toBe('2026-H1');
  });
});
