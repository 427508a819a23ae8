import type { EntityManager } from 'typeorm';
import type { Seeder } from 'src/database/seed/seeder';
import { AuditService } from 'src/modules/audit/audit.service';
import { CalendarAdminService } from 'src/modules/calendar/calendar-admin.service';
import { loadOfficialSchedules, seedKeyOf } from 'src/modules/calendar/seed/official-schedules';
import type { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';

/**
 * The official 2024–2026 civil-service schedules (seed-data/official-schedules.json), recorded through the same
 * announcement path as an admin's, one calendar version per announcement. Idempotent: an announcement any of whose
 * days was ever seeded (seed_key, even if an admin has since changed it) is skipped.
 */
export class CalendarSeeder implements Seeder {
  readonly name = 'calendar';
  readonly order = 20;

  async run(manager: EntityManager): Promise<void> {
    await this.seed(manager);
  }

  /** Records the announcements not yet seeded; returns how many. */
  async seed(manager: EntityManager): Promise<number> {
    // Inside the seed transaction the admin service never touches the in-memory calendar (apps reload on start).
    const admin = new CalendarAdminService(
      manager.connection,
      undefined as unknown as WorkingCalendarService,
      new AuditService(manager.connection),
    );
    let recorded = 0;
    for (const a of loadOfficialSchedules()) {
      const keys = a.days.map((d) => seedKeyOf(a, d));
      const seen = await manager.query<unknown[]>(`select 1 from calendar_overrides where seed_key = any($1::text[]) limit 1`, [keys]);
      if (seen.length) continue;
      await admin.recordAnnouncement(
        {
          holiday: a.holiday,
          year: Number(a.days[0].date.slice(0, 4)),
          documentNumber: a.document,
          documentDate: a.documentDate,
          unconfirmed: a.unconfirmed,
          days: a.days.map((d) => ({
            date: d.date,
            kind: d.kind,
            reason: d.reason,
            unconfirmed: d.unconfirmed,
            notes: d.notes ?? null,
          })),
        },
        { manager, seedKeyOf: (date) => `official:${a.holiday}:${date}` },
      );
      recorded++;
    }
    return recorded;
  }
}
