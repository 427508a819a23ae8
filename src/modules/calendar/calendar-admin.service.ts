import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AuditService } from 'src/modules/audit/audit.service';
import type { HolidayGroup, OverrideKind } from 'src/modules/calendar/domain/calendar-types';
import { dayIndex } from 'src/modules/calendar/domain/day-index';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';

/** An override as stored, with its validity in versions. */
export interface OverrideRecord {
  id: string;
  date: string;
  kind: OverrideKind;
  holiday: HolidayGroup | null;
  reason: string;
  documentNumber: string | null;
  documentDate: string | null;
  unconfirmed: boolean;
  notes: string | null;
  createdInVersion: number;
  retiredInVersion: number | null;
  createdBy: string | null;
}

export interface OverrideContent {
  kind: OverrideKind;
  holiday?: HolidayGroup | null;
  reason: string;
  documentNumber?: string | null;
  documentDate?: string | null;
  unconfirmed?: boolean | null;
  notes?: string | null;
}

export interface AnnouncementInput {
  holiday: HolidayGroup;
  year: number;
  documentNumber: string;
  documentDate?: string | null;
  unconfirmed?: boolean | null;
  note?: string | null;
  days: Array<{ date: string; kind: OverrideKind; reason: string; unconfirmed?: boolean; notes?: string | null }>;
}

export interface CalendarVersionRecord {
  version: number;
  createdAt: Date;
  createdBy: string | null;
  note: string | null;
}

const COLUMNS = `id, to_char(day, 'YYYY-MM-DD') as day, kind, holiday, reason, document_number,
  to_char(document_date, 'YYYY-MM-DD') as document_date, unconfirmed, notes, created_in_version, retired_in_version, created_by`;

interface Row {
  id: string;
  day: string;
  kind: OverrideKind;
  holiday: HolidayGroup | null;
  reason: string;
  document_number: string | null;
  document_date: string | null;
  unconfirmed: boolean;
  notes: string | null;
  created_in_version: number;
  retired_in_version: number | null;
  created_by: string | null;
}

function toRecord(r: Row): OverrideRecord {
  return {
    id: r.id,
    date: r.day,
    kind: r.kind,
    holiday: r.holiday,
    reason: r.reason,
    documentNumber: r.document_number,
    documentDate: r.document_date,
    unconfirmed: r.unconfirmed,
    notes: r.notes,
    createdInVersion: r.created_in_version,
    retiredInVersion: r.retired_in_version,
    createdBy: r.created_by,
  };
}

function actorName(): string {
  return RequestContext.actor()?.name ?? 'system';
}

/**
 * Admin side of the calendar: overrides (one current override per day, addressed by its date), whole yearly
 * announcements, per-agency cut-offs and the version history. Every change runs in one transaction that creates a
 * new calendar version, retires the rows it replaces (never deletes them) and writes the audit trail; the in-memory
 * calendar is reloaded after commit.
 */
@Injectable()
export class CalendarAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: WorkingCalendarService,
    private readonly audit: AuditService,
  ) {}

  /** Overrides in force at `version` (default: current) whose day lies in `year`. */
  async list(year: number, version?: number): Promise<OverrideRecord[]> {
    const v = version ?? (await this.latestVersion(this.dataSource.manager));
    const rows = await this.dataSource.query<Row[]>(
      `select ${COLUMNS} from calendar_overrides
        where day >= make_date($1, 1, 1) and day < make_date($1 + 1, 1, 1)
          and created_in_version <= $2 and (retired_in_version is null or retired_in_version > $2)
        order by day`,
      [year, v],
    );
    return rows.map(toRecord);
  }

  /** Every override a day has had, oldest first (the history kept for versioned recomputation). */
  async history(date: string): Promise<OverrideRecord[]> {
    dayIndex(date);
    const rows = await this.dataSource.query<Row[]>(
      `select ${COLUMNS} from calendar_overrides where day = $1 order by created_in_version`,
      [date],
    );
    return rows.map(toRecord);
  }

  async versions(limit = 100): Promise<CalendarVersionRecord[]> {
    const rows = await this.dataSource.query<Array<{ version: number; created_at: Date; created_by: string | null; note: string | null }>>(
      `select version, created_at, created_by, note from calendar_versions order by version desc limit $1`,
      [limit],
    );
    return rows.map((r) => ({ version: r.version, createdAt: r.created_at, createdBy: r.created_by, note: r.note }));
  }

  /** Adds the override of a day that has none. */
  async create(date: string, content: OverrideContent): Promise<OverrideRecord> {
    dayIndex(date);
    return this.change(`Override ${date} added`, async (m, v) => {
      if (await this.currentRow(m, date)) throw new DomainException('CALENDAR_OVERRIDE_EXISTS', `${date} already has an override`);
      await this.assertAnnounced(m, date, content.holiday);
      const created = await this.insert(m, v, date, content, null);
      await this.audit.record({ action: 'CALENDAR_OVERRIDE_CREATED', entityType: 'calendar_override', entityId: date, after: { ...created } }, m);
      return created;
    });
  }

  /** Replaces the override of a day (the old row is retired, kept in the history). */
  async update(date: string, content: OverrideContent): Promise<OverrideRecord> {
    dayIndex(date);
    return this.change(`Override ${date} changed`, async (m, v) => {
      const before = await this.currentRow(m, date);
      if (!before) throw new DomainException('CALENDAR_OVERRIDE_NOT_FOUND', `${date} has no override`);
      if (content.holiday && content.holiday !== before.holiday) await this.assertAnnounced(m, date, content.holiday);
      await m.query(`update calendar_overrides set retired_in_version = $2 where id = $1`, [before.id, v]);
      const after = await this.insert(m, v, date, content, null);
      await this.audit.record(
        { action: 'CALENDAR_OVERRIDE_UPDATED', entityType: 'calendar_override', entityId: date, before: { ...toRecord(before) }, after: { ...after } },
        m,
      );
      return after;
    });
  }

  /** Removes the override of a day (the computed rules apply again from the new version). */
  async remove(date: string): Promise<{ date: string; calendarVersion: number }> {
    dayIndex(date);
    return this.change(`Override ${date} removed`, async (m, v) => {
      const before = await this.currentRow(m, date);
      if (!before) throw new DomainException('CALENDAR_OVERRIDE_NOT_FOUND', `${date} has no override`);
      await m.query(`update calendar_overrides set retired_in_version = $2 where id = $1`, [before.id, v]);
      await this.audit.record(
        { action: 'CALENDAR_OVERRIDE_REMOVED', entityType: 'calendar_override', entityId: date, before: { ...toRecord(before) } },
        m,
      );
      return { date, calendarVersion: v };
    });
  }

  /**
   * Records a yearly announcement for one holiday group: the listed days become that group's placement for the year
   * (replacing the computed default and any earlier announcement of the group), in one new version.
   * `seedKeyOf` lets the seeder mark rows so it never re-adds them.
   */
  async recordAnnouncement(
    input: AnnouncementInput,
    opts: { manager?: EntityManager; seedKeyOf?: (date: string) => string } = {},
  ): Promise<{ calendarVersion: number; overrides: OverrideRecord[] }> {
    for (const d of input.days) {
      dayIndex(d.date);
      if (Number(d.date.slice(0, 4)) !== input.year)
        throw new DomainException('VALIDATION_FAILED', `${d.date} is not in ${input.year}`);
    }
    if (new Set(input.days.map((d) => d.date)).size !== input.days.length)
      throw new DomainException('VALIDATION_FAILED', 'A day is listed twice');
    return this.change(
      `Announcement ${input.documentNumber}: ${input.holiday} ${input.year}`,
      async (m, v) => {
        const dates = input.days.map((d) => d.date);
        // (a CTE so the driver returns the rows of an UPDATE … RETURNING like a SELECT)
        const replaced = await m.query<Row[]>(
          `with retired as (
             update calendar_overrides set retired_in_version = $1
              where retired_in_version is null
                and ((holiday = $2 and day >= make_date($3, 1, 1) and day < make_date($3 + 1, 1, 1)) or day = any($4::date[]))
             returning *)
           select ${COLUMNS} from retired`,
          [v, input.holiday, input.year, dates],
        );
        const created: OverrideRecord[] = [];
        for (const d of input.days)
          created.push(
            await this.insert(
              m,
              v,
              d.date,
              {
                kind: d.kind,
                holiday: input.holiday,
                reason: d.reason,
                documentNumber: input.documentNumber,
                documentDate: input.documentDate ?? null,
                unconfirmed: (input.unconfirmed ?? false) || (d.unconfirmed ?? false),
                notes: d.notes ?? null,
              },
              opts.seedKeyOf?.(d.date) ?? null,
            ),
          );
        await this.audit.record(
          {
            action: 'CALENDAR_ANNOUNCEMENT_RECORDED',
            entityType: 'calendar_announcement',
            entityId: `${input.year}:${input.holiday}`,
            before: { days: replaced.map((r) => `${r.day} ${r.kind}`) },
            after: { document: input.documentNumber, days: created.map((c) => `${c.date} ${c.kind}`) },
          },
          m,
        );
        return { calendarVersion: v, overrides: created };
      },
      opts.manager,
    );
  }

  /** Sets an agency's own receipt cut-off ('HH:MM'); null removes it (the RECEIPT_CUTOFF setting applies). */
  async setAgencyCutoff(agencyId: string, cutoff: string | null, note?: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [before] = await m.query<Array<{ cutoff: string }>>(`select cutoff from calendar_receipt_cutoffs where agency_id = $1`, [agencyId]);
      if (cutoff === null) await m.query(`delete from calendar_receipt_cutoffs where agency_id = $1`, [agencyId]);
      else
        await m.query(
          `insert into calendar_receipt_cutoffs (agency_id, cutoff, note) values ($1, $2, $3)
           on conflict (agency_id) do update set cutoff = excluded.cutoff, note = excluded.note, updated_at = now()`,
          [agencyId, cutoff, note ?? null],
        );
      await this.audit.record(
        { action: 'CALENDAR_CUTOFF_SET', entityType: 'agency', entityId: agencyId, before: { cutoff: before?.cutoff ?? null }, after: { cutoff } },
        m,
      );
    });
    await this.calendar.reload();
  }

  /** Runs a change in a new calendar version (serialised by a table lock), then reloads the calendar. */
  private async change<T>(note: string, work: (m: EntityManager, version: number) => Promise<T>, outer?: EntityManager): Promise<T> {
    const run = async (m: EntityManager): Promise<T> => {
      await m.query(`lock table calendar_versions in share row exclusive mode`);
      const v = (await this.latestVersion(m)) + 1;
      await m.query(`insert into calendar_versions (version, created_by, note) values ($1, $2, $3)`, [v, actorName(), note.slice(0, 1000)]);
      return work(m, v);
    };
    const result = outer ? await run(outer) : await this.dataSource.transaction(run);
    if (!outer) await this.calendar.reload();
    return result;
  }

  /**
   * A single day may join a holiday's announcement only when that year already has one: tagging a lone day would
   * otherwise drop every computed day of the holiday for the year. Whole placements go through recordAnnouncement.
   */
  private async assertAnnounced(m: EntityManager, date: string, holiday: HolidayGroup | null | undefined): Promise<void> {
    if (!holiday) return;
    const rows = await m.query<unknown[]>(
      `select 1 from calendar_overrides
        where retired_in_version is null and holiday = $1 and day <> $2
          and date_part('year', day) = date_part('year', $2::date) limit 1`,
      [holiday, date],
    );
    if (rows.length === 0)
      throw new DomainException(
        'VALIDATION_FAILED',
        `No ${holiday} announcement is recorded for ${date.slice(0, 4)}: record the whole announcement (POST /calendar/announcements) instead`,
        { errors: [{ field: 'holiday', message: 'record the announcement of this holiday first' }] },
      );
  }

  private async latestVersion(m: EntityManager): Promise<number> {
    const [row] = await m.query<Array<{ v: number }>>(`select max(version)::int as v from calendar_versions`);
    return row?.v ?? 0;
  }

  private async currentRow(m: EntityManager, date: string): Promise<Row | undefined> {
    const [row] = await m.query<Row[]>(
      `select ${COLUMNS} from calendar_overrides where day = $1 and retired_in_version is null for update`,
      [date],
    );
    return row;
  }

  private async insert(m: EntityManager, v: number, date: string, c: OverrideContent, seedKey: string | null): Promise<OverrideRecord> {
    const [row] = await m.query<Row[]>(
      `insert into calendar_overrides (day, kind, holiday, reason, document_number, document_date, unconfirmed, notes,
         seed_key, created_in_version, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       returning ${COLUMNS}`,
      [
        date,
        c.kind,
        c.holiday ?? null,
        c.reason,
        c.documentNumber ?? null,
        c.documentDate ?? null,
        (c.unconfirmed ?? false) || !c.documentNumber,
        c.notes ?? null,
        seedKey,
        v,
        actorName(),
      ],
    );
    return toRecord(row);
  }
}
