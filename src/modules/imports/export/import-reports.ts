import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { escapeFormula } from 'src/common/export/spreadsheet-safety';

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
