import { parseBirthDate } from 'src/modules/registry/domain/birth-date';
import { checkCccd } from 'src/modules/registry/domain/cccd';
import type { PersonRecord } from 'src/modules/registry/people/person.model';

export interface Completeness {
  /** 0–100. */
  score: number;
  missing: string[];
}

/** Weighted checks of a record: "đúng, đủ, sạch, sống" — correct, complete, clean, alive. */
export const CHECKS: Array<{
  field: string;
  weight: number;
  ok: (p: PersonRecord, unitCurrent: boolean) => boolean;
}> = [
  { field: 'cccd', weight: 25, ok: (p) => p.cccd !== null },
  {
    field: 'cccdValid',
    weight: 10,
    ok: (p) =>
      p.cccd !== null && checkCccd(p.cccd, { birth: parseBirthDate(p.birth), gender: p.gender }).valid,
  },
  { field: 'fullBirthDate', weight: 10, ok: (p) => p.birth.length === 10 },
  { field: 'ethnicity', weight: 5, ok: (p) => p.ethnicity !== null },
  { field: 'residenceUnit', weight: 15, ok: (p) => p.residenceUnitId !== null },
  { field: 'residenceUnitCurrent', weight: 15, ok: (_p, current) => current },
  { field: 'address', weight: 10, ok: (p) => p.address !== null },
  { field: 'phone', weight: 10, ok: (p) => p.phone !== null },
];

export function completenessOf(p: PersonRecord, unitCurrent: boolean): Completeness {
  const missing = CHECKS.filter((c) => !c.ok(p, unitCurrent)).map((c) => c.field);
  const score = CHECKS.filter((c) => c.ok(p, unitCurrent)).reduce((s, c) => s + c.weight, 0);
  return { score, missing };
}

export const COMPLETENESS_FIELDS = CHECKS.map((c) => c.field);
