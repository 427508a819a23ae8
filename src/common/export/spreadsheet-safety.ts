/**
 * Spreadsheet formula injection (CWE-1236): a cell that begins with = + - @ (or a tab / carriage return) is run as
 * a formula by Excel and LibreOffice. Exported cells get a leading apostrophe, which spreadsheets show as text.
 */
export function escapeFormula(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
