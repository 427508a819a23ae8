import type { ReportRow, ReportTable } from 'src/modules/reports/common/report-table';
import type { DigitisationReport } from 'src/modules/reports/digitisation/digitisation-report.service';
import { exportFilters } from 'src/modules/reports/filters/filter-echo';

/** Digitisation: the results of decided dossiers, then archive progress per unit and in all. */
export function digitisationTable(r: DigitisationReport): ReportTable {
  const rows: ReportRow[] = [
    {
      figure: 'Hồ sơ đã giải quyết có kết quả điện tử (kết quả được số hóa)',
      part: r.results.electronicResult,
      whole: r.results.decided,
      rate: r.results.resultShare.rate,
    },
    {
      figure: 'Hồ sơ số hóa thành phần hồ sơ và kết quả',
      part: r.results.fullyDigitised,
      whole: r.results.decided,
      rate: r.results.fullShare.rate,
    },
    ...r.archive.units.map((u) => ({
      figure: `Hồ sơ lưu trữ số hóa – ${u.unitName ?? u.unitCode ?? 'không gắn đơn vị'}`,
      part: u.done,
      whole: u.files,
      rate: u.share.rate,
    })),
  ];
  return {
    title: 'Kết quả số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
    sheetName: 'Số hóa',
    period: { from: r.filter.from, to: r.filter.to },
    filters: exportFilters(r.filter),
    columns: [
      { key: 'figure', heading: 'Chỉ tiêu', name: 'Figure', kind: 'text', width: 60 },
      { key: 'part', heading: 'Đã số hóa', name: 'Digitised', kind: 'count' },
      { key: 'whole', heading: 'Tổng số', name: 'Total', kind: 'count' },
      { key: 'rate', heading: 'Tỷ lệ', name: 'Share', kind: 'rate' },
    ],
    numbered: true,
    rows,
    total: {
      figure: `Hồ sơ lưu trữ số hóa – toàn bộ (đến ngày ${r.archive.asOf})`,
      part: r.archive.total.done,
      whole: r.archive.total.files,
      rate: r.archive.total.share.rate,
    },
  };
}
