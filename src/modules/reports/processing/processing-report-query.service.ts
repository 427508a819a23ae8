import { Injectable } from '@nestjs/common';
import { RequestContext } from 'src/common/context/request-context';
import type { Page } from 'src/common/pagination/pagination';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';
import type { DateRange } from 'src/modules/reports/domain/reporting-period';
import { ReportFilterService } from 'src/modules/reports/filters/report-filter.service';
import type { ProcessingFilters } from 'src/modules/reports/processing/processing-report.filters';
import type { ProcessingReportQuery } from 'src/modules/reports/processing/processing-report.inputs';
import {
  ProcessingReportService,
  type ProcessingReport,
} from 'src/modules/reports/processing/processing-report.service';
import type { DrillDownColumn } from 'src/modules/reports/processing/processing-report.sql';

/** The period and the filters a report was computed with, as asked (codes, not ids). */
export interface ProcessingEcho {
  from: string;
  to: string;
  unitCode: string | null;
  agencyCode: string | null;
  fieldCode: string | null;
  procedureCode: string | null;
  level: string | null;
}

export interface ResolvedProcessingQuery {
  period: DateRange;
  filters: ProcessingFilters;
  echo: ProcessingEcho;
}

/**
 * Form II.06a as REST and GraphQL ask for it: resolves the filters (succession-aware unit, agency, field, procedure,
 * level), refuses a unit or agency outside the caller's scope (OUT_OF_SCOPE) and then runs the report, which limits
 * the dossiers to the caller's scope in SQL in any case.
 */
@Injectable()
export class ProcessingReportQueryService {
  constructor(
    private readonly filters: ReportFilterService,
    private readonly scope: AccessScopeService,
    private readonly reports: ProcessingReportService,
  ) {}

  async resolve(q: ProcessingReportQuery): Promise<ResolvedProcessingQuery> {
    const f = await this.filters.resolve(q);
    const actor = RequestContext.actor();
    if (f.echo.unitId) await this.scope.assertUnitInScope(actor, f.echo.unitId);
    if (f.agencyId) await this.scope.assertAgencyInScope(actor, f.agencyId);
    return {
      period: f.period,
      filters: {
        unitIds: f.unitIds,
        agencyId: f.agencyId,
        fieldCode: f.fieldCode,
        procedureCode: q.procedureCode ?? null,
        level: q.level ?? null,
      },
      echo: {
        from: f.period.from,
        to: f.period.to,
        unitCode: f.echo.unitCode,
        agencyCode: f.echo.agencyCode,
        fieldCode: f.echo.fieldCode,
        procedureCode: q.procedureCode ?? null,
        level: q.level ?? null,
      },
    };
  }

  async report(q: ProcessingReportQuery): Promise<{ report: ProcessingReport; echo: ProcessingEcho }> {
    const r = await this.resolve(q);
    return { report: await this.reports.report(r.period, r.filters), echo: r.echo };
  }

  async drillDown(
    q: ProcessingReportQuery,
    column: DrillDownColumn,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<{ id: string; code: string; fieldCode: string; level: string }>> {
    const r = await this.resolve(q);
    return this.reports.drillDown(r.period, column, page, r.filters);
  }
}

/** The filters as the export's line under the title (Vietnamese labels). */
export function echoFilters(e: ProcessingEcho): Array<{ label: string; value: string }> {
  const levels: Record<string, string> = { PROVINCE: 'Cấp tỉnh', DISTRICT: 'Cấp huyện', COMMUNE: 'Cấp xã' };
  return [
    ...(e.unitCode ? [{ label: 'Đơn vị hành chính', value: e.unitCode }] : []),
    ...(e.agencyCode ? [{ label: 'Cơ quan', value: e.agencyCode }] : []),
    ...(e.fieldCode ? [{ label: 'Lĩnh vực', value: e.fieldCode }] : []),
    ...(e.procedureCode ? [{ label: 'Thủ tục', value: e.procedureCode }] : []),
    ...(e.level ? [{ label: 'Cấp', value: levels[e.level] ?? e.level }] : []),
  ];
}
