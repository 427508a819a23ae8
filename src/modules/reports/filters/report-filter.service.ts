import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { AccessScopeService, scopeParam } from 'src/modules/organisation/units/access-scope.service';
import { AdminUnitsService } from 'src/modules/organisation/units/admin-units.service';
import type { DateRange } from 'src/modules/reports/domain/reporting-period';
import { periodOf } from 'src/modules/reports/processing/processing-report.dto';
import { ProcessingReportService } from 'src/modules/reports/processing/processing-report.service';
import type { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';

/**
 * A report's filters resolved to SQL parameters. Every report query takes them in this order:
 * $1 period start, $2 period end (dates), $3 caller's unit scope (uuid[] or null = all), $4 unit filter (uuid[] or
 * null), $5 agency id (uuid or null), $6 field code (text or null). `params()` returns them in that order.
 */
export interface ResolvedFilter {
  period: DateRange;
  scope: string[] | null;
  unitIds: string[] | null;
  agencyId: string | null;
  fieldCode: string | null;
  /** What was asked, echoed in the report (codes, not ids). */
  echo: { unitCode: string | null; unitId: string | null; agencyCode: string | null; fieldCode: string | null };
}

export function filterParams(f: ResolvedFilter): unknown[] {
  return [f.period.from, f.period.to, f.scope, f.unitIds, f.agencyId, f.fieldCode];
}

/** WHERE fragment for dossiers `d` joined with their procedure version `pv`, over the parameters $3…$6. */
export const DOSSIER_FILTER_SQL = `($3::uuid[] is null or d.handling_unit_id = any($3::uuid[]))
  and ($4::uuid[] is null or d.handling_unit_id = any($4::uuid[]))
  and ($5::uuid is null or d.handling_agency_id = $5::uuid)
  and ($6::text is null or pv.field_code = $6::text)`;

/**
 * A unit, its descendants, the units linked to them by succession (old → new and new → old, one hop) and their
 * descendants: the same widening the access scope applies to an agency's unit (AGENCY_UNIT_SCOPE_SQL), from a unit.
 */
const UNIT_WIDENED_SQL = `
  with recursive
  sub(id) as (select $1::uuid union select u.id from admin_units u join sub on u.parent_id = sub.id),
  linked(id) as (
    select id from sub
    union select s.old_unit_id from admin_unit_successions s join sub on s.new_unit_id = sub.id
    union select s.new_unit_id from admin_unit_successions s join sub on s.old_unit_id = sub.id
  ),
  widened(id) as (select id from linked union select u.id from admin_units u join widened w on u.parent_id = w.id)
  select coalesce(array_agg(id), '{}') as ids from widened`;

/** Resolves the shared report filters: official periods, succession-aware unit codes, agency and field codes. */
@Injectable()
export class ReportFilterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: AccessScopeService,
    private readonly units: AdminUnitsService,
    private readonly processing: ProcessingReportService,
  ) {}

  /**
   * `resolve`, refusing a unit or agency outside the caller's scope (OUT_OF_SCOPE) rather than answering with zeros;
   * the report SQL limits the rows to the caller's scope in any case.
   */
  async resolveInScope(q: ReportFilterQuery): Promise<ResolvedFilter> {
    const f = await this.resolve(q);
    const actor = RequestContext.actor();
    if (f.echo.unitId) await this.scope.assertUnitInScope(actor, f.echo.unitId);
    if (f.agencyId) await this.scope.assertAgencyInScope(actor, f.agencyId);
    return f;
  }

  async resolve(q: ReportFilterQuery): Promise<ResolvedFilter> {
    if (!q.kind && (!q.from || !q.to))
      throw new DomainException('VALIDATION_FAILED', 'Give an official period (kind, year, index) or from and to');
    if (q.kind && !q.year) throw new DomainException('VALIDATION_FAILED', 'An official period needs its year');
    const period = this.processing.resolvePeriod(periodOf(q));
    const scope = scopeParam(await this.scope.unitScope(RequestContext.actor()));
    let unitId: string | null = null;
    let unitIds: string[] | null = null;
    if (q.unitCode) {
      const unit = q.unitEra
        ? await this.units.findByCode(q.unitEra, q.unitCode)
        : await this.units.findByCodeAsOf(q.unitCode, period.to);
      if (!unit) throw new DomainException('ADMIN_UNIT_NOT_FOUND', `No unit with code ${q.unitCode}`);
      unitId = unit.id;
      const [row] = await this.dataSource.query<Array<{ ids: string[] }>>(UNIT_WIDENED_SQL, [unit.id]);
      unitIds = row?.ids ?? [unit.id];
    }
    let agencyId: string | null = null;
    if (q.agencyCode) {
      const [agency] = await this.dataSource.query<Array<{ id: string }>>(`select id from agencies where code = $1`, [
        q.agencyCode,
      ]);
      if (!agency) throw new DomainException('AGENCY_NOT_FOUND', `No agency with code ${q.agencyCode}`);
      agencyId = agency.id;
    }
    return {
      period,
      scope,
      unitIds,
      agencyId,
      fieldCode: q.fieldCode ?? null,
      echo: { unitCode: q.unitCode ?? null, unitId, agencyCode: q.agencyCode ?? null, fieldCode: q.fieldCode ?? null },
    };
  }
}
