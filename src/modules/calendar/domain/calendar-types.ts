/** Shared vocabulary of the working-day calendar. All dates are 'YYYY-MM-DD' civil dates in business time (UTC+7). */

/** The statutory holidays of Labour Code 45/2019/QH14 art. 112, grouped as the yearly announcements treat them. */
export const HOLIDAY_GROUPS = ['NEW_YEAR', 'TET', 'HUNG_KINGS', 'REUNIFICATION_LABOUR', 'NATIONAL_DAY'] as const;
export type HolidayGroup = (typeof HOLIDAY_GROUPS)[number];

/**
 * What a day is. WORKING_DAY and MAKEUP_WORKING_DAY are working days; the others are not.
 * - PUBLIC_HOLIDAY: a statutory holiday placed by the computed rules;
 * - DAY_IN_LIEU: the compensating day off for a holiday on a weekly rest day (art. 111 cl. 3), computed;
 * - ANNOUNCED_DAY_OFF: a day off recorded from a yearly announcement (override), e.g. a Tết day or a swapped day;
 * - MAKEUP_WORKING_DAY: a Saturday/Sunday worked in exchange for a swapped day (override).
 */
export const DAY_KINDS = [
  'WORKING_DAY',
  'WEEKEND',
  'PUBLIC_HOLIDAY',
  'DAY_IN_LIEU',
  'ANNOUNCED_DAY_OFF',
  'MAKEUP_WORKING_DAY',
] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export const OVERRIDE_KINDS = ['DAY_OFF', 'WORKING_DAY'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export const BUDGET_UNITS = ['WORKING_DAYS', 'WORKING_HOURS'] as const;
export type BudgetUnit = (typeof BUDGET_UNITS)[number];

/** One announced day, as the calendar engine needs it (the persistence row carries more). */
export interface CalendarOverride {
  id: string;
  date: string;
  kind: OverrideKind;
  /**
   * The holiday whose yearly placement this announcement sets. When a year has at least one override tagged with a
   * group, the computed days of that group (and their days in lieu) are dropped for that year: the announcement
   * replaces the default rule. Untagged overrides adjust single days on top of the computed rules.
   */
  holiday: HolidayGroup | null;
  reason: string;
  documentNumber: string | null;
  unconfirmed: boolean;
}

export interface DayInfo {
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  kind: DayKind;
  working: boolean;
  reason: string | null;
  holiday: HolidayGroup | null;
  /** Set when an override decided the day. */
  overrideId: string | null;
  documentNumber: string | null;
  unconfirmed: boolean;
}
