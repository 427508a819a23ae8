import type { TemplateColumn } from 'src/modules/imports/targets/import-target-definition';
import type { RowReader } from 'src/modules/imports/targets/row-reader';

export type PersonColumn = 'cccd' | 'full_name' | 'birth' | 'household_code';

/** Who a status row is about: CCCD, or (without one) the household code, name and birth year. */
export const PERSON_COLUMNS: ReadonlyArray<TemplateColumn<PersonColumn>> = [
  { key: 'cccd', header: 'Số định danh cá nhân (CCCD)', en: 'Citizen ID', aliases: ['so dinh danh ca nhan (cccd)', 'so dinh danh ca nhan', 'so cccd', 'cccd', 'so dinh danh', 'citizen id', 'cccd/cmnd'], example: '040085000123' },
  { key: 'full_name', header: 'Họ và tên', en: 'Full name', aliases: ['ho va ten', 'ho ten', 'full name', 'ten'], example: 'Nguyễn Văn An' },
  { key: 'birth', header: 'Ngày sinh', en: 'Birth date', aliases: ['ngay sinh', 'ngay thang nam sinh', 'nam sinh', 'birth date', 'date of birth'], example: '15/03/1985' },
  { key: 'household_code', header: 'Mã hộ', en: 'Household code', aliases: ['ma ho', 'ma ho gia dinh', 'household code'], example: 'HGD-0001' },
];

export interface PersonCells {
  cccd: string | null;
  fullName: string | null;
  birthYear: number | null;
  householdCode: string | null;
}

/** Reads the person columns; without a CCCD the household code, name and birth year are all needed. */
export function readPerson<K extends string>(r: RowReader<K | PersonColumn>): PersonCells {
  const birth = r.birth('birth');
  const cccd = r.cccd('cccd', { birth });
  const fullName = r.text('full_name', 200);
  const householdCode = r.householdCode('household_code');
  if (!r.has('cccd') && !(fullName && birth && householdCode)) r.err('cccd', 'PERSON_IDENTITY_REQUIRED');
  return { cccd, fullName, birthYear: birth?.year ?? null, householdCode };
}

/** Staging columns of the person cells, in the order `personTuple` gives them. */
export const PERSON_COPY_COLUMNS = ['cccd', 'full_name', 'birth_year', 'household_code'] as const;

export function personTuple(p: PersonCells): Array<string | number | null> {
  return [p.cccd, p.fullName, p.birthYear, p.householdCode];
}
