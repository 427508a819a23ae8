/** Calendar months as 'YYYY-MM-01' strings (the payment period of a monthly allowance is a whole month). */
export type Month = string;

const MONTH = /^(\d{4})-(\d{2})(?:-\d{2})?$/;

/** The month containing a date ('YYYY-MM-DD' or 'YYYY-MM'), as 'YYYY-MM-01'. */
export function monthOf(date: string): Month {
  const m = MONTH.exec(date);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`not a date or month: ${date}`);
  return `${m[1]}-${m[2]}-01`;
}

export function addMonths(month: Month, n: number): Month {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Months from `from` to `to`, both included (empty when from > to). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The last day of a month, 'YYYY-MM-DD'. */
export function lastDayOf(month: Month): string {
  const next = addMonths(month, 1);
  const d = new Date(`${next}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/** A given day of the month `offset` months from `month`, 'YYYY-MM-DD'. */
export function dayOfMonth(month: Month, offset: number, day: number): string {
  const m = addMonths(month, offset);
  return `${m.slice(0, 8)}${String(day).padStart(2, '0')}`;
}
