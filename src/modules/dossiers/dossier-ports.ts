import { Injectable } from '@nestjs/common';
import type { AdminLevel } from 'src/modules/dossiers/domain/dossier-state';
import type { Channel } from 'src/modules/dossiers/domain/portal-codes';
import { BUSINESS_UTC_OFFSET_MINUTES } from 'src/config/business-time';

export type BudgetUnit = 'WORKING_DAYS' | 'WORKING_HOURS' | 'CALENDAR_DAYS';

/** What the dossier module needs from a procedure version (issue 5 `ProceduresService.versionInForce`). */
export interface ProcedureVersionView {
  id: string;
  procedureCode: string;
  name: string;
  /** null when the published procedure gives no limit (then no appointment date is computed). */
  timeLimit: { amount: number; unit: BudgetUnit } | null;
  channels: Channel[];
  documents: Array<{ code: string; name: string; mandatory: boolean }>;
  steps: Array<{ seq: number; name: string; level: AdminLevel | null; budget: { amount: number; unit: BudgetUnit } | null }>;
}

/** Procedure catalogue, as the dossier module sees it. Bound to the procedures module's service. */
export abstract class ProcedureCatalogPort {
  abstract versionInForce(procedureCode: string, onDate: string): Promise<ProcedureVersionView | undefined>;
  /** Several versions by id in one round trip (GraphQL DataLoader). */
  abstract versionsByIds(ids: readonly string[]): Promise<ProcedureVersionView[]>;
}

/** Working-day calendar, as the dossier module sees it (issue 4 `WorkingCalendarService`). Dates 'YYYY-MM-DD'. */
export abstract class DossierCalendarPort {
  /** First counted day for a dossier completed at `receivedAt` (cut-off rule; postal: the postmark date). */
  abstract countingStart(receivedAt: Date, opts?: { agencyId?: string | null; postmarkDate?: string | null }): Promise<string>;
  abstract addWorkingDays(date: string, n: number): Promise<string>;
  /** Working days in [a, b): 0 when b ≤ a. */
  abstract workingDaysBetween(a: string, b: string): Promise<number>;
  abstract isWorkingDay(date: string): Promise<boolean>;
}

/** The business date (UTC+7) of an instant. */
export function businessDate(at: Date): string {
  return new Date(at.getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** End of a business day as an instant (17:00 local is the desk's closing; deadlines are whole days). */
export function endOfBusinessDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+07:00`);
}

/** "Now" for the dossier module; tests move it to walk a dossier through weeks in seconds. */
@Injectable()
export class DossierClock {
  private offsetMs = 0;
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date(Date.now() + this.offsetMs);
  }

  today(): string {
    return businessDate(this.now());
  }

  /** Test hook: pin the clock (null returns to real time). */
  set(at: Date | null): void {
    this.fixed = at;
  }
}
