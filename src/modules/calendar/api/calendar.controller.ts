import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Public, Roles, Scopes } from 'src/common/auth/auth.decorators';
import { DomainException } from 'src/common/errors/domain.exception';
import { AnnouncementInputDto, CalculatorInput, CutoffInput, OverrideInput } from 'src/modules/calendar/api/calendar.inputs';
import {
  fromAnnouncementInput,
  fromCalculatorInput,
  toAnnouncementObject,
  toDayObject,
  toDueDateObject,
  toOverrideObject,
  toVersionObject,
  toYearObject,
} from 'src/modules/calendar/api/calendar.mapper';
import {
  AnnouncementResultObject,
  CalendarDayObject,
  CalendarOverrideListObject,
  CalendarOverrideObject,
  CalendarVersionListObject,
  CalendarYearObject,
  DueDateObject,
  RemovedOverrideObject,
} from 'src/modules/calendar/api/calendar.objects';
import { CalendarAdminService } from 'src/modules/calendar/calendar-admin.service';
import { dayIndex } from 'src/modules/calendar/domain/day-index';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';

export class VersionQuery {
  @ApiPropertyOptional({ type: Number, format: 'int32', minimum: 0, maximum: 2_000_000_000, description: 'Default: current' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  version?: number;
}

export class OverrideListQuery extends VersionQuery {
  @ApiProperty({ type: Number, format: 'int32', minimum: 1990, maximum: 2101, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2101)
  year!: number;
}

const DateParam = (): MethodDecorator =>
  ApiParam({
    name: 'date',
    schema: { type: 'string', format: 'date', maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    example: '2026-02-17',
  });

function year(raw: string): number {
  const y = Number(raw);
  if (!/^\d{4}$/.test(raw) || y < 1990 || y > 2101) throw new DomainException('CALENDAR_DATE_OUT_OF_RANGE', 'Years 1990–2101');
  return y;
}

function date(raw: string): string {
  dayIndex(raw);
  return raw;
}

/**
 * The working-day calendar over REST. Reads: any authenticated caller (staff, or API keys with dossiers:read or
 * procedures:read). The calculator is public so integrators show the same dates the service uses. Writes: ADMIN.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: WorkingCalendarService,
    private readonly admin: CalendarAdminService,
  ) {}

  @Get('years/:year')
  @ApiParam({ name: 'year', schema: { type: 'string', maxLength: 4, pattern: '^\\d{4}$' }, example: '2026' })
  @Scopes('dossiers:read', 'procedures:read')
  @ApiOperation({ summary: 'Every day of a year with its kind and reason (current version unless ?version=)' })
  @ApiOkResponse({ type: CalendarYearObject })
  async yearView(@Param('year') raw: string, @Query() q: VersionQuery): Promise<CalendarYearObject> {
    const y = year(raw);
    return toYearObject(q.version === undefined ? this.calendar.current() : await this.calendar.atVersion(q.version), y);
  }

  @Get('days/:date')
  @DateParam()
  @Scopes('dossiers:read', 'procedures:read')
  @ApiOperation({ summary: 'One day: working or not, and why' })
  @ApiOkResponse({ type: CalendarDayObject })
  day(@Param('date') raw: string): CalendarDayObject {
    return toDayObject(this.calendar.day(date(raw)));
  }

  @Post('calculator')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Due date of a budget from an anchor with pauses and extensions, explaining every skipped day (public)' })
  @ApiOkResponse({ type: DueDateObject })
  async calculate(@Body() body: CalculatorInput): Promise<DueDateObject> {
    const input = fromCalculatorInput(body);
    const r =
      body.calendarVersion === undefined || body.calendarVersion === null
        ? this.calendar.dueDate(input)
        : await this.calendar.dueDateAt(input, body.calendarVersion);
    return toDueDateObject(r);
  }

  @Get('versions')
  @ApiOperation({ summary: 'Calendar versions, newest first (every override change creates one)' })
  @ApiOkResponse({ type: CalendarVersionListObject })
  async versions(): Promise<CalendarVersionListObject> {
    return { items: (await this.admin.versions()).map(toVersionObject) };
  }

  @Get('overrides')
  @ApiOperation({ summary: 'Overrides of a year in force at a version (default current)' })
  @ApiOkResponse({ type: CalendarOverrideListObject })
  async overrides(@Query() q: OverrideListQuery): Promise<CalendarOverrideListObject> {
    return { items: (await this.admin.list(q.year, q.version)).map(toOverrideObject) };
  }

  @Get('overrides/:date/history')
  @DateParam()
  @ApiOperation({ summary: 'Every override a day has had, with the versions it was valid in' })
  @ApiOkResponse({ type: CalendarOverrideListObject })
  async history(@Param('date') raw: string): Promise<CalendarOverrideListObject> {
    return { items: (await this.admin.history(date(raw))).map(toOverrideObject) };
  }

  @Post('overrides/:date')
  @DateParam()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add the override of a day (new calendar version, audited)' })
  @ApiOkResponse({ type: CalendarOverrideObject })
  async create(@Param('date') raw: string, @Body() body: OverrideInput): Promise<CalendarOverrideObject> {
    return toOverrideObject(await this.admin.create(date(raw), body));
  }

  @Put('overrides/:date')
  @DateParam()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Replace the override of a day (the old one stays in the history)' })
  @ApiOkResponse({ type: CalendarOverrideObject })
  async update(@Param('date') raw: string, @Body() body: OverrideInput): Promise<CalendarOverrideObject> {
    return toOverrideObject(await this.admin.update(date(raw), body));
  }

  @Delete('overrides/:date')
  @DateParam()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Remove the override of a day (computed rules apply again)' })
  @ApiOkResponse({ type: RemovedOverrideObject })
  remove(@Param('date') raw: string): Promise<RemovedOverrideObject> {
    return this.admin.remove(date(raw));
  }

  @Post('announcements')
  @Roles('ADMIN')
  @ApiOperation({ summary: "Record a year's announcement for one holiday: its days replace the computed placement" })
  @ApiOkResponse({ type: AnnouncementResultObject })
  async announce(@Body() body: AnnouncementInputDto): Promise<AnnouncementResultObject> {
    return toAnnouncementObject(
      await this.admin.recordAnnouncement(fromAnnouncementInput(body)),
    );
  }

  @Put('cutoffs/:agencyId')
  @ApiParam({ name: 'agencyId', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @Roles('ADMIN')
  @HttpCode(204)
  @ApiOperation({ summary: "Set (or with cutoff null, remove) an agency's own receipt cut-off" })
  async cutoff(@Param('agencyId') agencyId: string, @Body() body: CutoffInput): Promise<void> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(agencyId))
      throw new DomainException('NOT_FOUND', 'No such agency');
    await this.admin.setAgencyCutoff(agencyId, body.cutoff ?? null, body.note);
  }
}
