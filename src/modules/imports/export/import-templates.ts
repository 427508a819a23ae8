import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ImportTargetDefinition } from 'src/modules/imports/targets/import-target-definition';

export type TemplateFormat = 'csv' | 'xlsx';

/**
 * The template of a target: Vietnamese headers (required ones marked *), an example row, as CSV (UTF-8 with BOM)
 * or XLSX (text-formatted columns, so CCCD and codes keep their leading zeros, and an instructions sheet).
 */
export async function targetTemplate(target: ImportTargetDefinition, format: TemplateFormat): Promise<Buffer> {
  const required = new Set<string>(target.requiredColumns);
  const header = target.columns.map((c) => (required.has(c.key) ? `${c.header}*` : c.header));
  const example = target.columns.map((c) => c.example);
  if (format === 'csv') return Buffer.from('\ufeff' + stringify([header, example]), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Mẫu nhập');
  sheet.addRow(header).font = { bold: true };
  sheet.addRow(example);
  target.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(14, c.header.length + 4);
    col.numFmt = '@'; // text: keeps leading zeros of CCCD and codes
  });
  const notes = workbook.addWorksheet('Hướng dẫn');
  notes.addRow([`${target.labelVi} / ${target.labelEn}`]);
  notes.addRow(['Cột', 'Column', 'Bắt buộc / Required']);
  for (const c of target.columns) notes.addRow([c.header, c.en, required.has(c.key) ? 'x' : '']);
  notes.addRow([]);
  for (const line of target.templateNotes) notes.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
