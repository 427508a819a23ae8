import {
  reportingPeriod,
  type DateRange,
  type PeriodCutoffRule,
  type PeriodKind,
} from 'src/modules/reports/domain/reporting-period';

export interface OfficialPeriod extends DateRange {
  kind: PeriodKind;
}

const COUNTS: Record<PeriodKind, number> = { MONTH: 12, QUARTER: 4, HALF_YEAR: 2, YEAR: 1 };

/**
 * Every official period (months, quarters, half-years, years) that overlaps [first, last], in order of kind and
 * start. The rollups keep one row set per period listed here.
 */
export function officialPeriodsOverlapping(
  first: string,
  last: string,
  rule: PeriodCutoffRule,
): OfficialPeriod[] {
  const periods: OfficialPeriod[] = [];
  const fromYear = Number(first.slice(0, 4));
  const toYear = Number(last.slice(0, 4)) + 1; // a period of year Y+1 starts in December of Y
  for (const kind of Object.keys(COUNTS) as PeriodKind[]) {
    for (let year = fromYear; year <= toYear; year++) {
      for (let index = 1; index <= COUNTS[kind]; index++) {
        const p = reportingPeriod(kind, year, index, rule);
        if (p.to >= first && p.from <= last) periods.push({ kind, ...p });
      }
    }
  }
  return periods;
}

/** The date `years` years before a 'YYYY-MM-DD' date (29 February falls back to 28). */
export function yearsBefore(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCDate() !== Number(date.slice(8, 10))) d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}
