import ExcelJS from 'exceljs';
import { amountText, NOT_STATED_DISPLAY } from 'src/modules/procedures/api/procedure.mapper';
import {
  PROCEDURE_CODE_PATTERN,
  type Amount,
  type ProcedureLevel,
  type ProcedureVersionRecord,
  type TimeUnit,
} from 'src/modules/procedures/domain/procedure.types';

/**
 * The catalog as departments publish it (Phụ lục danh mục TTHC): one row per procedure grouped under a roman-
 * numbered field heading, Vietnamese column headings, then a sheet of required documents. Every text cell that
 * starts with = + - @ (or a tab / carriage return) is prefixed with an apostrophe so no spreadsheet runs it.
 */
export const SHEET_CATALOG = 'Danh mục TTHC';
export const SHEET_DOCUMENTS = 'Thành phần hồ sơ';

export const CATALOG_HEADINGS = [
  'STT',
  'Mã TTHC',
  'Tên thủ tục hành chính',
  'Lĩnh vực',
  'Cấp thực hiện',
  'Thời hạn giải quyết',
  'Phí, lệ phí',
  'Cách thức thực hiện',
  'Mức độ dịch vụ công trực tuyến',
  'Cơ quan thực hiện',
  'Căn cứ pháp lý',
  'Quyết định công bố',
  'Ghi chú',
] as const;

const LEVEL_VI: Record<ProcedureLevel, string> = {
  CENTRAL: 'Trung ương',
  PROVINCE: 'Tỉnh',
  DISTRICT: 'Huyện',
  COMMUNE: 'Xã',
  OTHER: 'Cơ quan khác',
};
const CHANNEL_VI: Record<string, string> = {
  DIRECT: 'Trực tiếp',
  ONLINE: 'Trực tuyến',
  POSTAL: 'Bưu chính công ích',
};
const MODE_VI: Record<string, string> = { FULL: 'Toàn trình', PARTIAL: 'Một phần', NONE: 'Không' };

/** Neutralises spreadsheet formulas (CSV/XLSX injection): `=SUM(…)` becomes `'=SUM(…)`. */
export function escapeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes escapeCell on import. */
export function unescapeCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/** The fee column: "Không", the amounts and the rule text, or not stated. */
export function feeCell(v: ProcedureVersionRecord): string {
  if (!v.feePolicy) return NOT_STATED_DISPLAY;
  if (v.feePolicy === 'NONE') return 'Không';
  const amounts = v.fees
    .map((f) => (f.amountVnd === null ? f.name : `${f.name}: ${f.amountVnd.toLocaleString('vi-VN')} đồng`))
    .join('; ');
  return [amounts, v.feeText].filter(Boolean).join('. ');
}

function rowOf(v: ProcedureVersionRecord, index: number): string[] {
  return [
    String(index),
    v.portalCode ?? v.code,
    v.name,
    v.fieldName,
    v.levels.length ? v.levels.map((l) => LEVEL_VI[l]).join(', ') : (v.levelText ?? NOT_STATED_DISPLAY),
    v.timeLimit ? amountText(v.timeLimit) : NOT_STATED_DISPLAY,
    feeCell(v),
    v.channels ? v.channels.map((c) => CHANNEL_VI[c]).join(', ') : NOT_STATED_DISPLAY,
    v.onlineMode ? MODE_VI[v.onlineMode] : NOT_STATED_DISPLAY,
    v.implementingAgencyName ?? NOT_STATED_DISPLAY,
    v.legalBases.map((b) => b.documentNumber + (b.article ? ` (${b.article})` : '')).join('; '),
    v.decisionNumber ?? '',
    v.notes ?? '',
  ].map(escapeCell);
}

/** Builds the workbook of the versions given (already in force on `onDate`). */
export async function catalogWorkbook(versions: ProcedureVersionRecord[], onDate: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'An Sinh';
  const sheet = workbook.addWorksheet(SHEET_CATALOG);
  const [y, m, d] = onDate.split('-');
  sheet.addRow(['DANH MỤC THỦ TỤC HÀNH CHÍNH']);
  sheet.addRow([`(Có hiệu lực tại ngày ${d}/${m}/${y})`]);
  sheet.mergeCells(1, 1, 1, CATALOG_HEADINGS.length);
  sheet.mergeCells(2, 1, 2, CATALOG_HEADINGS.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(1).alignment = { horizontal: 'center' };
  sheet.getRow(2).alignment = { horizontal: 'center' };
  const header = sheet.addRow([...CATALOG_HEADINGS]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const widths = [6, 16, 60, 22, 16, 20, 30, 24, 16, 36, 30, 20, 40];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));

  const byField = new Map<string, ProcedureVersionRecord[]>();
  for (const v of versions) byField.set(v.fieldName, [...(byField.get(v.fieldName) ?? []), v]);
  let group = 0;
  let index = 0;
  for (const [field, items] of byField) {
    const heading = sheet.addRow([ROMAN[group] ?? String(group + 1), escapeCell(`Lĩnh vực ${field}`)]);
    heading.font = { bold: true };
    sheet.mergeCells(heading.number, 2, heading.number, CATALOG_HEADINGS.length);
    group++;
    for (const v of items) {
      const row = sheet.addRow(rowOf(v, ++index));
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }

  const docs = workbook.addWorksheet(SHEET_DOCUMENTS);
  const docHeader = docs.addRow([
    'Mã TTHC',
    'STT',
    'Mã giấy tờ',
    'Tên giấy tờ',
    'Bản chính',
    'Bản sao',
    'Nhận bản sao chứng thực',
    'Bắt buộc',
    'Khai thác từ cơ sở dữ liệu',
  ]);
  docHeader.font = { bold: true };
  for (const v of versions)
    v.documents.forEach((doc, i) =>
      docs.addRow([
        escapeCell(v.code),
        String(i + 1),
        escapeCell(doc.code),
        escapeCell(doc.name),
        doc.originals,
        doc.copies,
        doc.certifiedCopyAccepted ? 'Có' : 'Không',
        doc.mandatory ? 'Có' : 'Không',
        doc.registrySource ?? '',
      ]),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One procedure row read back from a catalog sheet (only what the sheet can say). */
export interface CatalogSheetRow {
  rowNumber: number;
  code: string;
  portalCode: string | null;
  name: string;
  fieldName: string;
  levels: ProcedureLevel[] | null;
  timeLimit: Amount | null;
  feeCell: string;
  onlineMode: 'FULL' | 'PARTIAL' | 'NONE' | null;
  agencyName: string | null;
  notes: string | null;
}

const text = (cell: ExcelJS.CellValue): string => {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object' && 'richText' in cell)
    return cell.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof cell === 'object' && 'text' in cell) return String(cell.text).trim();
  if (typeof cell === 'string') return unescapeCell(cell.trim());
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return '';
};

/** "10 ngày làm việc", "04 giờ làm việc", "25 ngày", "0,5 ngày làm việc"; anything else → null (not stated). */
export function parseAmount(value: string): Amount | null {
  const m = /^(\d+(?:[.,]\d+)?)\s*(ngày làm việc|giờ làm việc|ngày)$/i.exec(value.trim());
  if (!m) return null;
  const unit: TimeUnit =
    m[2].toLowerCase() === 'ngày làm việc'
      ? 'WORKING_DAYS'
      : m[2].toLowerCase() === 'giờ làm việc'
        ? 'WORKING_HOURS'
        : 'CALENDAR_DAYS';
  return { amount: Number(m[1].replace(',', '.')), unit };
}

function parseLevels(value: string): ProcedureLevel[] | null {
  const found = (Object.entries(LEVEL_VI) as Array<[ProcedureLevel, string]>)
    .filter(([, vi]) =>
      value
        .toLowerCase()
        .split(/\s*,\s*/)
        .includes(vi.toLowerCase()),
    )
    .map(([level]) => level);
  return found.length ? found : null;
}

/**
 * Reads the catalog sheet: rows whose STT is a number and whose code is a procedure code (field headings and
 * title rows are skipped). Throws with the row numbers of rows that cannot be read.
 */
export async function readCatalogWorkbook(
  file: Buffer,
): Promise<{ rows: CatalogSheetRow[]; problems: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(SHEET_CATALOG) ?? workbook.worksheets[0];
  const rows: CatalogSheetRow[] = [];
  const problems: string[] = [];
  if (!sheet) return { rows, problems: ['the workbook has no sheet'] };
  let headerSeen = false;
  sheet.eachRow((row, rowNumber) => {
    const cells = CATALOG_HEADINGS.map((_, i) => text(row.getCell(i + 1).value));
    if (!headerSeen) {
      headerSeen = cells[0] === 'STT' && cells[1] === 'Mã TTHC';
      return;
    }
    if (!/^\d+$/.test(cells[0])) return;
    const portal = cells[1].toUpperCase();
    const code = /^([0-9]\.[0-9]{6})\..+$/.exec(portal)?.[1] ?? portal;
    if (!PROCEDURE_CODE_PATTERN.test(code))
      problems.push(`row ${rowNumber}: "${cells[1]}" is not a procedure code`);
    if (!cells[2]) problems.push(`row ${rowNumber}: the name is empty`);
    const mode = Object.entries(MODE_VI).find(([, vi]) => vi.toLowerCase() === cells[8].toLowerCase())?.[0];
    rows.push({
      rowNumber,
      code,
      portalCode: portal !== code ? portal : null,
      name: cells[2],
      fieldName: cells[3],
      levels: parseLevels(cells[4]),
      timeLimit: parseAmount(cells[5]),
      feeCell: cells[6],
      onlineMode: (mode as CatalogSheetRow['onlineMode']) ?? null,
      agencyName: cells[9] && cells[9] !== NOT_STATED_DISPLAY ? cells[9] : null,
      notes: cells[12] || null,
    });
  });
  if (!headerSeen) problems.push(`no heading row "${CATALOG_HEADINGS.join(' | ')}" was found`);
  return { rows, problems };
}
