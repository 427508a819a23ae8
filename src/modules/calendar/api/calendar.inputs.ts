import { InputType } from '@nestjs/graphql';
import {
  BUDGET_UNITS,
  HOLIDAY_GROUPS,
  OVERRIDE_KINDS,
  type BudgetUnit,
  type HolidayGroup,
  type OverrideKind,
} from 'src/modules/calendar/domain/calendar-types';
import { InBool, InDate, InEnum, InInt, InList, InNum, InStr } from 'src/common/http/api-fields';
import {
  BUSINESS_DATE,
  DATE_OR_INSTANT_PATTERN,
  GqlBudgetUnit,
  GqlHolidayGroup,
  GqlOverrideKind,
  HHMM_PATTERN,
  INSTANT_PATTERN,
} from 'src/modules/calendar/api/calendar-enums';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@InputType('CalendarOverrideInput')
export class OverrideInput {
  @InEnum(GqlOverrideKind, OVERRIDE_KINDS, { example: 'DAY_OFF' }) kind!: OverrideKind;
  @InEnum(GqlHolidayGroup, HOLIDAY_GROUPS, {
    nullable: true,
    description: 'Set when the day belongs to an announced holiday placement (use announcements for whole blocks)',
  })
  holiday?: HolidayGroup | null;
  @InStr(500, { example: 'Nghỉ bù (hoán đổi ngày làm việc)' }) reason!: string;
  @InStr(100, { nullable: true, example: '9441/TB-BNV', description: 'Without a document the override is flagged unconfirmed' })
  documentNumber?: string | null;
  @InDate({ nullable: true, description: BUSINESS_DATE }) documentDate?: string | null;
  @InBool({ nullable: true }) unconfirmed?: boolean | null;
  @InStr(2000, { nullable: true }) notes?: string | null;
}

@InputType('CalendarAnnouncementDayInput')
export class AnnouncementDayInput {
  @InDate({ example: '2027-02-08', description: BUSINESS_DATE }) date!: string;
  @InEnum(GqlOverrideKind, OVERRIDE_KINDS) kind!: OverrideKind;
  @InStr(500, { example: 'Tết Nguyên đán Đinh Mùi 2027' }) reason!: string;
  @InBool({ nullable: true }) unconfirmed?: boolean | null;
  @InStr(2000, { nullable: true }) notes?: string | null;
}

@InputType('CalendarAnnouncementInput')
export class AnnouncementInputDto {
  @InEnum(GqlHolidayGroup, HOLIDAY_GROUPS, { example: 'TET' }) holiday!: HolidayGroup;
  @InInt(1990, 2101, { example: 2027 }) year!: number;
  @InStr(100, { example: '1234/TB-BNV' }) documentNumber!: string;
  @InDate({ nullable: true, description: BUSINESS_DATE }) documentDate?: string | null;
  @InBool({ nullable: true, description: 'Flag every day of the announcement as unconfirmed' }) unconfirmed?: boolean | null;
  @InStr(1000, { nullable: true }) note?: string | null;
  @InList(() => AnnouncementDayInput, 31, { description: 'Every day the announcement places (days off and make-up days)' })
  days!: AnnouncementDayInput[];
}

@InputType('DeadlinePauseInput')
export class PauseInput {
  @InStr(35, { pattern: DATE_OR_INSTANT_PATTERN, description: 'A date (its 00:00) or an instant with offset', example: '2026-03-11' })
  from!: string;
  @InStr(35, { nullable: true, pattern: DATE_OR_INSTANT_PATTERN, description: 'Resumption; null = still stopped', example: '2026-03-16' })
  to?: string | null;
  @InStr(300, { nullable: true, example: 'waiting for the supplement' }) reason?: string | null;
}

@InputType('DueDateCalculatorInput')
export class CalculatorInput {
  @InStr(35, {
    nullable: true,
    pattern: INSTANT_PATTERN,
    description: 'Instant of receipt (the cut-off applies). Give this or anchorDate',
    example: '2026-02-13T16:00:00+07:00',
  })
  anchorAt?: string | null;
  @InDate({ nullable: true, description: 'The date counting starts (next working day if not one). Give this or anchorAt' })
  anchorDate?: string | null;
  @InNum(0, 1000, { example: 5 }) budgetAmount!: number;
  @InEnum(GqlBudgetUnit, BUDGET_UNITS, { example: 'WORKING_DAYS' }) budgetUnit!: BudgetUnit;
  @InList(() => PauseInput, 50, { nullable: true }) pauses?: PauseInput[] | null;
  @InInt(0, 1000, { nullable: true }) extensionDays?: number | null;
  @InDate({ nullable: true, description: 'Postal dossiers: counting starts on the postmark date' }) postmarkDate?: string | null;
  @InStr(36, { nullable: true, pattern: UUID_PATTERN, format: 'uuid', description: "The receiving agency (its own cut-off)" })
  agencyId?: string | null;
  @InStr(35, { nullable: true, pattern: INSTANT_PATTERN, description: '"Now" for open pauses and consumed time' })
  asOf?: string | null;
  @InInt(0, 2_000_000_000, { nullable: true, description: 'Compute on this calendar version (default: current)' })
  calendarVersion?: number | null;
}

@InputType('ReceiptCutoffInput')
export class CutoffInput {
  @InStr(5, { nullable: true, pattern: HHMM_PATTERN, example: '15:00', description: 'null removes the agency cut-off' })
  cutoff?: string | null;
  @InStr(500, { nullable: true }) note?: string | null;
}
