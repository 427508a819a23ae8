import { Injectable } from '@nestjs/common';
import type { Page } from 'src/common/pagination/pagination';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import {
  breakdownErrors,
  decisionFigures,
  inForceFigures,
  type DecisionActionKey,
  type DecisionFigures,
  type InForceFigures,
  type InForceGroupRow,
} from 'src/modules/reports/catalog/catalog-figures';
import {
  CATALOG_DRILL_SQL,
  DECISION_DRILL_SQL,
  DECISION_ITEMS_SQL,
  IN_FORCE_GROUPS_SQL,
  type CatalogDimension,
} from 'src/modules/reports/catalog/catalog-report.sql';
import { drillPage } from 'src/modules/reports/filters/drill-page';
import { echoOf, type FilterEcho } from 'src/modules/reports/filters/filter-echo';
import type { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';
import { ReportFilterService, type ResolvedFilter } from 'src/modules/reports/filters/report-filter.service';
import type { DrillRow } from 'src/modules/reports/filters/report-objects';

export interface CatalogReport {
  filter: FilterEcho;
  /** Procedure level filter (one of the version's levels), if any. */
  level: string | null;
  /** The catalog is read on the period's last day. */
  onDate: string;
  inForce: InForceFigures;
  /** Empty when every breakdown adds up to the total. */
  consistencyErrors: string[];
  decisions: DecisionFigures;
  generatedAt: string;
}

const inForceParams = (f: ResolvedFilter, level: string | null): unknown[] => [
  f.period.to,
  f.agencyId,
  f.fieldCode,
  level,
];

/**
 * The procedure catalog in force on the period's last day (by level, field, online mode, legacy level) and the
 * publication decisions signed in the period (procedures new / amended / replaced / abolished, by level). The catalog
 * is province-wide: the unit filter does not apply; the agency filter selects procedures it implements or decides.
 */
@Injectable()
export class CatalogReportService {
  constructor(
    private readonly pool: ReportPool,
    private readonly filters: ReportFilterService,
  ) {}

  async report(query: ReportFilterQuery, level: string | null = null): Promise<CatalogReport> {
    const f = await this.filters.resolveInScope(query);
    const [groups, items] = await Promise.all([
      this.pool.query<InForceGroupRow>(IN_FORCE_GROUPS_SQL, inForceParams(f, level)),
      this.pool.query<{ decision_id: string; action: DecisionActionKey; level_group: string }>(
        `select decision_id, action, level_group from (${DECISION_ITEMS_SQL}) i`,
        [f.period.to, f.period.from, level],
      ),
    ]);
    const inForce = inForceFigures(groups);
    return {
      filter: echoOf(f),
      level,
      onDate: f.period.to,
      inForce,
      consistencyErrors: breakdownErrors(inForce),
      decisions: decisionFigures(
        items.map((i) => ({ decisionId: i.decision_id, action: i.action, levelGroup: i.level_group })),
      ),
      generatedAt: new Date().toISOString(),
    };
  }

  /** Procedures in force in one group of a breakdown (`all`: every one), paged by procedure code. */
  async procedures(
    query: ReportFilterQuery,
    dimension: CatalogDimension,
    key: string | null,
    page: { level?: string; limit?: number; cursor?: string },
  ): Promise<Page<DrillRow>> {
    const f = await this.filters.resolveInScope(query);
    return drillPage(this.pool, CATALOG_DRILL_SQL(dimension), [...inForceParams(f, page.level ?? null), key], page);
  }

  /** Decision items (procedures changed) of one action and level group, paged by procedure code. */
  async decisionItems(
    query: ReportFilterQuery,
    action: DecisionActionKey | null,
    levelGroup: string | null,
    page: { level?: string; limit?: number; cursor?: string },
  ): Promise<Page<DrillRow>> {
    const f = await this.filters.resolveInScope(query);
    return drillPage(
      this.pool,
      DECISION_DRILL_SQL,
      [f.period.to, f.period.from, page.level ?? null, action, levelGroup],
      page,
    );
  }
}
