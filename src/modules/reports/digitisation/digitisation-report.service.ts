import { Injectable } from '@nestjs/common';
import type { Page } from 'src/common/pagination/pagination';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { DigitisationStatsService } from 'src/modules/digitisation/digitisation-stats.service';
import {
  archiveProgress,
  resultDigitisation,
  type ArchiveUnitCounts,
  type ResultDigitisationFigures,
} from 'src/modules/reports/digitisation/digitisation-figures';
import {
  ARCHIVE_DRILL_FILTERS,
  ARCHIVE_FILES_SQL,
  DECIDED_TOTALS_SQL,
  RESULT_DRILL_SQL,
  type ArchiveDrillColumn,
  type ResultDrillColumn,
} from 'src/modules/reports/digitisation/result-digitisation.sql';
import { drillPage } from 'src/modules/reports/filters/drill-page';
import { echoOf, type FilterEcho } from 'src/modules/reports/filters/filter-echo';
import type { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';
import { filterParams, ReportFilterService, type ResolvedFilter } from 'src/modules/reports/filters/report-filter.service';
import type { DrillRow } from 'src/modules/reports/filters/report-objects';
import type { Share } from 'src/modules/reports/filters/share';

export interface DigitisationReport {
  filter: FilterEcho;
  results: ResultDigitisationFigures;
  /** Archive digitisation as of the period's last day, per unit of the projects (unit and scope filters apply). */
  archive: {
    asOf: string;
    units: Array<ArchiveUnitCounts & { unitCode: string | null; unitName: string | null; share: Share }>;
    total: { projects: number; files: number; done: number; share: Share };
  };
  generatedAt: string;
}

export type DigitisationDrillColumn = ResultDrillColumn | ArchiveDrillColumn;

/** Units for the archive figures: the caller's scope intersected with the unit filter (null = all units). */
export function archiveUnits(f: ResolvedFilter): string[] | null {
  if (f.scope === null) return f.unitIds;
  if (f.unitIds === null) return f.scope;
  const allowed = new Set(f.scope);
  return f.unitIds.filter((id) => allowed.has(id));
}

/** Digitised results of decided dossiers, and archive digitisation progress from the digitisation module. */
@Injectable()
export class DigitisationReportService {
  constructor(
    private readonly pool: ReportPool,
    private readonly filters: ReportFilterService,
    private readonly stats: DigitisationStatsService,
  ) {}

  async report(query: ReportFilterQuery): Promise<DigitisationReport> {
    const f = await this.filters.resolveInScope(query);
    const [[totals], rates] = await Promise.all([
      this.pool.query<{ decided: number; electronic_result: number; fully_digitised: number }>(
        DECIDED_TOTALS_SQL,
        filterParams(f),
      ),
      this.stats.ratesByUnit(archiveUnits(f), f.period.to),
    ]);
    const names = await this.pool.query<{ id: string; code: string; name: string }>(
      `select id, code, name from admin_units where id = any($1::uuid[])`,
      [rates.map((r) => r.unitId).filter((id): id is string => id !== null)],
    );
    const byId = new Map(names.map((n) => [n.id, n]));
    const archive = archiveProgress(
      rates.map((r) => ({ unitId: r.unitId, projects: r.projects, files: r.files, done: r.done })),
    );
    return {
      filter: echoOf(f),
      results: resultDigitisation({
        decided: totals.decided,
        electronicResult: totals.electronic_result,
        fullyDigitised: totals.fully_digitised,
      }),
      archive: {
        asOf: f.period.to,
        units: archive.units.map((u) => ({
          ...u,
          unitCode: (u.unitId && byId.get(u.unitId)?.code) || null,
          unitName: (u.unitId && byId.get(u.unitId)?.name) || null,
        })),
        total: archive.total,
      },
      generatedAt: new Date().toISOString(),
    };
  }

  /** The dossiers (result figures) or archive files (archive figures) behind a figure, paged by code. */
  async drillDown(
    query: ReportFilterQuery,
    column: DigitisationDrillColumn,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<DrillRow>> {
    const f = await this.filters.resolveInScope(query);
    if (column in ARCHIVE_DRILL_FILTERS)
      return drillPage(
        this.pool,
        `select * from (${ARCHIVE_FILES_SQL}) a where ${ARCHIVE_DRILL_FILTERS[column as ArchiveDrillColumn]}`,
        [archiveUnits(f), f.period.to],
        page,
      );
    return drillPage(this.pool, RESULT_DRILL_SQL(column as ResultDrillColumn), filterParams(f), page);
  }
}
