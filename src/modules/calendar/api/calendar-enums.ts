import { gqlEnum } from 'src/common/http/api-fields';
import { BUDGET_UNITS, DAY_KINDS, HOLIDAY_GROUPS, OVERRIDE_KINDS } from 'src/modules/calendar/domain/calendar-types';

/** The calendar's GraphQL enums and input patterns (field helpers: src/common/http/api-fields.ts). */
export const GqlDayKind = gqlEnum('CalendarDayKind', DAY_KINDS, 'What a day is in the working calendar');
export const GqlHolidayGroup = gqlEnum('HolidayGroup', HOLIDAY_GROUPS, 'Statutory holidays (Labour Code 2019 art. 112)');
export const GqlOverrideKind = gqlEnum('CalendarOverrideKind', OVERRIDE_KINDS, 'An announced day off or make-up working day');
export const GqlBudgetUnit = gqlEnum('DeadlineBudgetUnit', BUDGET_UNITS);

/** A date, or an instant with its offset. */
export const DATE_OR_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** How the calendar describes its date inputs. */
export const BUSINESS_DATE = 'YYYY-MM-DD (business time)';
