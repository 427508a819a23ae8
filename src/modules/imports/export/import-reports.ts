import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { escapeFormula } from 'src/common/export/spreadsheet-safety';
import { PEOPLE_COLUMNS, requiredColumns, type ImportTarget } from 'src/modules/imports/targets/people.target';

export type SheetFormat = 'csv' | 'xlsx';

const ERROR_HEADER = ['Dòng / Row', 'Cột / Column', 'Giá trị / Value', 'Mã lỗi / Code', 'Lỗi', 'Error'];
const BATCH = 5000;

interface ErrorRow {
  id: string;
  row_no: number;
  column_name: string;
  value: string | null;
  code: string;
  message_vi: string;
  message_en: string;
}

async function* errorBatches(ds: DataSource, importId: string): AsyncGenerator<ErrorRow[]> {
  let after = '0';
  for (;;) {
    const rows = await ds.query<ErrorRow[]>(
      `select id::text, row_no, column_name, value, code, message_vi, message_en from import_row_errors
        where import_id = $1 and id > $2::bigint order by id limit $3`,
      [importId, after, BATCH],
    );
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

function cells(e: ErrorRow): string[] {
  return [String(e.row_no), e.column_name, e.value ?? '', e.code, e.message_vi, e.message_en].map(escapeFormula);
}

/**
 * The error report of an import (row, column, value, message in Vietnamese and English), streamed in batches:
 * CSV (UTF-8 with BOM so Excel shows Vietnamese) or XLSX (streaming writer). Every cell is formula-escaped.
 */
export function errorReport(ds: DataSource, importId: string, format: SheetFormat): Readable {
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield '\ufeff' + stringify([ERROR_HEADER]);
        for await (const batch of errorBatches(ds, importId)) yield stringify(batch.map(cells));
      })(),
    );
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Lỗi');
  void (async () => {
    try {
      sheet.addRow(ERROR_HEADER).commit();
      for await (const batch of errorBatches(ds, importId)) for (const e of batch) sheet.addRow(cells(e)).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** The template of a target: Vietnamese headers (required ones marked *), an example row, as CSV or XLSX. */
export async function template(target: ImportTarget, format: SheetFormat): Promise<Buffer> {
  const required = new Set(requiredColumns(target));
  const header = PEOPLE_COLUMNS.map((c) => (required.has(c.key) ? `${c.header}*` : c.header));
  const example = PEOPLE_COLUMNS.map((c) => c.example);
  if (format === 'csv') return Buffer.from('\ufeff' + stringify([header, example]), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Mẫu nhập');
  sheet.addRow(header).font = { bold: true };
  sheet.addRow(example);
  PEOPLE_COLUMNS.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(14, c.header.length + 4);
    col.numFmt = '@'; // text: keeps leading zeros of CCCD and codes
  });
  const notes = workbook.addWorksheet('Hướng dẫn');
  notes.addRow(['Cột', 'Column', 'Bắt buộc / Required']);
  for (const c of PEOPLE_COLUMNS) notes.addRow([c.header, c.en, required.has(c.key) ? 'x' : '']);
  notes.addRow([]);
  notes.addRow(['Ngày: dd/mm/yyyy hoặc chỉ năm (yyyy). Giới tính: Nam/Nữ. Quan hệ: Chủ hộ, Vợ, Chồng, Con, Bố, Mẹ, …']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
