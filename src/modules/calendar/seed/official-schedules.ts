import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CalendarOverride, HolidayGroup, OverrideKind } from 'src/modules/calendar/domain/calendar-types';

/** One day of an announcement in seed-data/official-schedules.json. */
export interface ScheduleDay {
  date: string;
  kind: OverrideKind;
  reason: string;
  notes?: string | null;
  unconfirmed?: boolean;
}

/** One announcement: the placement of one holiday group in one year, with its document. */
export interface ScheduleAnnouncement {
  document: string;
  documentDate: string | null;
  holiday: HolidayGroup;
  source: string;
  notes: string | null;
  unconfirmed: boolean;
  days: ScheduleDay[];
}

export const CALENDAR_SEED_DIR = join(__dirname, '..', 'seed-data');

/** The official 2024–2026 civil-service schedules (Tết, 30/4–1/5, 2/9) with their documents. */
export function loadOfficialSchedules(dir = CALENDAR_SEED_DIR): ScheduleAnnouncement[] {
  return (JSON.parse(readFileSync(join(dir, 'official-schedules.json'), 'utf8')) as { announcements: ScheduleAnnouncement[] })
    .announcements;
}

/** Stable key of a seeded day, so the seeder never re-adds a day an admin has since changed or removed. */
export function seedKeyOf(a: ScheduleAnnouncement, d: ScheduleDay): string {
  return `official:${a.holiday}:${d.date}`;
}

/** The seed as engine overrides (for unit tests and the seeder). */
export function officialOverrides(dir = CALENDAR_SEED_DIR): CalendarOverride[] {
  return loadOfficialSchedules(dir).flatMap((a) =>
    a.days.map((d) => ({
      id: seedKeyOf(a, d),
      date: d.date,
      kind: d.kind,
      holiday: a.holiday,
      reason: d.reason,
      documentNumber: a.document,
      unconfirmed: a.unconfirmed || d.unconfirmed === true,
    })),
  );
}
