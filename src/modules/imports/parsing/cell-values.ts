/**
 * Cell values as officers type them: Vietnamese dates (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy), ISO dates,
 * a year alone, Excel serial numbers (1900 date system), and JS Dates from spreadsheets.
 */
export type ParsedDate = { year: number; date: string | null };

function iso(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Excel serial day number → 'YYYY-MM-DD' (1900 system, epoch 1899-12-30 which absorbs the 1900 leap-year bug). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return null;
  const ms = Math.round(Math.floor(serial) * 86_400_000) + Date.UTC(1899, 11, 30);
  return new Date(ms).toISOString().slice(0, 10);
}

/** A date or a year alone; null when the text is not a date. Day first, always (never US month-first). */
export function parseVietnameseDate(raw: string): ParsedDate | null {
  const s = raw.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const date = iso(Number(m[3]), Number(m[2]), Number(m[1]));
    return date ? { year: Number(m[3]), date } : null;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.000)?)?Z?)?$/.exec(s);
  if (m) {
    const date = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { year: Number(m[1]), date } : null;
  }
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { year: Number(m[2]), date: null };
  if (/^\d{4}$/.test(s)) return { year: Number(s), date: null };
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const date = excelSerialToIso(Number(s));
    return date ? { year: Number(date.slice(0, 4)), date } : null;
  }
  return null;
}

const GENDERS: Record<string, 'MALE' | 'FEMALE'> = {
  nam: 'MALE',
  nu: 'FEMALE',
  male: 'MALE',
  female: 'FEMALE',
  m: 'MALE',
  f: 'FEMALE',
};

export function parseGender(key: string): 'MALE' | 'FEMALE' | null {
  return GENDERS[key] ?? null;
}

const RELATIONSHIPS: Record<string, string> = {
  'chu ho': 'HEAD',
  head: 'HEAD',
  vo: 'SPOUSE',
  chong: 'SPOUSE',
  'vo/chong': 'SPOUSE',
  spouse: 'SPOUSE',
  con: 'CHILD',
  'con de': 'CHILD',
  'con nuoi': 'CHILD',
  child: 'CHILD',
  bo: 'PARENT',
  cha: 'PARENT',
  me: 'PARENT',
  'bo/me': 'PARENT',
  parent: 'PARENT',
  chau: 'GRANDCHILD',
  'chau noi': 'GRANDCHILD',
  'chau ngoai': 'GRANDCHILD',
  grandchild: 'GRANDCHILD',
  ong: 'GRANDPARENT',
  ba: 'GRANDPARENT',
  grandparent: 'GRANDPARENT',
  anh: 'SIBLING',
  chi: 'SIBLING',
  em: 'SIBLING',
  'anh/chi/em': 'SIBLING',
  sibling: 'SIBLING',
  'con dau': 'CHILD_IN_LAW',
  're': 'CHILD_IN_LAW',
  'con re': 'CHILD_IN_LAW',
  'child in law': 'CHILD_IN_LAW',
  'ho hang': 'OTHER_RELATIVE',
  'nguoi than': 'OTHER_RELATIVE',
  khac: 'OTHER',
  other: 'OTHER',
};

export function parseRelationship(key: string): string | null {
  return RELATIONSHIPS[key] ?? (/^[A-Z_]+$/.test(key.toUpperCase()) && Object.values(RELATIONSHIPS).includes(key.toUpperCase()) ? key.toUpperCase() : null);
}

/**
 * A citizen ID as typed into a spreadsheet: spaces/dots removed, and the leading zero Excel drops from numeric
 * cells restored (every province code starts with 0, so an 11-digit number lost exactly that zero).
 */
export function cleanCccd(raw: string): string | { error: 'SCIENTIFIC' | 'FORMAT' } {
  const s = raw.replace(/[\s.]/g, '');
  if (/e\+?\d+$/i.test(s)) return { error: 'SCIENTIFIC' };
  if (/^\d{11}$/.test(s)) return `0${s}`;
  if (/^\d{12}$/.test(s)) return s;
  return { error: 'FORMAT' };
}
