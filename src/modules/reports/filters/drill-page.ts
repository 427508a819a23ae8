import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import type { DrillRow } from 'src/modules/reports/filters/report-objects';

/**
 * One keyset page (by code, then id) of the rows `rowsSql` selects. `rowsSql` must select the DrillRow columns under
 * their camelCase names (id, code, name, "procedureCode", "fieldCode", level, channel, state, "onlineMode",
 * "legacyLevel"; null where not relevant)
 * and may use parameters $1…$n of `params`; the paging parameters follow them.
 */
/** Anything that runs a query and returns its rows: the reports' own pool (ReportPool). */
export interface RowSource {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function drillPage(
  dataSource: RowSource,
  rowsSql: string,
  params: unknown[],
  query: { limit?: number; cursor?: string },
): Promise<Page<DrillRow>> {
  const limit = pageSize(query.limit);
  const after = decodeCursor(query.cursor);
  const n = params.length;
  const rows = await dataSource.query<DrillRow>(
    `select r.id::text as id, r.code, r.name, r."procedureCode", r."fieldCode", r.level, r.channel, r.state,
            r."onlineMode", r."legacyLevel"
       from (${rowsSql}) r
      where ($${n + 1}::text is null or (r.code, r.id::text) > ($${n + 1}::text, $${n + 2}::text))
      order by r.code, r.id::text limit $${n + 3}`,
    [...params, after ? String(after.k) : null, after?.id ?? null, limit + 1],
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ k: last.code, id: last.id }) : null,
  };
}
