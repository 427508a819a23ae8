import { DomainException } from 'src/common/errors/domain.exception';
import type {
  CalendarOverride,
  DayInfo,
  DayKind,
  HolidayGroup,
} from 'src/modules/calendar/domain/calendar-types';
import { DAY_COUNT, FIRST_YEAR, LAST_YEAR, dayIndex, isoOf, weekdayOf } from 'src/modules/calendar/domain/day-index';
import { computedHolidays } from 'src/modules/calendar/domain/statutory-holidays';

const KIND_CODES: readonly DayKind[] = [
  'WORKING_DAY',
  'WEEKEND',
  'PUBLIC_HOLIDAY',
  'DAY_IN_LIEU',
  'ANNOUNCED_DAY_OFF',
  'MAKEUP_WORKING_DAY',
];
const WORKING = 0;
const WEEKEND = 1;
const MAKEUP = 5;

interface DayNote {
  reason: string;
  holiday: HolidayGroup | null;
  override: CalendarOverride | null;
}

const WEEKDAY_NAMES = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/**
 * One immutable version of the working-day calendar: the computed statutory rules plus the overrides in force at
 * `version`. Everything is precomputed over 1990–2101 at construction (a few milliseconds):
 *  - `kinds[i]`: the kind of day i;
 *  - `before[i]`: how many working days precede day i (prefix sums, length DAY_COUNT + 1);
 *  - `workingDays[k]`: the index of the k-th working day (0-based).
 * so isWorkingDay, addWorkingDays and workingDaysBetween are O(1) array reads.
 */
export class WorkingCalendar {
  private readonly kinds = new Uint8Array(DAY_COUNT);
  private readonly before = new Int32Array(DAY_COUNT + 1);
  private readonly workingDays: Int32Array;
  private readonly notes = new Map<number, DayNote>();

  constructor(
    readonly version: number,
    overrides: readonly CalendarOverride[] = [],
  ) {
    for (let i = 0; i < DAY_COUNT; i++) this.kinds[i] = weekdayOf(i) >= 6 ? WEEKEND : WORKING;

    const byYear = new Map<number, CalendarOverride[]>();
    for (const o of overrides) {
      const y = Number(o.date.slice(0, 4));
      byYear.set(y, [...(byYear.get(y) ?? []), o]);
    }
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      const announced = byYear.get(year) ?? [];
      const replaced = new Set(announced.flatMap((o) => (o.holiday ? [o.holiday] : [])));
      const blocked = new Set(announced.filter((o) => o.kind === 'DAY_OFF').map((o) => o.date));
      for (const h of computedHolidays(year, replaced, blocked)) {
        const i = dayIndex(h.date);
        this.kinds[i] = KIND_CODES.indexOf(h.kind);
        this.notes.set(i, { reason: h.reason, holiday: h.group, override: null });
      }
    }
    // Overrides beat the computed rules.
    for (const o of overrides) {
      const i = dayIndex(o.date);
      this.kinds[i] = o.kind === 'DAY_OFF' ? KIND_CODES.indexOf('ANNOUNCED_DAY_OFF') : MAKEUP;
      this.notes.set(i, { reason: o.reason, holiday: o.holiday, override: o });
    }

    let count = 0;
    for (let i = 0; i < DAY_COUNT; i++) {
      this.before[i] = count;
      if (this.isWorkingIndex(i)) count++;
    }
    this.before[DAY_COUNT] = count;
    this.workingDays = new Int32Array(count);
    for (let i = 0, k = 0; i < DAY_COUNT; i++) if (this.isWorkingIndex(i)) this.workingDays[k++] = i;
  }

  // --- index-level API (used by the deadline calculator) ---

  isWorkingIndex(i: number): boolean {
    const k = this.kinds[i];
    return k === WORKING || k === MAKEUP;
  }

  /** Working days with index < i. */
  workingBefore(i: number): number {
    return this.before[i];
  }

  /** Index of the n-th working day after day i (n > 0), before it (n < 0), or i itself (n = 0). */
  addIndex(i: number, n: number): number {
    if (n === 0) return i;
    const k = n > 0 ? this.before[i + 1] + n - 1 : this.before[i] + n;
    if (!(k >= 0 && k < this.workingDays.length)) // NaN-safe: an index outside the range lands here too
      throw new DomainException('CALENDAR_DATE_OUT_OF_RANGE', 'The result lies beyond the calendar range');
    return this.workingDays[k];
  }

  /** Index of the first working day on or after day i. */
  onOrAfterIndex(i: number): number {
    const k = this.before[i];
    if (!(k >= 0 && k < this.workingDays.length))
      throw new DomainException('CALENDAR_DATE_OUT_OF_RANGE', 'The result lies beyond the calendar range');
    return this.workingDays[k];
  }

  // --- date API ('YYYY-MM-DD' in business time) ---

  isWorkingDay(date: string): boolean {
    return this.isWorkingIndex(dayIndex(date));
  }

  /**
   * The n-th working day after `date` (n > 0) or before it (n < 0); n = 0 returns `date`. `date` itself need not be a
   * working day. add(add(a, n), m) = add(a, n + m) for n, m ≥ 0.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new DomainException('VALIDATION_FAILED', 'n must be an integer');
    return isoOf(this.addIndex(dayIndex(date), n));
  }

  /**
   * Working days d with a < d ≤ b (negative when b < a). So workingDaysBetween(a, addWorkingDays(a, n)) = n, and
   * "working days left until the due date" is workingDaysBetween(today, due).
   */
  workingDaysBetween(a: string, b: string): number {
    return this.before[dayIndex(b) + 1] - this.before[dayIndex(a) + 1];
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return isoOf(this.addIndex(dayIndex(date), 1));
  }

  /** `date` when it is a working day, otherwise the next working day. */
  workingDayOnOrAfter(date: string): string {
    return isoOf(this.onOrAfterIndex(dayIndex(date)));
  }

  /** What a day is and why. */
  day(date: string): DayInfo {
    return this.dayAt(dayIndex(date));
  }

  dayAt(i: number): DayInfo {
    const kind = KIND_CODES[this.kinds[i]];
    const note = this.notes.get(i);
    const weekday = weekdayOf(i);
    return {
      date: isoOf(i),
      weekday,
      kind,
      working: this.isWorkingIndex(i),
      reason: note?.reason ?? (kind === 'WEEKEND' ? `${WEEKDAY_NAMES[weekday]} (nghỉ hằng tuần)` : null),
      holiday: note?.holiday ?? null,
      overrideId: note?.override?.id ?? null,
      documentNumber: note?.override?.documentNumber ?? null,
      unconfirmed: note?.override?.unconfirmed ?? false,
    };
  }

  /** Every day of a Gregorian year. */
  year(year: number): DayInfo[] {
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR)
      throw new DomainException('CALENDAR_DATE_OUT_OF_RANGE', `Years ${FIRST_YEAR}–${LAST_YEAR} only`);
    const first = dayIndex(`${year}-01-01`);
    const last = dayIndex(`${year}-12-31`);
    const days: DayInfo[] = [];
    for (let i = first; i <= last; i++) days.push(this.dayAt(i));
    return days;
  }

  /** Working days in a Gregorian year (a quick sanity figure for admins: ~245–250). */
  workingDaysInYear(year: number): number {
    return this.before[dayIndex(`${year}-12-31`) + 1] - this.before[dayIndex(`${year}-01-01`)];
  }
}
