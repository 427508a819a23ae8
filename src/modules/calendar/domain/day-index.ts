import { DomainException } from 'src/common/errors/domain.exception';

/**
 * Civil dates as integer day indexes (0 = 1990-01-01) over the calendar's range, with a precomputed table of their
 * 'YYYY-MM-DD' strings so that the hot paths (addWorkingDays over millions of dossiers) never build Date objects.
 */
export const FIRST_YEAR = 1990;
/** The statutory calendar is guaranteed for 1990–2100; one more year of headroom lets a late-2100 deadline land. */
export const LAST_YEAR = 2101;

const MS_PER_DAY = 86_400_000;
const EPOCH_DAY_OF_FIRST = Date.UTC(FIRST_YEAR, 0, 1) / MS_PER_DAY;
export const DAY_COUNT = (Date.UTC(LAST_YEAR + 1, 0, 1) - Date.UTC(FIRST_YEAR, 0, 1)) / MS_PER_DAY;

let isoTable: string[] | null = null;

/** 'YYYY-MM-DD' of every day in range (built once, ~41,000 strings). */
function table(): string[] {
  if (!isoTable) {
    const t = new Array<string>(DAY_COUNT);
    for (let i = 0; i < DAY_COUNT; i++) t[i] = new Date((EPOCH_DAY_OF_FIRST + i) * MS_PER_DAY).toISOString().slice(0, 10);
    isoTable = t;
  }
  return isoTable;
}

function outOfRange(value: string): DomainException {
  return new DomainException(
    'CALENDAR_DATE_OUT_OF_RANGE',
    `${value} is not a valid date between ${FIRST_YEAR}-01-01 and ${LAST_YEAR}-12-31`,
  );
}

/** Day index of a 'YYYY-MM-DD' string; throws CALENDAR_DATE_OUT_OF_RANGE for malformed, impossible or out-of-range dates. */
export function dayIndex(date: string): number {
  if (typeof date !== 'string' || date.length !== 10) throw outOfRange(String(date));
  // Digits by char codes (no substrings): this runs millions of times in reports.
  const c = (k: number): number => date.charCodeAt(k) - 48;
  const y = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3);
  const m = c(5) * 10 + c(6);
  const d = c(8) * 10 + c(9);
  // Days from civil (H. Hinnant), relative to 1990-01-01.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const i = era * 146097 + doe - 719468 - EPOCH_DAY_OF_FIRST;
  const t = table();
  // The table check rejects 2026-02-30, '2026-2-3x', NaN and anything out of range in one comparison.
  if (!(i >= 0 && i < DAY_COUNT) || t[i] !== date) throw outOfRange(date);
  return i;
}

/** 'YYYY-MM-DD' of a day index; throws when the result leaves the calendar's range. */
export function isoOf(index: number): string {
  if (!(index >= 0 && index < DAY_COUNT)) throw new DomainException('CALENDAR_DATE_OUT_OF_RANGE', 'The result lies beyond the calendar range');
  return table()[index];
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day index (1990-01-01 was a Monday). */
export function weekdayOf(index: number): number {
  return (index % 7) + 1;
}

/** The date `days` calendar days after `date` (negative: before), without range limits. */
export function shiftIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
