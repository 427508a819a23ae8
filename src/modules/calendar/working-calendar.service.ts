import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { DomainException } from 'src/common/errors/domain.exception';
import type { CalendarOverride, DayInfo, HolidayGroup, OverrideKind } from 'src/modules/calendar/domain/calendar-types';
import {
  computeDueDate,
  countingStartOf,
  parseOfficeHours,
  type CalculatorSettings,
  type DueDateInput,
  type DueDateResult,
} from 'src/modules/calendar/domain/deadline-calculator';
import { WorkingCalendar } from 'src/modules/calendar/domain/working-calendar';

/** Options of a receipt: the agency (its own cut-off, if recorded) and, for postal dossiers, the postmark date. */
export interface ReceiptOptions {
  agencyId?: string | null;
  postmarkDate?: string | null;
}

export type CalendarDueDateInput = DueDateInput & { agencyId?: string | null };

interface OverrideRow {
  id: string;
  day: string;
  kind: OverrideKind;
  holiday: HolidayGroup | null;
  reason: string;
  document_number: string | null;
  unconfirmed: boolean;
}

const REFRESH_EVERY_MS = 30_000;
const KEPT_VERSIONS = 8;

/**
 * The working-day calendar every module uses. Dates are 'YYYY-MM-DD' in business time (UTC+7).
 *
 * The current version is held in memory (precomputed, O(1) per call), loaded at start, reloaded after every
 * override change made through this process and polled every 30 s for changes made by other processes. Older
 * versions are loaded on demand (`atVersion`) so a deadline can be recomputed with the version it recorded.
 */
@Injectable()
export class WorkingCalendarService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WorkingCalendarService.name);
  private cal = new WorkingCalendar(0);
  private cutoffs = new Map<string, string>();
  private readonly versions = new Map<number, WorkingCalendar>();
  private readonly settings: CalculatorSettings;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.settings = { cutoff: config.calendar.receiptCutoff, office: parseOfficeHours(config.calendar.officeHours) };
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.refreshIfChanged().catch((e: unknown) => this.logger.warn(`Calendar refresh failed: ${String(e)}`));
    }, REFRESH_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The calendar version the synchronous methods use. */
  get version(): number {
    return this.cal.version;
  }

  /** The in-memory calendar of the current version (for bulk work that wants the engine directly). */
  current(): WorkingCalendar {
    return this.cal;
  }

  isWorkingDay(date: string): boolean {
    return this.cal.isWorkingDay(date);
  }

  /** The n-th working day after `date` (n < 0: before; 0: `date`). */
  addWorkingDays(date: string, n: number): string {
    return this.cal.addWorkingDays(date, n);
  }

  /** Working days d with a < d ≤ b (negative when b < a); workingDaysBetween(a, addWorkingDays(a, n)) = n. */
  workingDaysBetween(a: string, b: string): number {
    return this.cal.workingDaysBetween(a, b);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.cal.nextWorkingDay(date);
  }

  /** `date` if it is a working day, else the next one. */
  workingDayOnOrAfter(date: string): string {
    return this.cal.workingDayOnOrAfter(date);
  }

  day(date: string): DayInfo {
    return this.cal.day(date);
  }

  /** The receipt cut-off ('HH:MM') for an agency: its own if recorded, else the RECEIPT_CUTOFF setting. */
  receiptCutoff(agencyId?: string | null): string {
    return (agencyId && this.cutoffs.get(agencyId)) || this.settings.cutoff;
  }

  /**
   * The date counting starts for a dossier completed at `receivedAt`: that day if it is a working day and the receipt
   * is not after the cut-off, else the next working day; a postal dossier starts on its postmark date (or the next
   * working day).
   */
  countingStart(receivedAt: Date, opts: ReceiptOptions = {}): string {
    return this.countingStartRule(receivedAt, opts).date;
  }

  /** countingStart with the rule applied, in words. */
  countingStartRule(receivedAt: Date, opts: ReceiptOptions = {}): { date: string; rule: string } {
    return countingStartOf(this.cal, receivedAt, {
      cutoff: this.receiptCutoff(opts.agencyId),
      postmarkDate: opts.postmarkDate,
    });
  }

  /**
   * Due date of a budget (WORKING_DAYS or WORKING_HOURS) from an anchor, with clock stops and extensions, on the
   * current version. `due` is the instant (end of the due date for day budgets), `calendarVersion` the version used.
   */
  dueDate(input: CalendarDueDateInput): DueDateResult {
    return this.compute(this.cal, input);
  }

  /** dueDate on a given calendar version (a recorded deadline recomputed exactly as it was). */
  async dueDateAt(input: CalendarDueDateInput, version: number): Promise<DueDateResult> {
    return this.compute(await this.atVersion(version), input);
  }

  private compute(cal: WorkingCalendar, input: CalendarDueDateInput): DueDateResult {
    const { agencyId, ...rest } = input;
    return computeDueDate(cal, rest, { ...this.settings, cutoff: this.receiptCutoff(agencyId) });
  }

  /** The calendar as it was at `version` (cached; the current one is in memory). */
  async atVersion(version: number): Promise<WorkingCalendar> {
    if (version === this.cal.version) return this.cal;
    const hit = this.versions.get(version);
    if (hit) return hit;
    const exists = await this.dataSource.query<unknown[]>(`select 1 from calendar_versions where version = $1`, [version]);
    if (exists.length === 0) throw new DomainException('CALENDAR_VERSION_NOT_FOUND', `No calendar version ${version}`);
    const cal = new WorkingCalendar(version, await this.overridesAt(version));
    if (this.versions.size >= KEPT_VERSIONS) this.versions.delete(this.versions.keys().next().value as number);
    this.versions.set(version, cal);
    return cal;
  }

  /** Reloads the current version and the agency cut-offs (after a change, or when another process changed them). */
  async reload(): Promise<void> {
    const version = await this.latestVersion();
    const cal = new WorkingCalendar(version, await this.overridesAt(version));
    const rows = await this.dataSource.query<Array<{ agency_id: string; cutoff: string }>>(
      `select agency_id, cutoff from calendar_receipt_cutoffs`,
    );
    this.cutoffs = new Map(rows.map((r) => [r.agency_id, r.cutoff]));
    this.cal = cal;
  }

  private async refreshIfChanged(): Promise<void> {
    const [{ n }] = await this.dataSource.query<Array<{ n: string }>>(
      `select (select max(version) from calendar_versions) || ':' ||
              coalesce((select max(updated_at)::text from calendar_receipt_cutoffs), '') ||
              coalesce((select count(*)::text from calendar_receipt_cutoffs), '') as n`,
    );
    if (n !== this.fingerprint) {
      await this.reload();
      this.fingerprint = n;
    }
  }

  private fingerprint = '';

  private async latestVersion(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ v: number }>>(`select max(version)::int as v from calendar_versions`);
    return row?.v ?? 0;
  }

  private async overridesAt(version: number): Promise<CalendarOverride[]> {
    const rows = await this.dataSource.query<OverrideRow[]>(
      `select id, to_char(day, 'YYYY-MM-DD') as day, kind, holiday, reason, document_number, unconfirmed
         from calendar_overrides
        where created_in_version <= $1 and (retired_in_version is null or retired_in_version > $1)`,
      [version],
    );
    return rows.map((r) => ({
      id: r.id,
      date: r.day,
      kind: r.kind,
      holiday: r.holiday,
      reason: r.reason,
      documentNumber: r.document_number,
      unconfirmed: r.unconfirmed,
    }));
  }
}
