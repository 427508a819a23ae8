/** The key fields a clerk types from a paper file. */
export interface EntryData {
  fullName: string;
  birth: string;
  gender: 'MALE' | 'FEMALE';
  cccd?: string | null;
  injuryRate?: number | null;
  decisionNumber?: string | null;
  decisionDate?: string | null;
  category?: string | null;
  householdCode?: string | null;
  address?: string | null;
}

/** Fields typed twice by two different clerks; any difference is flagged and must be corrected before verification. */
export const CRITICAL_FIELDS = ['cccd', 'injuryRate', 'decisionNumber'] as const;

function norm(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v).normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

/** The critical fields on which two entries differ (spacing and case do not count). */
export function entryMismatches(a: Partial<EntryData>, b: Partial<EntryData>): string[] {
  return CRITICAL_FIELDS.filter((f) => norm(a[f]) !== norm(b[f]));
}

/** Pages of a scan: PDF page objects, 1 for a single image (TIFF pages are counted by sharp). */
export function pdfPageCount(content: Buffer): number {
  const text = content.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return Math.max(1, pages?.length ?? 0);
}
