import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, Roles, Scopes } from 'src/common/auth/auth.decorators';
import { DomainException } from 'src/common/errors/domain.exception';
import { AnnouncementInputDto, CalculatorInput, OverrideInput } from 'src/modules/calendar/api/calendar.inputs';
import {
  fromAnnouncementInput,
  fromCalculatorInput,
  toAnnouncementObject,
  toDueDateObject,
  toOverrideObject,
  toVersionObject,
  toYearObject,
} from 'src/modules/calendar/api/calendar.mapper';
import {
  AnnouncementResultObject,
  CalendarOverrideObject,
  CalendarVersionObject,
  CalendarYearObject,
  DueDateObject,
  RemovedOverrideObject,
} from 'src/modules/calendar/api/calendar.objects';
import { CalendarAdminService } from 'src/modules/calendar/calendar-admin.service';
import { dayIndex } from 'src/modules/calendar/domain/day-index';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';

function checkYear(y: number): number {
  if (!Number.isInteger(y) || y < 1990 || y > 2101) throw new DomainException('CALENDAR_DATE_OUT_OF_RANGE', 'Years 1990–2101');
  return y;
}

function checkDate(d: string): string {
  dayIndex(d);
  return d;
}

/** The working-day calendar over GraphQL: same rules and roles as the REST controller. */
@Resolver()
export class CalendarResolver {
  constructor(
    private readonly calendar: WorkingCalendarService,
    private readonly admin: CalendarAdminService,
  ) {}

  @Scopes('dossiers:read', 'procedures:read')
  @Query(() => CalendarYearObject, { description: 'Every day of a year with its kind and reason' })
  async calendarYear(
    @Args('year', { type: () => Int }) year: number,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
  ): Promise<CalendarYearObject> {
    const cal = version === undefined || version === null ? this.calendar.current() : await this.calendar.atVersion(version);
    return toYearObject(cal, checkYear(year));
  }

  @Query(() => [CalendarOverrideObject], { description: 'Overrides of a year in force at a version (default current)' })
  async calendarOverrides(
    @Args('year', { type: () => Int }) year: number,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
  ): Promise<CalendarOverrideObject[]> {
    return (await this.admin.list(checkYear(year), version ?? undefined)).map(toOverrideObject);
  }

  @Query(() => [CalendarOverrideObject], { description: 'Every override a day has had' })
  async calendarOverrideHistory(@Args('date', { type: () => String }) date: string): Promise<CalendarOverrideObject[]> {
    return (await this.admin.history(checkDate(date))).map(toOverrideObject);
  }

  @Query(() => [CalendarVersionObject], { description: 'Calendar versions, newest first' })
  async calendarVersions(): Promise<CalendarVersionObject[]> {
    return (await this.admin.versions()).map(toVersionObject);
  }

  @Public()
  @Query(() => DueDateObject, { description: 'Due date calculator with an explanation of every skipped day (public)' })
  async dueDateCalculation(@Args('input', { type: () => CalculatorInput }) input: CalculatorInput): Promise<DueDateObject> {
    const i = fromCalculatorInput(input);
    const r =
      input.calendarVersion === undefined || input.calendarVersion === null
        ? this.calendar.dueDate(i)
        : await this.calendar.dueDateAt(i, input.calendarVersion);
    return toDueDateObject(r);
  }

  @Roles('ADMIN')
  @Mutation(() => CalendarOverrideObject, { description: 'Add the override of a day (new calendar version, audited)' })
  async createCalendarOverride(
    @Args('date', { type: () => String }) date: string,
    @Args('input', { type: () => OverrideInput }) input: OverrideInput,
  ): Promise<CalendarOverrideObject> {
    return toOverrideObject(await this.admin.create(checkDate(date), input));
  }

  @Roles('ADMIN')
  @Mutation(() => CalendarOverrideObject, { description: 'Replace the override of a day (history kept)' })
  async updateCalendarOverride(
    @Args('date', { type: () => String }) date: string,
    @Args('input', { type: () => OverrideInput }) input: OverrideInput,
  ): Promise<CalendarOverrideObject> {
    return toOverrideObject(await this.admin.update(checkDate(date), input));
  }

  @Roles('ADMIN')
  @Mutation(() => RemovedOverrideObject, { description: 'Remove the override of a day' })
  removeCalendarOverride(@Args('date', { type: () => String }) date: string): Promise<RemovedOverrideObject> {
    return this.admin.remove(checkDate(date));
  }

  @Roles('ADMIN')
  @Mutation(() => AnnouncementResultObject, { description: "Record a year's announcement for one holiday" })
  async recordCalendarAnnouncement(
    @Args('input', { type: () => AnnouncementInputDto }) input: AnnouncementInputDto,
  ): Promise<AnnouncementResultObject> {
    return toAnnouncementObject(
      await this.admin.recordAnnouncement(fromAnnouncementInput(input)),
    );
  }
}
