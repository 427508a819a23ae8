import { Injectable } from '@nestjs/common';
import { RequestContext } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import {
  consistencyErrors,
  onTimeRateBasisPoints,
  type ProcessingFormRow,
} from 'src/modules/reports/domain/processing-form';
import {
  reportingPeriod,
  type DateRange,
  type PeriodKind,
} from 'src/modules/reports/domain/reporting-period';
import {
  AGGREGATE_SQL,
  CLASSIFIED_SQL,
  DRILL_DOWN_FILTERS,
  FACTS_SQL,
  type DrillDownColumn,
} from 'src/modules/reports/processing/processing-report.sql';
import { asRollupCondition } from 'src/modules/reports/rollups/processing-rollup.sql';
import { ProcessingRollupService } from 'src/modules/reports/rollups/processing-rollup.service';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import {
  NO_FILTERS,
  processingFilterParams,
  processingFilterSql,
  type ProcessingFilters,
} from 'src/modules/reports/processing/processing-report.filters';
import rules from 'src/modules/reports/seed-data/reporting-rules.json';

export interface CountRow {
  received: number;
  received_online: number;
  received_direct_or_postal: number;
  carried_over: number;
  resolved: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  in_progress: number;
  in_progress_within_time: number;
  in_progress_overdue: number;
  decided: number;
  decided_early_or_on_time: number;
  returned_or_withdrawn: number;
  waiting_for_supplement: number;
  apology_letters: number;
}

export function toFormRow(r: CountRow): ProcessingFormRow {
  return {
    received: r.received,
    receivedOnline: r.received_online,
    receivedDirectOrPostal: r.received_direct_or_postal,
    carriedOver: r.carried_over,
    resolved: r.resolved,
    resolvedEarly: r.resolved_early,
    resolvedOnTime: r.resolved_on_time,
    resolvedLate: r.resolved_late,
    inProgress: r.in_progress,
    inProgressWithinTime: r.in_progress_within_time,
    inProgressOverdue: r.in_progress_overdue,
    decided: r.decided,
    decidedEarlyOrOnTime: r.decided_early_or_on_time,
    returnedOrWithdrawn: r.returned_or_withdrawn,
    waitingForSupplement: r.waiting_for_supplement,
    apologyLetters: r.apology_letters,
  };
}

export interface ProcessingReportLine extends ProcessingFormRow {
  fieldCode: string;
  fieldName: string | null;
  level: string;
}

export interface ProcessingReport {
  period: DateRange;
  lines: ProcessingReportLine[];
  total: ProcessingFormRow;
  /** Share of decided dossiers resolved early or on time, in basis points; null when none was decided. */
  onTimeRateBasisPoints: number | null;
  /** Empty when the form's rules hold (3 = 4 + 5 + 6 = 7 + 11, 7 = 8 + 9 + 10, 11 = 12 + 13). */
  consistencyErrors: string[];
  generatedAt: string;
  /**
   * ROLLUP: an official period answered from the precomputed rollups (units with changes not yet folded in are
   * counted from the base tables in the same statement); LIVE: counted from the base tables (any other date range,
   * or a period outside the rollup horizon).
   */
  source: 'ROLLUP' | 'LIVE';
  /** The instant the figures are exact for (the database snapshot of the answer). */
  asOf: string;
  /** ROLLUP only: when the rollups were last refreshed (changes since then were counted live); else null. */
  rollupRefreshedAt: string | null;
}

type AggregateRow = CountRow & {
  field_code: string | null;
  level: string | null;
  is_total: boolean;
  field_name: string | null;
};

export type PeriodRequest = { kind: PeriodKind; year: number; index: number } | DateRange;

/**
 * Form II.06a and its drill-down, computed from the dossiers and their deadline facts in the caller's scope.
 * Runs on the database's own snapshot, so asking twice for a closed period gives the same figures.
 */
@Injectable()
export class ProcessingReportService {
  constructor(
    private readonly pool: ReportPool,
    private readonly scope: AccessScopeService,
    private readonly rollups: ProcessingRollupService,
  ) {}

  resolvePeriod(request: PeriodRequest): DateRange {
    if ('from' in request) {
      if (request.from > request.to)
        throw new DomainException('VALIDATION_FAILED', 'The period starts after it ends');
      return request;
    }
    try {
      return reportingPeriod(request.kind, request.year, request.index, {
        startDay: rules.periodCutoff.startDay,
      });
    } catch (error) {
      if (error instanceof RangeError) throw new DomainException('VALIDATION_FAILED', error.message);
      throw error;
    }
  }

  async report(request: PeriodRequest, filters: ProcessingFilters = NO_FILTERS): Promise<ProcessingReport> {
    const period = this.resolvePeriod(request);
    const scope = scopeParam(await this.scope.unitScope(RequestContext.actor()));
    // An official period within the rollup horizon reads the rollups; any other range the base tables.
    const rollup = await this.rollups.read<AggregateRow>(period, scope, {
      facts: processingFilterSql(5),
      rollup: asRollupCondition(processingFilterSql(5)),
      params: processingFilterParams(filters),
    });
    const asOf = rollup?.asOf ?? new Date().toISOString();
    const rows =
      rollup?.rows ??
      (await this.pool.query<AggregateRow>(
        `select a.*, pf.name as field_name from (${AGGREGATE_SQL(FACTS_SQL + processingFilterSql(4))}) a
         left join procedure_fields pf on pf.code = a.field_code
         order by a.is_total, a.field_code, a.level`,
        [period.from, period.to, scope, ...processingFilterParams(filters)],
      ));
    const totalRow = rows.find((r) => r.is_total);
    const total = totalRow ? toFormRow(totalRow) : toFormRow(ZERO);
    return {
      period,
      lines: rows
        .filter((r) => !r.is_total)
        .map((r) => ({
          fieldCode: r.field_code ?? '',
          fieldName: r.field_name,
          level: r.level ?? '',
          ...toFormRow(r),
        })),
      total,
      onTimeRateBasisPoints: onTimeRateBasisPoints(total),
      consistencyErrors: consistencyErrors(total),
      generatedAt: new Date().toISOString(),
      source: rollup ? 'ROLLUP' : 'LIVE',
      asOf,
      rollupRefreshedAt: rollup?.refreshedAt ?? null,
    };
  }

  /** The dossiers behind one figure of the form, paged by code. */
  async drillDown(
    request: PeriodRequest,
    column: DrillDownColumn,
    query: { limit?: number; cursor?: string },
    filters: ProcessingFilters = NO_FILTERS,
  ): Promise<Page<{ id: string; code: string; fieldCode: string; level: string }>> {
    const period = this.resolvePeriod(request);
    const scope = scopeParam(await this.scope.unitScope(RequestContext.actor()));
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor);
    const rows = await this.pool.query<{ id: string; code: string; field_code: string; level: string }>(
      `select id, code, field_code, level from (${CLASSIFIED_SQL(FACTS_SQL + processingFilterSql(6))}) c
       where ${DRILL_DOWN_FILTERS[column]} and ($4::text is null or code > $4)
       order by code limit $5`,
      [period.from, period.to, scope, after ? String(after.k) : null, limit + 1, ...processingFilterParams(filters)],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({ id: r.id, code: r.code, fieldCode: r.field_code, level: r.level })),
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.code, id: last.id }) : null,
    };
  }
}

const ZERO: CountRow = {
  received: 0,
  received_online: 0,
  received_direct_or_postal: 0,
  carried_over: 0,
  resolved: 0,
  resolved_early: 0,
  resolved_on_time: 0,
  resolved_late: 0,
  in_progress: 0,
  in_progress_within_time: 0,
  in_progress_overdue: 0,
  decided: 0,
  decided_early_or_on_time: 0,
  returned_or_withdrawn: 0,
  waiting_for_supplement: 0,
  apology_letters: 0,
};
