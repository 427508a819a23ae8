import type { ReportRow, ReportTable } from 'src/modules/reports/common/report-table';
import type { CatalogReport } from 'src/modules/reports/catalog/catalog-report.service';
import { exportFilters } from 'src/modules/reports/filters/filter-echo';

export const LEVEL_VI: Record<string, string> = {
  CENTRAL: 'Cấp trung ương',
  PROVINCE: 'Cấp tỉnh',
  DISTRICT: 'Cấp huyện',
  COMMUNE: 'Cấp xã',
  OTHER: 'Cơ quan khác',
  MULTI_LEVEL: 'Nhiều cấp',
  NOT_STATED: 'Không ghi',
};
const MODE_VI: Record<string, string> = {
  FULL: 'Toàn trình',
  PARTIAL: 'Một phần',
  NONE: 'Không trực tuyến',
  NOT_STATED: 'Không ghi',
};
const ACTION_VI: Record<string, string> = {
  NEW: 'Ban hành mới',
  AMENDED: 'Sửa đổi, bổ sung',
  REPLACED: 'Thay thế',
  ABOLISHED: 'Bãi bỏ',
};

/** The catalog report as one table: each breakdown of the procedures in force, then the decisions' changes. */
export function catalogTable(r: CatalogReport): ReportTable {
  const rows: ReportRow[] = [];
  const add = (group: string, item: string, count: number): void => {
    rows.push({ no: rows.length + 1, group, item, count });
  };
  for (const x of r.inForce.byLevel) add('TTHC đang có hiệu lực – theo cấp', LEVEL_VI[x.key] ?? x.key, x.count);
  for (const x of r.inForce.byField) add('TTHC đang có hiệu lực – theo lĩnh vực', x.key, x.count);
  for (const x of r.inForce.byOnlineMode)
    add('TTHC đang có hiệu lực – theo dịch vụ công trực tuyến', MODE_VI[x.key] ?? x.key, x.count);
  for (const x of r.inForce.byLegacyLevel)
    add('TTHC đang có hiệu lực – theo mức độ (NĐ 43/2011)', x.key === 'NOT_STATED' ? 'Không ghi' : `Mức độ ${x.key}`, x.count);
  add('Quyết định công bố trong kỳ', 'Số quyết định', r.decisions.decisions);
  for (const a of r.decisions.actions)
    for (const l of a.byLevel) add(`TTHC ${(ACTION_VI[a.action] ?? a.action).toLowerCase()}`, LEVEL_VI[l.key] ?? l.key, l.count);
  return {
    title: `Thống kê thủ tục hành chính có hiệu lực ngày ${r.onDate} và quyết định công bố trong kỳ`,
    sheetName: 'Thủ tục hành chính',
    period: { from: r.filter.from, to: r.filter.to },
    filters: [...exportFilters(r.filter), ...(r.level ? [{ label: 'Cấp thực hiện', value: r.level }] : [])],
    columns: [
      { key: 'no', heading: 'TT', name: 'No.', kind: 'count', width: 6 },
      { key: 'group', heading: 'Chỉ tiêu', name: 'Figure', kind: 'text', width: 50 },
      { key: 'item', heading: 'Phân loại', name: 'Group', kind: 'text', width: 30 },
      { key: 'count', heading: 'Số lượng', name: 'Count', kind: 'count' },
    ],
    labelKey: 'item',
    rows,
    total: { no: null, group: 'Tổng số TTHC đang có hiệu lực', item: '', count: r.inForce.total },
  };
}
