import type { ResolvedFilter } from 'src/modules/reports/filters/report-filter.service';

export interface FilterEcho {
  from: string;
  to: string;
  unitCode: string | null;
  agencyCode: string | null;
  fieldCode: string | null;
}

export function echoOf(f: ResolvedFilter): FilterEcho {
  return {
    from: f.period.from,
    to: f.period.to,
    unitCode: f.echo.unitCode,
    agencyCode: f.echo.agencyCode,
    fieldCode: f.echo.fieldCode,
  };
}

/** The filters as the export's line under the title (Vietnamese labels). */
export function exportFilters(e: FilterEcho): Array<{ label: string; value: string }> {
  return [
    ...(e.unitCode ? [{ label: 'Đơn vị hành chính', value: e.unitCode }] : []),
    ...(e.agencyCode ? [{ label: 'Cơ quan', value: e.agencyCode }] : []),
    ...(e.fieldCode ? [{ label: 'Lĩnh vực', value: e.fieldCode }] : []),
  ];
}
