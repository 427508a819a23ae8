/** Kinds of official reporting period (Decree 09/2019 art. 12). */
export type PeriodKind = 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'YEAR';

/** The cut-off rule, kept as data: DOMAIN.md marks it unconfirmed. */
export interface PeriodCutoffRule {
  /** Periods start on this day of the month before and end the day before it in their last month (15 → 15…14). */
  startDay: number;
}

/** An inclusive range of business dates, 'YYYY-MM-DD'. */
export interface DateRange {
  from: string;
  to: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function date(year: number, month: number, day: number): string {
  // Normalise month overflow/underflow (month 0 = December of the previous year).
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The official period: it starts on `startDay` of the month before its first month and ends on the day before
 * `startDay` of its last month. E.g. with 15: first half of 2024 = 2023-12-15 … 2024-06-14.
 *
 * @param index month 1–12, quarter 1–4, half 1–2; ignored for YEAR
 */
export function reportingPeriod(
  kind: PeriodKind,
  year: number,
  index: number,
  rule: PeriodCutoffRule,
): DateRange {
  const months = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 }[kind];
  const count = 12 / months;
  const i = kind === 'YEAR' ? 1 : index;
  if (!Number.isInteger(i) || i < 1 || i > count) throw new RangeError(`${kind} index must be 1..${count}`);
  const lastMonth = i * months;
  const firstMonth = lastMonth - months + 1;
  return { from: date(year, firstMonth - 1, rule.startDay), to: date(year, lastMonth, rule.startDay - 1) };
}
