import type { ProcessingFormRow } from 'src/modules/reports/domain/processing-form';
import {
  toChart as tableToChart,
  toCsv as tableToCsv,
  toXlsx as tableToXlsx,
  type ChartData,
  type ReportColumn,
  type ReportRow,
  type ReportTable,
} from 'src/modules/reports/common/report-table';
import type { ProcessingReport } from 'src/modules/reports/processing/processing-report.service';

/** Column headings of Form II.06a (Circular 01/2020/TT-VPCP), in Vietnamese, in the form's order 1–13. */
export const FORM_HEADINGS = [
  'TT',
  'Lĩnh vực, công việc giải quyết theo cấp',
  'Tiếp nhận – Tổng số',
  'Tiếp nhận – Trực tuyến',
  'Tiếp nhận – Trực tiếp, dịch vụ bưu chính',
  'Tiếp nhận – Từ kỳ trước chuyển qua',
  'Đã giải quyết – Tổng số',
  'Đã giải quyết – Trước hạn',
  'Đã giải quyết – Đúng hạn',
  'Đã giải quyết – Quá hạn',
  'Đang giải quyết – Tổng số',
  'Đang giải quyết – Trong hạn',
  'Đang giải quyết – Quá hạn',
] as const;

/** Form columns 3–13: the row property, its English name. */
const COUNT_KEYS: Array<[keyof ProcessingFormRow, string]> = [
  ['received', 'Received – total'],
  ['receivedOnline', 'Received – online'],
  ['receivedDirectOrPostal', 'Received – direct or by post'],
  ['carriedOver', 'Received – carried over'],
  ['resolved', 'Resolved – total'],
  ['resolvedEarly', 'Resolved – early'],
  ['resolvedOnTime', 'Resolved – on time'],
  ['resolvedLate', 'Resolved – late'],
  ['inProgress', 'In progress – total'],
  ['inProgressWithinTime', 'In progress – within time'],
  ['inProgressOverdue', 'In progress – overdue'],
];

export const FORM_COLUMNS: ReportColumn[] = [
  { key: 'no', heading: FORM_HEADINGS[0], name: 'No.', kind: 'text', width: 6 },
  { key: 'line', heading: FORM_HEADINGS[1], name: 'Field, by level', kind: 'text', width: 50 },
  ...COUNT_KEYS.map(([key, name], i) => ({
    key,
    heading: FORM_HEADINGS[i + 2],
    name,
    kind: 'count' as const,
  })),
];

const LEVELS: Record<string, string> = { PROVINCE: 'Cấp tỉnh', DISTRICT: 'Cấp huyện', COMMUNE: 'Cấp xã' };

function counts(r: ProcessingFormRow): ReportRow {
  return Object.fromEntries(COUNT_KEYS.map(([k]) => [k, r[k]]));
}

/** Form II.06a as a report table (the lines per field and level, then the total). */
export function processingTable(report: ProcessingReport, filters: ReportTable['filters'] = []): ReportTable {
  return {
    title: 'Biểu số II.06a/VPCP/KSTT – Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị',
    sheetName: 'Biểu II.06a',
    period: report.period,
    filters,
    columns: FORM_COLUMNS,
    numbered: true,
    labelKey: 'line',
    rows: report.lines.map((l, i) => ({
      no: String(i + 1),
      line: `${l.fieldName ?? l.fieldCode} – ${LEVELS[l.level] ?? l.level}`,
      ...counts(l),
    })),
    total: { no: '', line: 'Tổng cộng', ...counts(report.total) },
  };
}

export function toXlsx(report: ProcessingReport, filters: ReportTable['filters'] = []): Promise<Buffer> {
  return tableToXlsx(processingTable(report, filters));
}

export function toCsv(report: ProcessingReport, filters: ReportTable['filters'] = []): string {
  return tableToCsv(processingTable(report, filters));
}

export function toChart(report: ProcessingReport): ChartData {
  return tableToChart(processingTable(report));
}
