import { BUSINESS_UTC_OFFSET_MINUTES } from 'src/config/business-time';
import { DomainException } from 'src/common/errors/domain.exception';
import type { BudgetUnit, DayKind } from 'src/modules/calendar/domain/calendar-types';
import { DAY_COUNT, dayIndex, isoOf } from 'src/modules/calendar/domain/day-index';
import type { WorkingCalendar } from 'src/modules/calendar/domain/working-calendar';

/**
 * Deadlines on a WorkingCalendar. Conventions (documented in docs/calendar.md):
 *  - counting starts on a working day (the "counting start"), which is day 1 of a working-day budget: a 5-day budget
 *    starting Monday is due Friday; the due instant is the end of the due date (23:59:59.999 business time);
 *  - a dossier received after the cut-off (default 15:00) or on a non-working day starts on the next working day;
 *    a postal dossier starts on its postmark date (or the next working day), whatever the hour it reached the desk;
 *  - a pause {from, to} stops the clock for the working days from `from` up to, not including, `to` (the day the
 *    citizen's supplement arrives counts again); an open pause (to = null) is still running at `asOf`, so the due date
 *    is provisional: as if the clock resumed the next day. Pauses never shorten a deadline;
 *  - extension days are working days added to the budget;
 *  - WORKING_HOURS budgets are consumed inside office hours (default 07:30–11:30, 13:00–17:00) of working days,
 *    starting at the receipt instant; pauses are exact instants there (a date means its 00:00).
 */
export interface Pause {
  from: string | Date;
  to: string | Date | null;
  reason?: string | null;
}

export interface DueDateInput {
  /** An instant of receipt (the cut-off applies) or a date on which counting starts (the next working day if not one). */
  anchor: string | Date;
  budget: { amount: number; unit: BudgetUnit };
  pauses?: readonly Pause[];
  extensionDays?: number;
  /** For postal dossiers: the postmark date replaces the anchor's date and the cut-off does not apply. */
  postmarkDate?: string | null;
  /** "Now" for open pauses and consumed time (default: the current time). */
  asOf?: Date;
  /** false skips building the explanation (bulk recomputation). Default true. */
  explain?: boolean;
}

export interface ExplainedDay {
  date: string;
  kind: DayKind | 'PAUSED' | 'AFTER_CUTOFF';
  reason: string;
}

export interface DueDateExplanation {
  countingStart: string;
  startRule: string;
  counted: Array<{ date: string; hours: number | null }>;
  skipped: ExplainedDay[];
  summary: string;
}

export interface DueDateResult {
  due: Date;
  dueDate: string;
  countingStart: string;
  calendarVersion: number;
  /** True while a pause is open: the due date moves each day the clock stays stopped. */
  paused: boolean;
  /** Budget consumed by `asOf`, in the budget's unit (days or hours). */
  consumed: number;
  /** Budget (with extensions) not yet consumed at `asOf`. */
  remaining: number;
  explanation: DueDateExplanation | null;
}

export interface OfficeHours {
  /** Minutes after local midnight: [start, end) pairs, ascending. */
  intervals: Array<[number, number]>;
}

export interface CalculatorSettings {
  cutoff: string;
  office: OfficeHours;
}

const DAY_MS = 86_400_000;
const OFFSET_MS = BUSINESS_UTC_OFFSET_MINUTES * 60_000;
/** Day 0 of the day index (1990-01-01) at 00:00 business time, in epoch ms. */
const INDEX_ORIGIN_MS = Date.UTC(1990, 0, 1) - OFFSET_MS;

export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** '07:30-11:30,13:00-17:00' → intervals. */
export function parseOfficeHours(spec: string): OfficeHours {
  const intervals = spec.split(',').map((part) => {
    const m = /^\s*([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-4]):([0-5]\d)\s*$/.exec(part);
    if (!m) throw new Error(`Office hours "${spec}" must look like 07:30-11:30,13:00-17:00`);
    return [Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])] as [number, number];
  });
  intervals.forEach(([s, e], k) => {
    if (e <= s || (k > 0 && s < intervals[k - 1][1])) throw new Error(`Office hours "${spec}" overlap or are empty`);
  });
  return { intervals };
}

export function officeMinutesPerDay(office: OfficeHours): number {
  return office.intervals.reduce((sum, [s, e]) => sum + e - s, 0);
}

/** Day index of an instant's business date. */
function indexOfInstant(at: Date): number {
  return Math.floor((at.getTime() - INDEX_ORIGIN_MS) / DAY_MS);
}

function startOfDayMs(i: number): number {
  return INDEX_ORIGIN_MS + i * DAY_MS;
}

function localTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

interface Start {
  /** Day index of the counting start (a working day). */
  index: number;
  /** Day index of the anchor (receipt or postmark date), where the explanation begins. */
  anchorIndex: number;
  /** The rule applied, in words (built only when explaining). */
  rule: () => string;
}

/** The counting start of an anchor: postmark date, a start date, or a receipt instant with the cut-off. */
function startOf(cal: WorkingCalendar, anchor: string | Date, cutoff: string, postmarkDate?: string | null): Start {
  if (postmarkDate) {
    const p = dayIndex(postmarkDate);
    const index = cal.onOrAfterIndex(p);
    return {
      index,
      anchorIndex: p,
      rule: () =>
        index === p
          ? `Postal dossier: counting starts on the postmark date ${postmarkDate}`
          : `Postal dossier: postmark date ${postmarkDate} is not a working day; counting starts on ${isoOf(index)}`,
    };
  }
  if (typeof anchor === 'string') {
    const a = dayIndex(anchor);
    const index = cal.onOrAfterIndex(a);
    return {
      index,
      anchorIndex: a,
      rule: () => (index === a ? `Counting starts on ${anchor}` : `Counting starts on the next working day ${isoOf(index)}`),
    };
  }
  if (Number.isNaN(anchor.getTime())) throw new DomainException('VALIDATION_FAILED', 'The receipt instant is not valid');
  const a = indexOfInstant(anchor);
  const afterCutoff = anchor.getTime() - startOfDayMs(a) > minutesOf(cutoff) * 60_000;
  if (cal.isWorkingIndex(a) && !afterCutoff)
    return {
      index: a,
      anchorIndex: a,
      rule: () => `Received ${isoOf(a)} ${localTime(anchor)}, before the ${cutoff} cut-off: counting starts that day`,
    };
  const index = cal.addIndex(a, 1);
  return {
    index,
    anchorIndex: a,
    rule: () =>
      cal.isWorkingIndex(a)
        ? `Received ${isoOf(a)} ${localTime(anchor)}, after the ${cutoff} cut-off: counting starts on the next working day ${isoOf(index)}`
        : `Received ${isoOf(a)}, not a working day: counting starts on the next working day ${isoOf(index)}`,
  };
}

/** The counting start of a receipt (cut-off and postmark rules) and the rule applied, in words. */
export function countingStartOf(
  cal: WorkingCalendar,
  receivedAt: Date,
  opts: { cutoff: string; postmarkDate?: string | null },
): { date: string; rule: string } {
  const s = startOf(cal, receivedAt, opts.cutoff, opts.postmarkDate);
  return { date: isoOf(s.index), rule: s.rule() };
}

/** Day index of a pause bound, clamped to the calendar range (a stop beyond 2101 simply runs to its end). */
function boundIndex(v: string | Date): number {
  if (typeof v === 'string') return dayIndex(v);
  if (Number.isNaN(v.getTime())) throw new DomainException('CALENDAR_PAUSE_INVALID', 'A pause bound is not a valid instant');
  return Math.min(Math.max(indexOfInstant(v), 0), DAY_COUNT);
}

function pauseDayRange(p: Pause, asOfIndex: number): [number, number] {
  const from = boundIndex(p.from);
  const to = p.to === null ? Math.min(Math.max(from, asOfIndex + 1), DAY_COUNT) : boundIndex(p.to);
  if (to < from) throw new DomainException('CALENDAR_PAUSE_INVALID', 'A pause cannot end before it starts');
  return [from, to];
}

function pauseMsRange(p: Pause, asOfMs: number): [number, number] {
  const ms = (v: string | Date): number => (typeof v === 'string' ? startOfDayMs(dayIndex(v)) : v.getTime());
  const from = ms(p.from);
  const to = p.to === null ? Math.max(from, asOfMs) : ms(p.to);
  if (to < from) throw new DomainException('CALENDAR_PAUSE_INVALID', 'A pause cannot end before it starts');
  return [from, to];
}

/** The due date of a budget from an anchor, with pauses and extensions (see the conventions above). */
export function computeDueDate(cal: WorkingCalendar, input: DueDateInput, settings: CalculatorSettings): DueDateResult {
  const amount = input.budget.amount;
  const extension = input.extensionDays ?? 0;
  if (!(amount >= 0) || !Number.isFinite(amount)) throw new DomainException('VALIDATION_FAILED', 'budget.amount must be ≥ 0');
  if (!Number.isInteger(extension) || extension < 0)
    throw new DomainException('VALIDATION_FAILED', 'extensionDays must be a whole number ≥ 0');
  return input.budget.unit === 'WORKING_HOURS'
    ? hoursDue(cal, input, settings, amount, extension)
    : daysDue(cal, input, settings, Math.ceil(amount), extension);
}

function daysDue(
  cal: WorkingCalendar,
  input: DueDateInput,
  settings: CalculatorSettings,
  amount: number,
  extension: number,
): DueDateResult {
  const asOf = input.asOf ?? new Date();
  const asOfIndex = indexOfInstant(asOf);
  const start = startOf(cal, input.anchor, settings.cutoff, input.postmarkDate);
  const startIndex = start.index;
  const anchorIndex = start.anchorIndex;
  const pauses = input.pauses?.length
    ? input.pauses.map((p) => ({ range: pauseDayRange(p, asOfIndex), pause: p })).sort((a, b) => a.range[0] - b.range[0])
    : [];
  // Disjoint stopped ranges [from, to) of day indexes, for the arithmetic below.
  const stopped: Array<[number, number]> = [];
  for (const { range } of pauses) {
    const lastRange = stopped[stopped.length - 1];
    if (lastRange && range[0] <= lastRange[1]) lastRange[1] = Math.max(lastRange[1], range[1]);
    else if (range[1] > range[0]) stopped.push([range[0], range[1]]);
  }
  const total = amount + extension;

  // Walk the stopped ranges: count the working days available before each one until the budget fits.
  let dueIndex = startIndex;
  if (total > 0) {
    let cur = startIndex;
    let remaining = total;
    for (const [from, to] of stopped) {
      if (to <= cur) continue;
      if (from > cur) {
        const available = cal.workingBefore(from) - cal.workingBefore(cur);
        if (available >= remaining) break;
        remaining -= available;
      }
      cur = to;
    }
    dueIndex = cal.addIndex(cur - 1, remaining);
  }
  const paused = pauses.some(({ pause, range }) => pause.to === null && range[0] <= asOfIndex);

  // Consumed by asOf: counted (working, not stopped) days from the start to asOf's date inclusive.
  const end = Math.min(dueIndex, asOfIndex) + 1;
  let consumed = 0;
  if (end > startIndex) {
    consumed = cal.workingBefore(end) - cal.workingBefore(startIndex);
    for (const [from, to] of stopped) {
      const a = Math.max(from, startIndex);
      const b = Math.min(to, end);
      if (b > a) consumed -= cal.workingBefore(b) - cal.workingBefore(a);
    }
  }
  consumed = Math.min(consumed, total);

  const counted: Array<{ date: string; hours: null }> = [];
  const skipped: ExplainedDay[] = [];
  const explain = input.explain !== false;
  if (explain) {
    if (dueIndex - anchorIndex > 5000) throw new DomainException('VALIDATION_FAILED', 'The deadline is too far to explain');
    for (let i = Math.min(anchorIndex, startIndex); i <= dueIndex; i++) {
      const pause = i >= startIndex && cal.isWorkingIndex(i)
        ? pauses.find(({ range }) => i >= range[0] && i < range[1])?.pause
        : undefined;
      if (i >= startIndex && cal.isWorkingIndex(i) && !pause) counted.push({ date: isoOf(i), hours: null });
      else if (pause) skipped.push({ date: isoOf(i), kind: 'PAUSED', reason: `Clock stopped: ${pause.reason ?? 'paused'}` });
      else if (!cal.isWorkingIndex(i)) {
        const d = cal.dayAt(i);
        skipped.push({ date: d.date, kind: d.kind, reason: d.reason ?? d.kind });
      } else skipped.push({ date: isoOf(i), kind: 'AFTER_CUTOFF', reason: start.rule() });
    }
  }
  const dueDate = isoOf(dueIndex);
  return {
    due: new Date(startOfDayMs(dueIndex) + DAY_MS - 1),
    dueDate,
    countingStart: isoOf(startIndex),
    calendarVersion: cal.version,
    paused,
    consumed,
    remaining: total - consumed,
    explanation: explain
      ? {
          countingStart: isoOf(startIndex),
          startRule: start.rule(),
          counted,
          skipped,
          summary:
            `${amount} working day(s)${extension ? ` + ${extension} extension day(s)` : ''} counted from ${isoOf(startIndex)}` +
            ` (day 1): due ${dueDate}; ${skipped.length} day(s) skipped` +
            (paused ? '; the clock is stopped, so the due date is provisional' : ''),
        }
      : null,
  };
}

function hoursDue(
  cal: WorkingCalendar,
  input: DueDateInput,
  settings: CalculatorSettings,
  amount: number,
  extension: number,
): DueDateResult {
  const asOf = input.asOf ?? new Date();
  const asOfMs = asOf.getTime();
  const perDay = officeMinutesPerDay(settings.office);
  const totalMs = Math.round((amount * 60 + extension * perDay) * 60_000);
  const startMs =
    input.postmarkDate
      ? startOfDayMs(dayIndex(input.postmarkDate))
      : typeof input.anchor === 'string'
        ? startOfDayMs(dayIndex(input.anchor))
        : input.anchor.getTime();
  const pauses = (input.pauses ?? []).map((p) => ({ range: pauseMsRange(p, asOfMs), pause: p }));
  const firstIndex = Math.floor((startMs - INDEX_ORIGIN_MS) / DAY_MS);
  let remaining = totalMs;
  let consumedMs = 0;
  let dueMs: number | null = null;
  let firstCounted: number | null = null;
  const counted: Array<{ date: string; hours: number }> = [];
  const skipped: ExplainedDay[] = [];
  for (let i = firstIndex; dueMs === null; i++) {
    if (i - firstIndex > 3700) throw new DomainException('CALENDAR_DATE_OUT_OF_RANGE', 'The budget runs beyond the calendar range');
    if (!cal.isWorkingIndex(i)) {
      const d = cal.dayAt(i);
      skipped.push({ date: d.date, kind: d.kind, reason: d.reason ?? d.kind });
      continue;
    }
    let usedToday = 0;
    for (const [s, e] of settings.office.intervals) {
      // The interval minus the pauses, as ascending segments.
      let segments: Array<[number, number]> = [[Math.max(startOfDayMs(i) + s * 60_000, startMs), startOfDayMs(i) + e * 60_000]];
      for (const { range } of pauses)
        segments = segments.flatMap(([x, y]) =>
          range[1] <= x || range[0] >= y ? [[x, y]] : ([[x, range[0]], [range[1], y]] as Array<[number, number]>).filter(([a, b]) => b > a),
        );
      for (const [x, y] of segments) {
        if (y <= x) continue;
        firstCounted ??= x;
        const take = Math.min(remaining, y - x);
        consumedMs += Math.max(0, Math.min(x + take, asOfMs) - x);
        usedToday += take;
        remaining -= take;
        if (remaining === 0) {
          dueMs = x + take;
          break;
        }
      }
      if (dueMs !== null) break;
    }
    if (usedToday > 0) counted.push({ date: isoOf(i), hours: usedToday / 3_600_000 });
    else skipped.push({ date: isoOf(i), kind: 'PAUSED', reason: 'No office time available (received after hours or clock stopped)' });
  }
  const due = new Date(dueMs);
  const dueDate = isoOf(indexOfInstant(due));
  const startDate = isoOf(indexOfInstant(new Date(firstCounted ?? dueMs)));
  const paused = pauses.some(({ pause, range }) => pause.to === null && range[0] <= asOfMs);
  const rule = `Hours counted within office hours from ${new Date(startMs).toISOString()}`;
  return {
    due,
    dueDate,
    countingStart: startDate,
    calendarVersion: cal.version,
    paused,
    consumed: consumedMs / 3_600_000,
    remaining: (totalMs - consumedMs) / 3_600_000,
    explanation:
      input.explain === false
        ? null
        : {
            countingStart: startDate,
            startRule: rule,
            counted,
            skipped,
            summary: `${amount} working hour(s)${extension ? ` + ${extension} extension day(s)` : ''}: due ${due.toISOString()}`,
          },
  };
}
