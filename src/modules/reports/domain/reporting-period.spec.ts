import rules from 'src/modules/reports/seed-data/reporting-rules.json';
import { reportingPeriod } from 'src/modules/reports/domain/reporting-period';

const rule = { startDay: rules.periodCutoff.startDay };

describe('official reporting periods (Decree 09/2019 art. 12, cut-off as data)', () => {
  it('the first half-year runs 15 December – 14 June', () => {
    expect(reportingPeriod('HALF_YEAR', 2024, 1, rule)).toEqual({ from: '2023-12-15', to: '2024-06-14' });
  });
  it('the second half-year runs 15 June – 14 December', () => {
    expect(reportingPeriod('HALF_YEAR', 2024, 2, rule)).toEqual({ from: '2024-06-15', to: '2024-12-14' });
  });
  it('a quarter runs from the 15th of the month before to the 14th of its last month', () => {
    expect(reportingPeriod('QUARTER', 2025, 1, rule)).toEqual({ from: '2024-12-15', to: '2025-03-14' });
    expect(reportingPeriod('QUARTER', 2025, 3, rule)).toEqual({ from: '2025-06-15', to: '2025-09-14' });
  });
  it('the year runs 15 December – 14 December', () => {
    expect(reportingPeriod('YEAR', 2026, 1, rule)).toEqual({ from: '2025-12-15', to: '2026-12-14' });
  });
  it('a month runs from the 15th of the previous month (unconfirmed, by analogy)', () => {
    expect(reportingPeriod('MONTH', 2024, 3, rule)).toEqual({ from: '2024-02-15', to: '2024-03-14' });
    expect(rules.periodCutoff.unconfirmed).toBe(true);
  });
  it('refuses an index outside the kind', () => {
    expect(() => reportingPeriod('QUARTER', 2025, 5, rule)).toThrow(RangeError);
  });
});
