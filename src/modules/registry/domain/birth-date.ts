/**
 * Birth dates in the registry are either a full date 'YYYY-MM-DD' or a year only 'YYYY' (old paper records often
 * carry only the year). For age arithmetic a year-only birth date is taken as 1 January of that year — the rule the
 * social-insurance and civil-status practice applies when day and month are unknown (~; kept in one place here).
 */
export type Gender = 'MALE' | 'FEMALE';
export const GENDERS: readonly Gender[] = ['MALE', 'FEMALE'];

export interface BirthDate {
  year: number;
  /** 'YYYY-MM-DD' when day and month are known, else null. */
  date: string | null;
}

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** Parses 'YYYY-MM-DD' or 'YYYY'; null when neither. */
export function parseBirthDate(raw: string): BirthDate | null {
  const full = FULL.exec(raw);
  if (full) return isRealDate(raw) ? { year: Number(full[1]), date: raw } : null;
  const year = YEAR.exec(raw);
  return year ? { year: Number(year[1]), date: null } : null;
}

export function formatBirthDate(b: BirthDate): string {
  return b.date ?? String(b.year);
}

/** The date used for age arithmetic: the full date, or 1 January of the year. */
export function effectiveBirthDate(b: BirthDate): string {
  return b.date ?? `${String(b.year).padStart(4, '0')}-01-01`;
}

/** Completed years of age on `onDate` ('YYYY-MM-DD'). */
export function ageOn(b: BirthDate, onDate: string): number {
  const born = effectiveBirthDate(b);
  const [by, bm, bd] = born.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/**
 * The date a person turns `age` ('YYYY-MM-DD'). A 29 February birthday is reached on 1 March in common years
 * (the person has not completed the year on 28 February).
 */
export function dateOfTurning(b: BirthDate, age: number): string {
  const [by, bm, bd] = effectiveBirthDate(b).split('-').map(Number);
  const y = by + age;
  const candidate = `${String(y).padStart(4, '0')}-${String(bm).padStart(2, '0')}-${String(bd).padStart(2, '0')}`;
  if (isRealDate(candidate)) return candidate;
  return `${String(y).padStart(4, '0')}-03-01`;
}
