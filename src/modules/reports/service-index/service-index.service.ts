import { Injectable } from '@nestjs/common';
import { DomainException } from 'src/common/errors/domain.exception';
import type { Page } from 'src/common/pagination/pagination';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { RESULT_DRILL_SQL } from 'src/modules/reports/digitisation/result-digitisation.sql';
import { drillPage } from 'src/modules/reports/filters/drill-page';
import { echoOf, type FilterEcho } from 'src/modules/reports/filters/filter-echo';
import type { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';
import { filterParams, ReportFilterService } from 'src/modules/reports/filters/report-filter.service';
import type { DrillRow } from 'src/modules/reports/filters/report-objects';
import { ONLINE_DRILL_SQL } from 'src/modules/reports/online/online-share.sql';
import { CLASSIFIED_SQL } from 'src/modules/reports/processing/processing-report.sql';
import rules from 'src/modules/reports/seed-data/reporting-rules.json';
import indexData from 'src/modules/reports/seed-data/service-index-766.json';
import {
  NO_COUNTS,
  scoreAgency,
  type AgencyIndexCounts,
  type AgencyScore,
  type IndexRules,
} from 'src/modules/reports/service-index/service-index-score';
import {
  CATALOG_BY_AGENCY_SQL,
  DECIDED_FACTS_SQL,
  DIGITISED_BY_AGENCY_SQL,
  ONLINE_BY_AGENCY_SQL,
  ONLINE_USED_SQL,
  PROGRESS_BY_AGENCY_SQL,
  publicityCheck,
} from 'src/modules/reports/service-index/service-index.sql';

export interface AgencyIndex extends AgencyScore {
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  counts: AgencyIndexCounts;
}

export interface ServiceIndexReport {
  filter: FilterEcho;
  agencies: AgencyIndex[];
  /** Group names (Vietnamese, English) of the index. */
  groupNames: Record<string, { vi: string; en: string }>;
  generatedAt: string;
}

export const INDEX_INDICATORS = ['1.3', '2.1', '3.1', '3.2', '3.3', '4.1', '4.2'] as const;
export type IndexIndicator = (typeof INDEX_INDICATORS)[number];
export const INDEX_PARTS = ['numerator', 'denominator'] as const;
export type IndexPart = (typeof INDEX_PARTS)[number];

const COMPLETE = publicityCheck(indexData.publicityParts.parts);
const ONLINE_MODES = indexData.onlineOffered.modes;

/**
 * Decision 766/QĐ-TTg service index per agency, for the sub-indicators this service has data for (publicity 1.3,
 * progress 2.1, online service 3.1–3.3, digitisation 4.1–4.2). Points and thresholds are data (reporting-rules.json),
 * parts and modes are data (service-index-766.json); both flagged unconfirmed.
 */
@Injectable()
export class ServiceIndexService {
  constructor(
    private readonly pool: ReportPool,
    private readonly filters: ReportFilterService,
  ) {}

  async report(query: ReportFilterQuery): Promise<ServiceIndexReport> {
    const f = await this.filters.resolveInScope(query);
    const params = filterParams(f);
    type Row = { agency_id: string } & Record<string, number>;
    const [catalog, progress, online, digitised] = await Promise.all([
      this.pool.query<Row>(CATALOG_BY_AGENCY_SQL(COMPLETE), [...params, ONLINE_MODES]),
      this.pool.query<Row>(PROGRESS_BY_AGENCY_SQL, params),
      this.pool.query<Row>(ONLINE_BY_AGENCY_SQL, params),
      this.pool.query<Row>(DIGITISED_BY_AGENCY_SQL, params),
    ]);
    const counts = new Map<string, AgencyIndexCounts>();
    const add = (rows: Row[], map: (r: Row) => Partial<AgencyIndexCounts>): void => {
      for (const r of rows) counts.set(r.agency_id, { ...(counts.get(r.agency_id) ?? NO_COUNTS), ...map(r) });
    };
    add(catalog, (r) => ({
      inForce: r.in_force,
      publishedComplete: r.published_complete,
      offeredOnline: r.offered_online,
      offeredOnlineUsed: r.offered_online_used,
    }));
    add(progress, (r) => ({ decided: r.decided, decidedEarlyOrOnTime: r.decided_early_or_on_time }));
    add(online, (r) => ({ received: r.received, receivedOnline: r.received_online }));
    add(digitised, (r) => ({ electronicResult: r.electronic_result, fullyDigitised: r.fully_digitised }));
    const agencies = await this.pool.query<{ id: string; code: string; name: string }>(
      `select id, code, name from agencies where id = any($1::uuid[]) order by code`,
      [[...counts.keys()]],
    );
    const indexRules = rules.index766 as IndexRules;
    return {
      filter: echoOf(f),
      agencies: agencies.map((a) => {
        const c = counts.get(a.id) ?? NO_COUNTS;
        return { agencyId: a.id, agencyCode: a.code, agencyName: a.name, counts: c, ...scoreAgency(c, indexRules) };
      }),
      groupNames: indexData.groupNames,
      generatedAt: new Date().toISOString(),
    };
  }

  /** The rows behind one sub-indicator's numerator or denominator for one agency (agencyCode is required). */
  async drillDown(
    query: ReportFilterQuery,
    indicator: IndexIndicator,
    part: IndexPart,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<DrillRow>> {
    if (!query.agencyCode)
      throw new DomainException('VALIDATION_FAILED', 'The drill-down of the service index is per agency: give agencyCode');
    const f = await this.filters.resolveInScope(query);
    const params = filterParams(f);
    const num = part === 'numerator';
    switch (indicator) {
      case '1.3':
      case '3.1':
      case '3.2': {
        const where =
          indicator === '1.3'
            ? num ? COMPLETE : 'true'
            : indicator === '3.1'
              ? num ? 'v.online_mode = any($7::text[])' : 'true'
              : num ? `v.online_mode = any($7::text[]) and ${ONLINE_USED_SQL}` : 'v.online_mode = any($7::text[])';
        return drillPage(this.pool, CATALOG_ROWS_SQL(where), [...params, ONLINE_MODES], page);
      }
      case '2.1':
        return drillPage(
          this.pool,
          `select c.id, c.code, null::text as name, null::text as "procedureCode", c.field_code as "fieldCode",
                  c.level, c.channel, c.end_kind as state, null::text as "onlineMode", null::text as "legacyLevel"
             from (${CLASSIFIED_SQL(DECIDED_FACTS_SQL)}) c
            where c.resolved and c.end_kind = 'DECIDED' ${num ? `and c.timeliness <> 'LATE'` : ''}`,
          params,
          page,
        );
      case '3.3':
        return drillPage(this.pool, ONLINE_DRILL_SQL(num ? 'online' : 'received'), [...params, null], page);
      case '4.1':
        return drillPage(this.pool, RESULT_DRILL_SQL(num ? 'electronicResult' : 'decided'), params, page);
      case '4.2':
        return drillPage(this.pool, RESULT_DRILL_SQL(num ? 'fullyDigitised' : 'decided'), params, page);
    }
  }
}

/** Procedures in force implemented by the agency (same rows as CATALOG_BY_AGENCY_SQL), filtered by `where`. */
const CATALOG_ROWS_SQL = (where: string): string => `
  select v.id, p.code, v.name, p.code as "procedureCode", v.field_code as "fieldCode", null::text as level,
         null::text as channel, null::text as state, v.online_mode as "onlineMode",
         v.legacy_online_level::text as "legacyLevel"
    from procedure_versions v
    join procedures p on p.id = v.procedure_id
    join agencies a on a.id = v.implementing_agency_id
   where (v.valid_from is null or v.valid_from <= $2::date) and (v.valid_to is null or v.valid_to > $2::date)
     and ($1::date is not null) and ($3::uuid[] is null or a.unit_id = any($3::uuid[]))
     and ($4::uuid[] is null or a.unit_id = any($4::uuid[]))
     and ($5::uuid is null or a.id = $5::uuid)
     and ($6::text is null or v.field_code = $6::text)
     and ($7::text[] is not null)
     and (${where})`;
