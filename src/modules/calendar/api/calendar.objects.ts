import { ObjectType } from '@nestjs/graphql';
import { DAY_KINDS, HOLIDAY_GROUPS, OVERRIDE_KINDS, type DayKind, type HolidayGroup, type OverrideKind } from 'src/modules/calendar/domain/calendar-types';
import { OutBool, OutEnum, OutInt, OutList, OutNum, OutObj, OutStr } from 'src/common/http/api-fields';
import { GqlDayKind, GqlHolidayGroup, GqlOverrideKind } from 'src/modules/calendar/api/calendar-enums';

@ObjectType('CalendarDay')
export class CalendarDayObject {
  @OutStr(10, { format: 'date', example: '2026-02-17' }) date!: string;
  @OutInt({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' }) weekday!: number;
  @OutEnum(GqlDayKind, DAY_KINDS) kind!: DayKind;
  @OutBool() working!: boolean;
  @OutStr(500, { nullable: true }) reason!: string | null;
  @OutEnum(GqlHolidayGroup, HOLIDAY_GROUPS, { nullable: true }) holiday!: HolidayGroup | null;
  @OutStr(100, { nullable: true, description: 'The announcing document when an override decided the day' })
  documentNumber!: string | null;
  @OutBool({ description: 'The override deciding the day is not confirmed by a retrieved legal text' }) unconfirmed!: boolean;
  @OutStr(12, { description: 'Lunar date d/m (Vietnam, UTC+7), "+" after a leap month', example: '1/1' }) lunar!: string;
}

@ObjectType('CalendarYear')
export class CalendarYearObject {
  @OutInt() year!: number;
  @OutInt({ description: 'The calendar version these days come from' }) calendarVersion!: number;
  @OutInt() workingDays!: number;
  @OutList(() => CalendarDayObject, 366) days!: CalendarDayObject[];
}

@ObjectType('CalendarOverride')
export class CalendarOverrideObject {
  @OutStr(36, { format: 'uuid' }) id!: string;
  @OutStr(10, { format: 'date' }) date!: string;
  @OutEnum(GqlOverrideKind, OVERRIDE_KINDS) kind!: OverrideKind;
  @OutEnum(GqlHolidayGroup, HOLIDAY_GROUPS, { nullable: true }) holiday!: HolidayGroup | null;
  @OutStr(500) reason!: string;
  @OutStr(100, { nullable: true }) documentNumber!: string | null;
  @OutStr(10, { nullable: true, format: 'date' }) documentDate!: string | null;
  @OutBool() unconfirmed!: boolean;
  @OutStr(2000, { nullable: true }) notes!: string | null;
  @OutInt() createdInVersion!: number;
  @OutInt({ nullable: true }) retiredInVersion!: number | null;
  @OutStr(200, { nullable: true }) createdBy!: string | null;
}

@ObjectType('CalendarVersion')
export class CalendarVersionObject {
  @OutInt() version!: number;
  @OutStr(40, { format: 'date-time' }) createdAt!: string;
  @OutStr(200, { nullable: true }) createdBy!: string | null;
  @OutStr(1000, { nullable: true }) note!: string | null;
}

@ObjectType('CalendarAnnouncementResult')
export class AnnouncementResultObject {
  @OutInt() calendarVersion!: number;
  @OutList(() => CalendarOverrideObject, 62) overrides!: CalendarOverrideObject[];
}

@ObjectType('CalendarRemovedOverride')
export class RemovedOverrideObject {
  @OutStr(10, { format: 'date' }) date!: string;
  @OutInt() calendarVersion!: number;
}

@ObjectType('DeadlineCountedDay')
export class CountedDayObject {
  @OutStr(10, { format: 'date' }) date!: string;
  @OutNum({ nullable: true, description: 'Hours consumed that day (hour budgets only)' }) hours!: number | null;
}

@ObjectType('DeadlineSkippedDay')
export class SkippedDayObject {
  @OutStr(10, { format: 'date' }) date!: string;
  @OutStr(40, { description: 'A day kind, PAUSED (clock stopped) or AFTER_CUTOFF' }) kind!: string;
  @OutStr(600) reason!: string;
}

@ObjectType('DeadlineExplanation')
export class ExplanationObject {
  @OutStr(10, { format: 'date' }) countingStart!: string;
  @OutStr(300) startRule!: string;
  @OutStr(500) summary!: string;
  @OutList(() => CountedDayObject, 5000) counted!: CountedDayObject[];
  @OutList(() => SkippedDayObject, 5000) skipped!: SkippedDayObject[];
}

@ObjectType('DueDate')
export class DueDateObject {
  @OutStr(40, { format: 'date-time', description: 'The due instant (end of the due date for working-day budgets)' }) due!: string;
  @OutStr(10, { format: 'date' }) dueDate!: string;
  @OutStr(10, { format: 'date' }) countingStart!: string;
  @OutInt() calendarVersion!: number;
  @OutBool({ description: 'A pause is still open: the due date is provisional' }) paused!: boolean;
  @OutNum({ description: 'Budget consumed by asOf' }) consumed!: number;
  @OutNum() remaining!: number;
  @OutObj(() => ExplanationObject) explanation!: ExplanationObject;
}

@ObjectType('CalendarOverrideList')
export class CalendarOverrideListObject {
  @OutList(() => CalendarOverrideObject, 400) items!: CalendarOverrideObject[];
}

@ObjectType('CalendarVersionList')
export class CalendarVersionListObject {
  @OutList(() => CalendarVersionObject, 100) items!: CalendarVersionObject[];
}
