import ExcelJS from 'exceljs';
import { escapeFormula } from 'src/common/export/spreadsheet-safety';

/**
 * One report as a table, the single shape every report of this module exports from: XLSX laid out like the official
 * forms (Vietnamese headings, grouped header rows with merged cells, number formats), CSV (UTF-8 with BOM) and a
 * chart-ready JSON shape. Build a `ReportTable` from your report's service model, then call `toXlsx`, `toCsv` or
 * `toChart`; never write spreadsheet cells by hand.
 */

/**
 * - count: whole number (dossiers, people), shown `#,##0`.
 * - amount: money in VND (integer), shown `#,##0`.
 * - rate: a fraction 0…1 (0.9998 = 99.98 %), shown `0.00%` in XLSX, written as the fraction in CSV and chart data.
 * - text: a label; escaped against formula injection in XLSX and CSV.
 */
export type ReportColumnKind = 'count' | 'amount' | 'rate' | 'text';

export interface ReportColumn {
  /** Property of each row that holds this column's value; also the chart series key. */
  key: string;
  /** Vietnamese heading, as on the official form. */
  heading: string;
  /** English name (API docs, chart legends in English). */
  name: string;
  kind: ReportColumnKind;
  /** XLSX column width in characters (default: 40 for text, 14 otherwise). */
  width?: number;
}

/** A heading spanning `span` consecutive columns starting at column `from` (a column key). */
export interface ReportHeaderGroup {
  heading: string;
  from: string;
  span: number;
}

export type ReportCell = string | number | null;
export type ReportRow = Record<string, ReportCell>;

export interface ReportTable {
  /** Vietnamese title, e.g. 'Biểu số II.06a/VPCP/KSTT – …'. */
  title: string;
  /** XLSX sheet name (≤ 31 characters, no []:*?/\); defaults to 'Báo cáo'. */
  sheetName?: string;
  /** Inclusive business dates 'YYYY-MM-DD'; null for a report on a date or without a period. */
  period: { from: string; to: string } | null;
  /** Filters the figures were computed with, shown under the title (e.g. { label: 'Đơn vị', value: 'Xã A' }). */
  filters: Array<{ label: string; value: string }>;
  columns: ReportColumn[];
  /**
   * Grouped header rows above the column headings, top row first (like the official forms). A column not covered by
   * any group of the rows below a given row has its heading cell merged upwards through them.
   */
  headerGroups?: ReportHeaderGroup[][];
  /** Add the row of column numbers '(1)', '(2)', … under the headings, as the official forms do. */
  numbered?: boolean;
  /** Column whose values label the chart's points; default: the first text column. */
  labelKey?: string;
  rows: ReportRow[];
  /** The total row (bold in XLSX, last in CSV, left out of the chart). */
  total?: ReportRow | null;
}

const NUMBER_FORMATS: Record<ReportColumnKind, string | undefined> = {
  count: '#,##0',
  amount: '#,##0',
  rate: '0.00%',
  text: undefined,
};

const vnDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The line under the title: the period and the filters, in Vietnamese. */
export function subtitleOf(table: ReportTable): string {
  const parts: string[] = [];
  if (table.period)
    parts.push(`Kỳ báo cáo: từ ngày ${vnDate(table.period.from)} đến ngày ${vnDate(table.period.to)}`);
  for (const f of table.filters) parts.push(`${f.label}: ${f.value}`);
  return parts.join('; ');
}

function checkGroups(table: ReportTable): void {
  const keys = table.columns.map((c) => c.key);
  for (const row of table.headerGroups ?? []) {
    const used = new Set<number>();
    for (const g of row) {
      const start = keys.indexOf(g.from);
      if (start < 0 || g.span < 1 || start + g.span > keys.length)
        throw new RangeError(`Header group '${g.heading}' does not fit the columns`);
      for (let i = start; i < start + g.span; i++) {
        if (used.has(i)) throw new RangeError(`Header groups overlap at column '${keys[i]}'`);
        used.add(i);
      }
    }
  }
}

/** Column index (0-based) → index of the lowest group row covering it, or -1. */
function lowestGroupRow(table: ReportTable): number[] {
  const keys = table.columns.map((c) => c.key);
  const lowest = keys.map(() => -1);
  (table.headerGroups ?? []).forEach((row, r) => {
    for (const g of row) {
      const start = keys.indexOf(g.from);
      for (let i = start; i < start + g.span; i++) lowest[i] = r;
    }
  });
  return lowest;
}

function cellValue(column: ReportColumn, value: ReportCell | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (column.kind === 'text') return escapeFormula(value);
  if (typeof value === 'number') return value;
  const n = Number(value);
  return Number.isFinite(n) ? n : escapeFormula(value);
}

/** The report as an .xlsx workbook: title, period/filters line, headings (merged as grouped), rows, total. */
export async function toXlsx(table: ReportTable): Promise<Buffer> {
  checkGroups(table);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheetName ?? 'Báo cáo');
  const width = table.columns.length;
  const groups = table.headerGroups ?? [];
  const keys = table.columns.map((c) => c.key);

  sheet.getCell(1, 1).value = escapeFormula(table.title);
  sheet.getCell(1, 1).font = { bold: true, size: 13 };
  sheet.getCell(2, 1).value = escapeFormula(subtitleOf(table));
  sheet.getCell(2, 1).font = { italic: true };
  if (width > 1) {
    sheet.mergeCells(1, 1, 1, width);
    sheet.mergeCells(2, 1, 2, width);
  }

  const firstHeader = 3;
  const leafRow = firstHeader + groups.length;
  groups.forEach((row, r) => {
    for (const g of row) {
      const col = keys.indexOf(g.from) + 1;
      sheet.getCell(firstHeader + r, col).value = escapeFormula(g.heading);
      if (g.span > 1) sheet.mergeCells(firstHeader + r, col, firstHeader + r, col + g.span - 1);
    }
  });
  const lowest = lowestGroupRow(table);
  table.columns.forEach((c, i) => {
    const top = firstHeader + lowest[i] + 1;
    sheet.getCell(top, i + 1).value = escapeFormula(c.heading);
    if (top < leafRow) sheet.mergeCells(top, i + 1, leafRow, i + 1);
  });
  let lastHeader = leafRow;
  if (table.numbered) {
    lastHeader++;
    table.columns.forEach((_, i) => (sheet.getCell(lastHeader, i + 1).value = `(${i + 1})`));
  }
  for (let r = firstHeader; r <= lastHeader; r++) {
    const row = sheet.getRow(r);
    row.font = { bold: r <= leafRow };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (let c = 1; c <= width; c++) row.getCell(c).border = THIN;
  }

  const write = (data: ReportRow, bold: boolean): void => {
    const row = sheet.addRow(table.columns.map((c) => cellValue(c, data[c.key])));
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const fmt = NUMBER_FORMATS[c.kind];
      if (fmt) cell.numFmt = fmt;
      cell.border = THIN;
    });
    if (bold) row.font = { bold: true };
  };
  for (const data of table.rows) write(data, false);
  if (table.total) write(table.total, true);

  table.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width ?? (c.kind === 'text' ? 40 : 14)));
  sheet.views = [{ state: 'frozen', ySplit: lastHeader }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Heading of a column in flat formats: its groups and its own heading joined by ' – ' (e.g. 'Tiếp nhận – Trực tuyến'). */
export function flatHeading(table: ReportTable, key: string): string {
  const keys = table.columns.map((c) => c.key);
  const i = keys.indexOf(key);
  const parts: string[] = [];
  for (const row of table.headerGroups ?? []) {
    const g = row.find((x) => {
      const start = keys.indexOf(x.from);
      return i >= start && i < start + x.span;
    });
    if (g) parts.push(g.heading);
  }
  parts.push(table.columns[i]?.heading ?? key);
  return parts.join(' – ');
}

/** UTF-8 byte order mark: without it Excel opens a CSV as the local code page and garbles Vietnamese. */
export const CSV_BOM = '\uFEFF';

/** The report as CSV: BOM, one heading row (flat headings), the rows, the total; CRLF line ends (RFC 4180). */
export function toCsv(table: ReportTable): string {
  checkGroups(table);
  const quote = (v: string | number | null): string =>
    v === null ? '' : typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`;
  const line = (data: ReportRow): string =>
    table.columns.map((c) => quote(cellValue(c, data[c.key]))).join(',');
  const lines = [
    table.columns.map((c) => quote(escapeFormula(flatHeading(table, c.key)))).join(','),
    ...table.rows.map(line),
    ...(table.total ? [line(table.total)] : []),
  ];
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

export interface ChartSeries {
  key: string;
  /** Vietnamese heading (flat). */
  name: string;
  /** English name. */
  nameEn: string;
  kind: Exclude<ReportColumnKind, 'text'>;
  data: Array<number | null>;
}

export interface ChartData {
  labels: string[];
  series: ChartSeries[];
}

/** Chart-ready JSON: one label per row (total left out) and one series per numeric column. */
export function toChart(table: ReportTable): ChartData {
  const labelKey = table.labelKey ?? table.columns.find((c) => c.kind === 'text')?.key;
  return {
    labels: table.rows.map((r, i) => (labelKey ? String(r[labelKey] ?? '') : String(i + 1))),
    series: table.columns
      .filter((c): c is ReportColumn & { kind: ChartSeries['kind'] } => c.kind !== 'text')
      .map((c) => ({
        key: c.key,
        name: flatHeading(table, c.key),
        nameEn: c.name,
        kind: c.kind,
        data: table.rows.map((r) => {
          const v = r[c.key];
          if (v === null || v === undefined) return null;
          const n = Number(v);
          return Number.isFinite(n) ? n : null;
        }),
      })),
  };
}
