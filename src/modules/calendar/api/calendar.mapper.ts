import { DomainException } from 'src/common/errors/domain.exception';
import type {
  AnnouncementResultObject,
  CalendarDayObject,
  CalendarYearObject,
  CalendarOverrideObject,
  CalendarVersionObject,
  DueDateObject,
} from 'src/modules/calendar/api/calendar.objects';
import type { AnnouncementInputDto, CalculatorInput } from 'src/modules/calendar/api/calendar.inputs';
import type { AnnouncementInput, CalendarVersionRecord, OverrideRecord } from 'src/modules/calendar/calendar-admin.service';
import type { DayInfo } from 'src/modules/calendar/domain/calendar-types';
import type { DueDateResult } from 'src/modules/calendar/domain/deadline-calculator';
import { solarToLunar } from 'src/modules/calendar/domain/lunar';
import type { WorkingCalendar } from 'src/modules/calendar/domain/working-calendar';
import type { CalendarDueDateInput } from 'src/modules/calendar/working-calendar.service';

export function toDayObject(d: DayInfo): CalendarDayObject {
  const l = solarToLunar(Number(d.date.slice(8, 10)), Number(d.date.slice(5, 7)), Number(d.date.slice(0, 4)));
  return {
    date: d.date,
    weekday: d.weekday,
    kind: d.kind,
    working: d.working,
    reason: d.reason,
    holiday: d.holiday,
    documentNumber: d.documentNumber,
    unconfirmed: d.unconfirmed,
    lunar: `${l.day}/${l.month}${l.leap ? '+' : ''}`,
  };
}

/** Every day of a year on one calendar version. */
export function toYearObject(cal: WorkingCalendar, year: number): CalendarYearObject {
  if (!Number.isInteger(year) || year < 1990 || year > 2101)
    throw new DomainException('CALENDAR_DATE_OUT_OF_RANGE', 'Years 1990–2101');
  return { year, calendarVersion: cal.version, workingDays: cal.workingDaysInYear(year), days: cal.year(year).map(toDayObject) };
}

/** The announcement as the admin service takes it (absent flags are false). */
export function fromAnnouncementInput(i: AnnouncementInputDto): AnnouncementInput {
  return {
    ...i,
    unconfirmed: i.unconfirmed ?? false,
    days: i.days.map((d) => ({ ...d, unconfirmed: d.unconfirmed ?? false })),
  };
}

export function toOverrideObject(o: OverrideRecord): CalendarOverrideObject {
  return { ...o };
}

export function toVersionObject(v: CalendarVersionRecord): CalendarVersionObject {
  return { ...v, createdAt: v.createdAt.toISOString() };
}

export function toAnnouncementObject(r: { calendarVersion: number; overrides: OverrideRecord[] }): AnnouncementResultObject {
  return { calendarVersion: r.calendarVersion, overrides: r.overrides.map(toOverrideObject) };
}

export function toDueDateObject(r: DueDateResult): DueDateObject {
  const e = r.explanation;
  if (!e) throw new DomainException('INTERNAL', 'The calculator always explains');
  return {
    due: r.due.toISOString(),
    dueDate: r.dueDate,
    countingStart: r.countingStart,
    calendarVersion: r.calendarVersion,
    paused: r.paused,
    consumed: r.consumed,
    remaining: r.remaining,
    explanation: {
      countingStart: e.countingStart,
      startRule: e.startRule,
      summary: e.summary,
      counted: e.counted,
      skipped: e.skipped,
    },
  };
}

function instantOrDate(v: string): string | Date {
  return v.length === 10 ? v : new Date(v);
}

/** The calculator's input as the service takes it. Exactly one of anchorAt / anchorDate. */
export function fromCalculatorInput(i: CalculatorInput): CalendarDueDateInput {
  if (!i.anchorAt === !i.anchorDate)
    throw new DomainException('VALIDATION_FAILED', 'Give exactly one of anchorAt and anchorDate', {
      errors: [{ field: 'anchorAt', message: 'give exactly one of anchorAt and anchorDate' }],
    });
  return {
    anchor: i.anchorAt ? new Date(i.anchorAt) : (i.anchorDate as string),
    budget: { amount: i.budgetAmount, unit: i.budgetUnit },
    pauses: (i.pauses ?? []).map((p) => ({ from: instantOrDate(p.from), to: p.to ? instantOrDate(p.to) : null, reason: p.reason ?? null })),
    extensionDays: i.extensionDays ?? 0,
    postmarkDate: i.postmarkDate ?? null,
    agencyId: i.agencyId ?? null,
    asOf: i.asOf ? new Date(i.asOf) : undefined,
    explain: true,
  };
}
