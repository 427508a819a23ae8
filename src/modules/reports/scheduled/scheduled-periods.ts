import {
  reportingPeriod,
  type DateRange,
  type PeriodCutoffRule,
  type PeriodKind,
} from 'src/modules/reports/domain/reporting-period';

export interface OfficialPeriod extends DateRange {
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, half 1–2, 1 for YEAR. */
  index: number;
}

const COUNT: Record<PeriodKind, number> = { MONTH: 12, QUARTER: 4, HALF_YEAR: 2, YEAR: 1 };

/**
 * The latest official period of `kind` that has closed before `today` (a business date 'YYYY-MM-DD'): its last day
 * (the cut-off) is before today. The day after a period's cut-off, that period is the answer; on later days it
 * stays the answer until the next period closes, so a job that missed a day catches up on the next run.
 */
export function latestClosedPeriod(kind: PeriodKind, today: string, rule: PeriodCutoffRule): OfficialPeriod {
  const year = Number(today.slice(0, 4));
  let best: OfficialPeriod | null = null;
  for (const y of [year - 1, year, year + 1]) {
    for (let index = 1; index <= COUNT[kind]; index++) {
      const range = reportingPeriod(kind, y, index, rule);
      if (range.to < today && (!best || range.to > best.to)) best = { kind, year: y, index, ...range };
    }
  }
  if (!best) throw new RangeError(`No closed ${kind} period before ${today}`);
  return best;
}

/** Whether `today` is the day after the period's cut-off (the day its scheduled files are due). */
export function isDayAfterCutoff(period: DateRange, today: string): boolean {
  const next = new Date(`${period.to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10) === today;
}

/** Short label for file names: 2026-T06 (month), 2026-Q2, 2026-H1, 2026. */
export function periodLabel(p: OfficialPeriod): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (p.kind === 'MONTH') return `${p.year}-T${pad(p.index)}`;
  if (p.kind === 'QUARTER') return `${p.year}-Q${p.index}`;
  if (p.kind === 'HALF_YEAR') return `${p.year}-H${p.index}`;
  return String(p.year);
}
