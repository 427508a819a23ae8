import { Injectable } from '@nestjs/common';
import { RequestContext } from 'src/common/context/request-context';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { keyedPage } from 'src/modules/reports/registries/report-page';
import { decodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { formatBasisPoints, parseVnd, shareBasisPoints } from 'src/modules/benefits/domain/money';
import type { CoverageGroup } from 'src/modules/benefits/statistics/payment-statistics.service';
import { maskCccd } from 'src/modules/registry/domain/cccd';
import {
  COVERAGE_AGGREGATE_SQL,
  COVERAGE_DRILL_DOWN_SQL,
  PAID_AGGREGATE_SQL,
  PAID_DRILL_DOWN_SQL,
  type CoverageFigureName,
} from 'src/modules/reports/payments/payments-report.sql';
import type { DateRange } from 'src/modules/reports/domain/reporting-period';
import type {
  PageRequest,
  ReportUnitRef,
} from 'src/modules/reports/registries/registries-report.service';
import {
  ReportUnitsService,
  type ReportUnitContext,
  type UnitFilter,
} from 'src/modules/reports/registries/report-units.service';

/** Accounts over eligible, as the benefits module computes it: basis points half-up (7477 = 74.77%). */
export interface CoverageShare {
  eligible: number;
  withAccount: number;
  /** null when nobody is eligible. */
  shareBasisPoints: number | null;
  sharePercent: string | null;
}

export function coverageShare(eligible: number, withAccount: number): CoverageShare {
  const bp = shareBasisPoints(withAccount, eligible);
  return { eligible, withAccount, shareBasisPoints: bp, sharePercent: bp === null ? null : formatBasisPoints(bp) };
}

export interface CoverageReportLine extends ReportUnitRef, CoverageShare {
  group: CoverageGroup;
  approximate: boolean;
}

export interface AccountCoverageReport {
  date: string;
  era: ReportUnitContext['era'];
  unit: ReportUnitContext['unit'];
  lines: CoverageReportLine[];
  /** Per unit, distinct people over the groups. */
  unitTotals: Array<ReportUnitRef & CoverageShare>;
  groups: Array<CoverageShare & { group: CoverageGroup }>;
  /** Distinct people over the groups (a person in two groups counts once, so groups may sum to more). */
  total: CoverageShare;
  generatedAt: string;
}

export interface CoveragePersonRow extends ReportUnitRef {
  personId: string;
  fullName: string;
  cccdMasked: string | null;
  birth: string;
  group: CoverageGroup;
  hasAccount: boolean;
  approximate: boolean;
}

export interface PaidFigures {
  people: number;
  /** VND. */
  amount: number;
  lines: number;
  cumulativePeople: number;
  cumulativeAmount: number;
}

export interface PaidReportLine extends ReportUnitRef, PaidFigures {
  approximate: boolean;
}

export interface PaidThroughAccountsReport {
  period: DateRange;
  era: ReportUnitContext['era'];
  unit: ReportUnitContext['unit'];
  lines: PaidReportLine[];
  total: PaidFigures;
  generatedAt: string;
}

export interface PaidPersonRow extends ReportUnitRef {
  personId: string;
  /** The name on the payment lines (snapshot). */
  fullName: string;
  lines: number;
  amount: number;
}

type PaidRow = Partial<ReportUnitRef> & {
  people: number;
  amount: string;
  lines: number;
  cumulativePeople: number;
  cumulativeAmount: string;
  approximate: boolean;
};

const paidFigures = (r: PaidRow | undefined): PaidFigures => ({
  people: r?.people ?? 0,
  amount: parseVnd(r?.amount ?? 0),
  lines: r?.lines ?? 0,
  cumulativePeople: r?.cumulativePeople ?? 0,
  cumulativeAmount: parseVnd(r?.cumulativeAmount ?? 0),
});

/**
 * Cashless-payment reports (Project 06): accounts opened over people eligible per group and unit on a date; people
 * paid through accounts and the amounts in a period. Units are succession-aware, scope is in the SQL, every figure
 * drills down to its people (CCCD masked).
 */
@Injectable()
export class PaymentsReportService {
  constructor(
    private readonly pool: ReportPool,
    private readonly units: ReportUnitsService,
  ) {}

  async coverage(input: { date: string } & UnitFilter): Promise<AccountCoverageReport> {
    const ctx = await this.units.resolve(RequestContext.actor(), input, input.date);
    const rows = await this.pool.query<
        Partial<ReportUnitRef> & {
          group: CoverageGroup | null;
          allGroups: boolean;
          eligible: number;
          withAccount: number;
          approximate: boolean;
        }
      >(COVERAGE_AGGREGATE_SQL, [input.date, ctx.era, ctx.scope, ctx.unit?.id ?? null]);
    const total = rows.find((r) => r.allGroups && !r.unitId);
    return {
      date: input.date,
      era: ctx.era,
      unit: ctx.unit,
      lines: rows
        .filter((r) => r.unitId && !r.allGroups)
        .map((r) => ({
          unitId: r.unitId as string,
          unitCode: r.unitCode as string,
          unitName: r.unitName as string,
          group: r.group as CoverageGroup,
          ...coverageShare(r.eligible, r.withAccount),
          approximate: r.approximate,
        })),
      unitTotals: rows
        .filter((r) => r.unitId && r.allGroups)
        .map((r) => ({
          unitId: r.unitId as string,
          unitCode: r.unitCode as string,
          unitName: r.unitName as string,
          ...coverageShare(r.eligible, r.withAccount),
        })),
      groups: rows
        .filter((r) => !r.unitId && !r.allGroups)
        .map((r) => ({ group: r.group as CoverageGroup, ...coverageShare(r.eligible, r.withAccount) })),
      total: coverageShare(total?.eligible ?? 0, total?.withAccount ?? 0),
      generatedAt: new Date().toISOString(),
    };
  }

  async coveragePeople(
    input: { date: string; figure: CoverageFigureName; group?: CoverageGroup; reportUnitId?: string } & UnitFilter,
    page: PageRequest,
  ): Promise<Page<CoveragePersonRow>> {
    const ctx = await this.units.resolve(RequestContext.actor(), input, input.date);
    const limit = pageSize(page.limit);
    const after = decodeCursor(page.cursor);
    const rows = await this.pool.query<Omit<CoveragePersonRow, 'cccdMasked'> & { cccd: string | null }>(
      COVERAGE_DRILL_DOWN_SQL(input.figure),
      [
        input.date,
        ctx.era,
        ctx.scope,
        ctx.unit?.id ?? null,
        input.group ?? null,
        input.reportUnitId ?? null,
        after ? after.id : null,
        limit + 1,
      ],
    );
    return keyedPage(rows.map(({ cccd, ...r }) => ({ ...r, cccdMasked: maskCccd(cccd) })), limit, (r) => ({ k: r.personId, id: r.personId }));
  }

  async paidThroughAccounts(input: { period: DateRange } & UnitFilter): Promise<PaidThroughAccountsReport> {
    const ctx = await this.units.resolve(RequestContext.actor(), input, input.period.to);
    const rows = await this.pool.query<PaidRow>(PAID_AGGREGATE_SQL, [
      input.period.from,
      input.period.to,
      ctx.era,
      ctx.scope,
      ctx.unit?.id ?? null,
    ]);
    return {
      period: input.period,
      era: ctx.era,
      unit: ctx.unit,
      lines: rows
        .filter((r) => r.unitId)
        .map((r) => ({
          unitId: r.unitId as string,
          unitCode: r.unitCode as string,
          unitName: r.unitName as string,
          ...paidFigures(r),
          approximate: r.approximate,
        })),
      total: paidFigures(rows.find((r) => !r.unitId)),
      generatedAt: new Date().toISOString(),
    };
  }

  async paidPeople(
    input: { period: DateRange; reportUnitId?: string } & UnitFilter,
    page: PageRequest,
  ): Promise<Page<PaidPersonRow>> {
    const ctx = await this.units.resolve(RequestContext.actor(), input, input.period.to);
    const limit = pageSize(page.limit);
    const after = decodeCursor(page.cursor);
    const rows = await this.pool.query<Omit<PaidPersonRow, 'amount'> & { amount: string }>(
      PAID_DRILL_DOWN_SQL,
      [
        input.period.from,
        input.period.to,
        ctx.era,
        ctx.scope,
        ctx.unit?.id ?? null,
        input.reportUnitId ?? null,
        after ? after.id : null,
        limit + 1,
      ],
    );
    return keyedPage(rows.map((r) => ({ ...r, amount: parseVnd(r.amount) })), limit, (r) => ({ k: r.personId, id: r.personId }));
  }
}
