import { Injectable } from '@nestjs/common';
import type { Page } from 'src/common/pagination/pagination';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { drillPage } from 'src/modules/reports/filters/drill-page';
import { echoOf, type FilterEcho } from 'src/modules/reports/filters/filter-echo';
import type { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';
import { filterParams, ReportFilterService } from 'src/modules/reports/filters/report-filter.service';
import type { DrillRow } from 'src/modules/reports/filters/report-objects';
import { shareOf, type Share } from 'src/modules/reports/filters/share';
import { onlineShare, type OnlineShareFigures } from 'src/modules/reports/online/online-share';
import {
  ONLINE_BY_PROCEDURE_SQL,
  ONLINE_DRILL_SQL,
  ONLINE_TOTALS_SQL,
  type OnlineDrillColumn,
} from 'src/modules/reports/online/online-share.sql';

export interface OnlineShareReport {
  filter: FilterEcho;
  overall: OnlineShareFigures & { direct: number; postal: number };
  /** The same share over the dossiers of procedures offered fully online (toàn trình) only. */
  fullOnline: { received: number; online: number; share: Share };
  /** Per procedure offered fully online that received dossiers in the period. */
  byProcedure: Array<{ procedureCode: string; procedureName: string; received: number; online: number; share: Share }>;
  generatedAt: string;
}

/** Online share of dossiers received in a period: overall and per procedure offered fully online. */
@Injectable()
export class OnlineShareService {
  constructor(
    private readonly pool: ReportPool,
    private readonly filters: ReportFilterService,
  ) {}

  async report(query: ReportFilterQuery): Promise<OnlineShareReport> {
    const f = await this.filters.resolveInScope(query);
    const params = filterParams(f);
    const [[totals], rows] = await Promise.all([
      this.pool.query<{ received: number; online: number; direct: number; postal: number; full_received: number; full_online: number }
      >(ONLINE_TOTALS_SQL, params),
      this.pool.query<{ procedure_code: string; procedure_name: string; received: number; online: number }>(
        ONLINE_BY_PROCEDURE_SQL,
        params,
      ),
    ]);
    return {
      filter: echoOf(f),
      overall: { ...onlineShare(totals), direct: totals.direct, postal: totals.postal },
      fullOnline: {
        received: totals.full_received,
        online: totals.full_online,
        share: shareOf(totals.full_online, totals.full_received),
      },
      byProcedure: rows.map((r) => ({
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name,
        received: r.received,
        online: r.online,
        share: shareOf(r.online, r.received),
      })),
      generatedAt: new Date().toISOString(),
    };
  }

  /** The dossiers behind a figure, paged by code; `procedureCode` narrows to one procedure's row. */
  async drillDown(
    query: ReportFilterQuery,
    column: OnlineDrillColumn,
    page: { procedureCode?: string; limit?: number; cursor?: string },
  ): Promise<Page<DrillRow>> {
    const f = await this.filters.resolveInScope(query);
    return drillPage(this.pool, ONLINE_DRILL_SQL(column), [...filterParams(f), page.procedureCode ?? null], page);
  }
}
