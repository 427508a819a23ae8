import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** One transfer instruction of a bank file. */
export interface TransferRow {
  instructionId: string;
  bankCode: string;
  accountNumber: string;
  accountName: string;
  amount: number;
  currency: 'VND';
  description: string;
  reference: string;
}

export const TRANSFER_COLUMNS: Array<{ key: keyof TransferRow; header: string }> = [
  { key: 'instructionId', header: 'instruction_id' },
  { key: 'bankCode', header: 'bank_code' },
  { key: 'accountNumber', header: 'account_number' },
  { key: 'accountName', header: 'account_name' },
  { key: 'amount', header: 'amount' },
  { key: 'currency', header: 'currency' },
  { key: 'description', header: 'description' },
  { key: 'reference', header: 'reference' },
];

/** Cells a spreadsheet would run as a formula (= + - @, tab, CR) get a leading apostrophe (CSV injection). */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Transfer description in plain ASCII, as bank systems require ("AN SINH T09/2024 ..."), at most 140 chars. */
export function transferDescription(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .replace(/[^A-Za-z0-9 /.,-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase()
    .slice(0, 140);
}

const cells = (row: TransferRow): string[] => TRANSFER_COLUMNS.map((c) => neutraliseCell(String(row[c.key])));

export function transferCsv(rows: TransferRow[]): Buffer {
  return Buffer.from(
    stringify([TRANSFER_COLUMNS.map((c) => c.header), ...rows.map(cells)], { quoted_string: true }),
    'utf8',
  );
}

export async function transferXlsx(rows: TransferRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Lenh chuyen tien');
  sheet.addRow(TRANSFER_COLUMNS.map((c) => c.header));
  for (const row of rows) {
    // Text everywhere except the amount, so account numbers keep their leading zeros.
    const values = cells(row).map((v, i) => (TRANSFER_COLUMNS[i].key === 'amount' ? row.amount : v));
    sheet.addRow(values);
  }
  sheet.getColumn(3).numFmt = '@';
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const RESULT_STATUSES = ['PAID', 'FAILED', 'REVERSED', 'UNCOLLECTED'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** One row of the bank's (or post office's) result file. */
export interface ResultRow {
  instructionId: string;
  status: ResultStatus;
  reason: string | null;
  bankReference: string | null;
  amount: number | null;
}

/** Parses a result CSV: instruction_id, status, [amount], [reason], [bank_reference]. Throws with the row number. */
export function parseResultCsv(content: string): ResultRow[] {
  const records = parse<Record<string, string>>(content, {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  });
  if (records.length > 200_000) throw new Error('more than 200,000 rows');
  return records.map((r, i) => {
    const line = i + 2;
    const instructionId = r.instruction_id ?? '';
    const status = (r.status ?? '').toUpperCase() as ResultStatus;
    if (!/^AS[0-9A-F]{22}$/.test(instructionId)) throw new Error(`row ${line}: instruction_id is not valid`);
    if (!RESULT_STATUSES.includes(status))
      throw new Error(`row ${line}: status must be ${RESULT_STATUSES.join('/')}`);
    const amount = r.amount ? Number(r.amount) : null;
    if (amount !== null && !Number.isSafeInteger(amount))
      throw new Error(`row ${line}: amount must be integer VND`);
    const reason = r.reason?.slice(0, 500) || null;
    if (status !== 'PAID' && !reason) throw new Error(`row ${line}: a ${status} row needs a reason`);
    return { instructionId, status, reason, bankReference: r.bank_reference?.slice(0, 100) || null, amount };
  });
}
