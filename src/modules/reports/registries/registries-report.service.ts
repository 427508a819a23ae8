import { Injectable } from '@nestjs/common';
import { RequestContext } from 'src/common/context/request-context';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { keyedPage } from 'src/modules/reports/registries/report-page';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { maskCccd } from 'src/modules/registry/domain/cccd';
import {
  yearEnds,
  type ListedPovertyClass,
  type PovertyFlow,
} from 'src/modules/reports/registries/poverty-flow';
import {
  POVERTY_AGGREGATE_SQL,
  POVERTY_DRILL_DOWN_SQL,
  type PovertyFigure,
} from 'src/modules/reports/registries/poverty-report.sql';
import {
  ReportUnitsService,
  type ReportUnitContext,
  type UnitFilter,
} from 'src/modules/reports/registries/report-units.service';
import {
  STATUS_AGGREGATE_SQL,
  STATUS_DRILL_DOWN_SQL,
  type StatusFigure,
  type StatusReportKind,
} from 'src/modules/reports/registries/status-report.sql';

/** A report unit as rows name it. */
export interface ReportUnitRef {
  unitId: string;
  unitCode: string;
  unitName: string;
}

export interface PovertyReportLine extends ReportUnitRef, PovertyFlow {
  class: ListedPovertyClass;
  /** Some households were attributed to this unit through a PARTIAL (or new → old) succession link. */
  approximate: boolean;
}

export interface PovertyReport {
  year: number;
  /** 31 December of the previous year and of the year. */
  previousDate: string;
  date: string;
  era: ReportUnitContext['era'];
  unit: ReportUnitContext['unit'];
  lines: PovertyReportLine[];
  /** Per class over every unit of the report. */
  totals: Array<PovertyFlow & { class: ListedPovertyClass }>;
  generatedAt: string;
}

export interface PovertyHouseholdRow extends ReportUnitRef {
  householdId: string;
  householdCode: string;
  filedUnitId: string;
  classBefore: ListedPovertyClass | null;
  classAfter: ListedPovertyClass | null;
  approximate: boolean;
  headName: string | null;
  /** The head's CCCD masked as registry lists mask it (`0010******45`). */
  headCccdMasked: string | null;
}

export interface StatusReportLine extends ReportUnitRef {
  category: string;
  /** Distinct people holding the status (meritorious people, social-protection subjects or pensioners). */
  subjects: number;
  /** Distinct relatives of meritorious people of the category (always 0 for social protection). */
  relatives: number;
  approximate: boolean;
}

export interface StatusReport {
  kind: StatusReportKind;
  date: string;
  era: ReportUnitContext['era'];
  unit: ReportUnitContext['unit'];
  lines: StatusReportLine[];
  /** Per category over every unit of the report. */
  categories: Array<{ category: string; subjects: number; relatives: number }>;
  /** Distinct people over all categories (a person in two categories counts once, so categories may sum to more). */
  total: { subjects: number; relatives: number };
  generatedAt: string;
}

export interface StatusPersonRow extends ReportUnitRef {
  personId: string;
  fullName: string;
  /** Masked as registry lists mask it (`0010******45`); the full record is `GET /registry/people/:id` (audited). */
  cccdMasked: string | null;
  birth: string;
  gender: string;
  category: string;
  kind: string;
  statusId: string;
  validFrom: string;
  decisionNumber: string;
  approximate: boolean;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

const MIN_YEAR = 2016;
const MAX_YEAR = 2100;

/**
 * Registry figures departments publish: households by poverty class per unit and year with entries and exits, and
 * meritorious people (and relatives) and social-protection subjects by category and unit on a date. Scope and the
 * succession-aware unit attribution are in the SQL; every figure has a drill-down that lists exactly its rows.
 */
@Injectable()
export class RegistriesReportService {
  constructor(
    private readonly pool: ReportPool,
    private readonly units: ReportUnitsService,
  ) {}

  private async context(filter: UnitFilter, date: string): Promise<ReportUnitContext> {
    return this.units.resolve(RequestContext.actor(), filter, date);
  }

  private checkYear(year: number): { previous: string; current: string } {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
      throw new DomainException('VALIDATION_FAILED', `The year must be ${MIN_YEAR}–${MAX_YEAR}`);
    return yearEnds(year);
  }

  async poverty(input: { year: number } & UnitFilter): Promise<PovertyReport> {
    const dates = this.checkYear(input.year);
    const ctx = await this.context(input, dates.current);
    const rows = await this.pool.query<Omit<PovertyReportLine, 'unitId' | 'unitCode' | 'unitName'> & Partial<ReportUnitRef>>(POVERTY_AGGREGATE_SQL, [dates.previous, dates.current, ctx.era, ctx.scope, ctx.unit?.id ?? null]);
    const flow = (r: PovertyFlow): PovertyFlow => ({
      previous: r.previous,
      current: r.current,
      entries: r.entries,
      exits: r.exits,
    });
    return {
      year: input.year,
      previousDate: dates.previous,
      date: dates.current,
      era: ctx.era,
      unit: ctx.unit,
      lines: rows
        .filter((r) => r.unitId)
        .map((r) => ({
          unitId: r.unitId as string,
          unitCode: r.unitCode as string,
          unitName: r.unitName as string,
          class: r.class,
          ...flow(r),
          approximate: r.approximate,
        })),
      totals: rows.filter((r) => !r.unitId).map((r) => ({ class: r.class, ...flow(r) })),
      generatedAt: new Date().toISOString(),
    };
  }

  /** The households behind one poverty figure (optionally of one report unit), paged by household code. */
  async povertyHouseholds(
    input: { year: number; class: ListedPovertyClass; figure: PovertyFigure; reportUnitId?: string } & UnitFilter,
    page: PageRequest,
  ): Promise<Page<PovertyHouseholdRow>> {
    const dates = this.checkYear(input.year);
    const ctx = await this.context(input, dates.current);
    const limit = pageSize(page.limit);
    const after = decodeCursor(page.cursor);
    const rows = await this.pool.query<Omit<PovertyHouseholdRow, 'headCccdMasked'> & { headCccd: string | null }>(
      POVERTY_DRILL_DOWN_SQL(input.figure),
      [
        dates.previous,
        dates.current,
        ctx.era,
        ctx.scope,
        ctx.unit?.id ?? null,
        input.class,
        input.reportUnitId ?? null,
        after ? String(after.k) : null,
        limit + 1,
      ],
    );
    return keyedPage(rows.map(({ headCccd, ...r }) => ({ ...r, headCccdMasked: maskCccd(headCccd) })), limit, (r) => ({ k: r.householdCode, id: r.householdId }));
  }

  async statuses(input: { kind: StatusReportKind; date: string } & UnitFilter): Promise<StatusReport> {
    const ctx = await this.context(input, input.date);
    const rows = await this.pool.query<Partial<ReportUnitRef> & { category: string | null; isTotal: boolean; subjects: number; relatives: number; approximate: boolean }>(STATUS_AGGREGATE_SQL(input.kind), [input.date, ctx.era, ctx.scope, ctx.unit?.id ?? null]);
    const total = rows.find((r) => r.isTotal);
    return {
      kind: input.kind,
      date: input.date,
      era: ctx.era,
      unit: ctx.unit,
      lines: rows
        .filter((r) => r.unitId)
        .map((r) => ({
          unitId: r.unitId as string,
          unitCode: r.unitCode as string,
          unitName: r.unitName as string,
          category: r.category as string,
          subjects: r.subjects,
          relatives: r.relatives,
          approximate: r.approximate,
        })),
      categories: rows
        .filter((r) => !r.unitId && !r.isTotal)
        .map((r) => ({ category: r.category as string, subjects: r.subjects, relatives: r.relatives })),
      total: { subjects: total?.subjects ?? 0, relatives: total?.relatives ?? 0 },
      generatedAt: new Date().toISOString(),
    };
  }

  /** The people behind one figure (a category or all, a report unit or all), one row per person, paged by id. */
  async statusPeople(
    input: {
      kind: StatusReportKind;
      date: string;
      figure: StatusFigure;
      category?: string;
      reportUnitId?: string;
    } & UnitFilter,
    page: PageRequest,
  ): Promise<Page<StatusPersonRow>> {
    const ctx = await this.context(input, input.date);
    const limit = pageSize(page.limit);
    const after = decodeCursor(page.cursor);
    const rows = await this.pool.query<Omit<StatusPersonRow, 'cccdMasked'> & { cccd: string | null }>(
      STATUS_DRILL_DOWN_SQL(input.kind),
      [
        input.date,
        ctx.era,
        ctx.scope,
        ctx.unit?.id ?? null,
        input.figure === 'relatives' ? 'RELATIVE' : 'SUBJECT',
        input.category ?? null,
        input.reportUnitId ?? null,
        after ? after.id : null,
        limit + 1,
      ],
    );
    return keyedPage(rows.map(({ cccd, ...r }) => ({ ...r, cccdMasked: maskCccd(cccd) })), limit, (r) => ({ k: r.personId, id: r.personId }));
  }
}
