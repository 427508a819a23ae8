import ExcelJS from 'exceljs';
import type { ProcessingFormRow } from 'src/modules/reports/domain/processing-form';
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

const LEVELS: Record<string, string> = { PROVINCE: 'Cấp tỉnh', DISTRICT: 'Cấp huyện', COMMUNE: 'Cấp xã' };

function counts(r: ProcessingFormRow): number[] {
  return [
    r.received,
    r.receivedOnline,
    r.receivedDirectOrPostal,
    r.carriedOver,
    r.resolved,
    r.resolvedEarly,
    r.resolvedOnTime,
    r.resolvedLate,
    r.inProgress,
    r.inProgressWithinTime,
    r.inProgressOverdue,
  ];
}

/** Text cells are written as strings; a leading = + - @ is neutralised so no spreadsheet runs it as a formula. */
function safeText(value: string): string {
  return /^[=+\-@]/.test(value) ? `'${value}` : value;
}

export function reportTable(report: ProcessingReport): Array<Array<string | number>> {
  return [
    ...report.lines.map((l, i) => [
      i + 1,
      safeText(`${l.fieldName ?? l.fieldCode} – ${LEVELS[l.level] ?? l.level}`),
      ...counts(l),
    ]),
    ['', 'Tổng cộng', ...counts(report.total)],
  ];
}

export async function toXlsx(report: ProcessingReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Biểu II.06a');
  sheet.addRow(['Biểu số II.06a/VPCP/KSTT – Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị']);
  sheet.addRow([`Kỳ báo cáo: từ ${report.period.from} đến ${report.period.to}`]);
  sheet.addRow([...FORM_HEADINGS]).font = { bold: true };
  sheet.addRow(FORM_HEADINGS.map((_, i) => `(${i + 1})`));
  for (const row of reportTable(report)) sheet.addRow(row);
  sheet.getColumn(2).width = 50;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function toCsv(report: ProcessingReport): string {
  const quote = (v: string | number): string =>
    typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`;
  return (
    [FORM_HEADINGS.map(quote).join(','), ...reportTable(report).map((r) => r.map(quote).join(','))].join(
      '\r\n',
    ) + '\r\n'
  );
}
