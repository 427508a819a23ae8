import type { ReportColumn, ReportTable } from 'src/modules/reports/common/report-table';
import { exportFilters } from 'src/modules/reports/filters/filter-echo';
import type { ServiceIndexReport } from 'src/modules/reports/service-index/service-index.service';
import { INDICATORS } from 'src/modules/reports/service-index/service-index-score';

const VI: Record<string, string> = {
  '1.3': '1.3 TTHC công khai đầy đủ',
  '2.1': '2.1 Hồ sơ giải quyết trước hạn, đúng hạn',
  '3.1': '3.1 TTHC cung cấp trực tuyến',
  '3.2': '3.2 DVC trực tuyến phát sinh hồ sơ',
  '3.3': '3.3 Hồ sơ tiếp nhận trực tuyến',
  '4.1': '4.1 Hồ sơ có kết quả điện tử',
  '4.2': '4.2 Hồ sơ được số hóa',
};

/** One row per agency: the rate of each sub-indicator (grouped as in Decision 766), its points and the total. */
export function serviceIndexTable(r: ServiceIndexReport): ReportTable {
  const rateCols: ReportColumn[] = INDICATORS.map((i) => ({
    key: `r${i.code}`,
    heading: VI[i.code] ?? i.code,
    name: `${i.code} ${i.name}`,
    kind: 'rate',
  }));
  const groups = ['1', '2', '3', '4'].map((g) => {
    const cols = INDICATORS.filter((i) => i.group === g);
    return { heading: r.groupNames[g]?.vi ?? g, from: `r${cols[0].code}`, span: cols.length };
  });
  return {
    title: 'Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) – các chỉ tiêu có dữ liệu',
    sheetName: 'Chỉ số 766',
    period: { from: r.filter.from, to: r.filter.to },
    filters: exportFilters(r.filter),
    columns: [
      { key: 'agency', heading: 'Cơ quan, đơn vị', name: 'Agency', kind: 'text', width: 40 },
      ...rateCols,
      { key: 'points', heading: 'Điểm đạt', name: 'Points', kind: 'amount' },
      { key: 'available', heading: 'Điểm tối đa các chỉ tiêu có dữ liệu', name: 'Available points', kind: 'amount' },
    ],
    headerGroups: [groups],
    numbered: true,
    labelKey: 'agency',
    rows: r.agencies.map((a) => ({
      agency: `${a.agencyName} (${a.agencyCode})`,
      ...Object.fromEntries(a.indicators.map((i) => [`r${i.code}`, i.share.rate])),
      points: a.points,
      available: a.availablePoints,
    })),
    total: null,
  };
}
