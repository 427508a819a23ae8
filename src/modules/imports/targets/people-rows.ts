import { checkCccd } from 'src/modules/registry/domain/cccd';
import {
  cleanCccd,
  excelSerialToIso,
  parseGender,
  parseRelationship,
  parseVietnameseDate,
} from 'src/modules/imports/parsing/cell-values';
import { BROKEN_TEXT, normaliseCell, searchKey } from 'src/modules/imports/parsing/vietnamese-text';
import type { StagedRow, TemplateColumn } from 'src/modules/imports/targets/import-target-definition';
import { rowError, type RowError } from 'src/modules/imports/targets/row-errors';

export type ColumnDef = TemplateColumn<PeopleColumn>;

export type PeopleColumn =
  | 'cccd'
  | 'full_name'
  | 'birth'
  | 'gender'
  | 'ethnicity'
  | 'unit_code'
  | 'address'
  | 'phone'
  | 'household_code'
  | 'relationship'
  | 'member_from';

/** The columns of the people / household-member templates, in template order. */
export const PEOPLE_COLUMNS: ColumnDef[] = [
  { key: 'household_code', header: 'Mã hộ', en: 'Household code', aliases: ['ma ho', 'ma ho gia dinh', 'household code'], example: 'HGD-0001' },
  { key: 'full_name', header: 'Họ và tên', en: 'Full name', aliases: ['ho va ten', 'ho ten', 'full name', 'ten'], example: 'Nguyễn Văn An' },
  { key: 'cccd', header: 'Số định danh cá nhân (CCCD)', en: 'Citizen ID', aliases: ['so dinh danh ca nhan (cccd)', 'so dinh danh ca nhan', 'so cccd', 'cccd', 'so dinh danh', 'citizen id', 'cccd/cmnd'], example: '040085000123' },
  { key: 'birth', header: 'Ngày sinh', en: 'Birth date', aliases: ['ngay sinh', 'ngay thang nam sinh', 'nam sinh', 'birth date', 'date of birth'], example: '15/03/1985' },
  { key: 'gender', header: 'Giới tính', en: 'Gender', aliases: ['gioi tinh', 'gender'], example: 'Nam' },
  { key: 'ethnicity', header: 'Dân tộc', en: 'Ethnicity', aliases: ['dan toc', 'ethnicity'], example: 'Kinh' },
  { key: 'relationship', header: 'Quan hệ với chủ hộ', en: 'Relationship to head', aliases: ['quan he voi chu ho', 'quan he', 'relationship'], example: 'Chủ hộ' },
  { key: 'unit_code', header: 'Mã đơn vị hành chính', en: 'Admin unit code', aliases: ['ma don vi hanh chinh', 'ma xa', 'ma dvhc', 'unit code'], example: '16681' },
  { key: 'address', header: 'Địa chỉ', en: 'Address', aliases: ['dia chi', 'noi o', 'address'], example: 'Thôn 3' },
  { key: 'phone', header: 'Số điện thoại', en: 'Phone', aliases: ['so dien thoai', 'dien thoai', 'sdt', 'phone'], example: '0912345678' },
  { key: 'member_from', header: 'Ngày vào hộ', en: 'Member since', aliases: ['ngay vao ho', 'member since'], example: '01/01/2020' },
];

export const PEOPLE_REQUIRED: readonly PeopleColumn[] = ['full_name', 'birth', 'gender'];
export const HOUSEHOLD_MEMBERS_REQUIRED: readonly PeopleColumn[] = [
  'household_code',
  'full_name',
  'birth',
  'gender',
  'relationship',
];

/** Column order of the staging table as written by COPY. */
export const STAGING_COPY_COLUMNS = [
  'import_id',
  'row_no',
  'rejected',
  'cccd',
  'full_name',
  'name_key',
  'birth_year',
  'birth_date',
  'gender',
  'ethnicity',
  'unit_code',
  'address',
  'phone',
  'household_code',
  'relationship',
  'member_from',
] as const;

/** Index of `household_code` in the staged tuple: rows of one household stay in one commit chunk. */
export const HOUSEHOLD_CODE_INDEX = STAGING_COPY_COLUMNS.indexOf('household_code');

const CURRENT_YEAR = new Date().getUTCFullYear();

function dateOf(raw: string, numeric: boolean): { year: number; date: string | null } | null {
  if (numeric && /^\d+(\.\d+)?$/.test(raw) && Number(raw) > 2400) {
    const date = excelSerialToIso(Number(raw));
    return date ? { year: Number(date.slice(0, 4)), date } : null;
  }
  return parseVietnameseDate(raw);
}

/**
 * Validates one data row of the people / household-member file. Returns the staging tuple (rejected rows are
 * staged too, with what could be read, so counts and chunking see every row) and the row's errors.
 */
export function validatePeopleRow(
  required: readonly PeopleColumn[],
  importId: string,
  rowNo: number,
  header: ReadonlyArray<PeopleColumn | null>,
  rawCells: string[],
  numeric: boolean[],
): { staged: StagedRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const v: Partial<Record<PeopleColumn, string>> = {};
  const num: Partial<Record<PeopleColumn, boolean>> = {};
  for (let i = 0; i < rawCells.length; i++) {
    const key = header[i];
    const cell = normaliseCell(rawCells[i] ?? '');
    if (key === undefined && cell !== '') {
      errors.push(rowError(rowNo, `#${i + 1}`, cell, 'ROW_TOO_WIDE'));
      continue;
    }
    if (!key) continue;
    if (BROKEN_TEXT.test(cell)) errors.push(rowError(rowNo, key, cell, 'TEXT_BROKEN'));
    v[key] = cell;
    num[key] = numeric[i] ?? false;
  }
  const err = (col: PeopleColumn, code: string, detail?: string): null => {
    errors.push(rowError(rowNo, col, v[col] ?? null, code, detail));
    return null;
  };
  const text = (col: PeopleColumn, max: number): string | null => {
    const s = v[col] ?? '';
    if (s === '') return null;
    return s.length > max ? err(col, 'TOO_LONG', `≤ ${max}`) : s;
  };
  for (const col of required) if (!v[col]) err(col, 'REQUIRED');

  const fullName = text('full_name', 200);
  if (fullName && /[0-9@#$%^&*=<>{}[\]\\|]/.test(fullName)) err('full_name', 'NAME_INVALID');

  let birth: { year: number; date: string | null } | null = null;
  if (v.birth) {
    birth = dateOf(v.birth, num.birth ?? false);
    if (!birth) err('birth', 'DATE_INVALID');
    else if (birth.year < 1880 || birth.year > CURRENT_YEAR) {
      err('birth', 'DATE_OUT_OF_RANGE');
      birth = null;
    }
  }
  const gender = v.gender ? parseGender(searchKey(v.gender)) ?? err('gender', 'GENDER_INVALID') : null;

  let cccd: string | null = null;
  if (v.cccd) {
    const cleaned = cleanCccd(v.cccd);
    if (typeof cleaned !== 'string')
      err('cccd', cleaned.error === 'SCIENTIFIC' ? 'CCCD_SCIENTIFIC' : 'CCCD_INVALID', '12 chữ số / 12 digits');
    else {
      const check = checkCccd(cleaned, { birth: birth ? { year: birth.year, date: birth.date } : null, gender });
      if (check.valid) cccd = cleaned;
      else err('cccd', 'CCCD_INVALID', check.message);
    }
  }
  let phone: string | null = null;
  if (v.phone) {
    let p = v.phone.replace(/[\s.()-]/g, '');
    if (/^[1-9]\d{8}$/.test(p)) p = `0${p}`;
    if (/^\+?[0-9]{8,15}$/.test(p)) phone = p;
    else err('phone', 'PHONE_INVALID');
  }
  let unitCode: string | null = null;
  if (v.unit_code) {
    if (/^[0-9A-Za-z._-]{1,20}$/.test(v.unit_code)) unitCode = v.unit_code;
    else err('unit_code', 'UNIT_CODE_INVALID');
  }
  let householdCode: string | null = null;
  if (v.household_code) {
    const h = v.household_code.toUpperCase().replace(/\s+/g, '');
    if (/^[A-Z0-9][A-Z0-9._-]{0,39}$/.test(h)) householdCode = h;
    else err('household_code', 'HOUSEHOLD_CODE_INVALID');
  }
  let relationship: string | null = null;
  if (v.relationship) relationship = parseRelationship(searchKey(v.relationship)) ?? err('relationship', 'RELATIONSHIP_INVALID');
  else if (householdCode) err('relationship', 'REQUIRED');
  let memberFrom: string | null = null;
  if (v.member_from) {
    const d = dateOf(v.member_from, num.member_from ?? false);
    if (!d?.date) err('member_from', 'DATE_INVALID');
    else memberFrom = d.date;
  }
  const staged: StagedRow = [
    importId,
    rowNo,
    errors.length > 0,
    cccd,
    fullName,
    fullName ? searchKey(fullName) : null,
    birth?.year ?? null,
    birth?.date ?? null,
    gender,
    text('ethnicity', 100),
    unitCode,
    text('address', 500),
    phone,
    householdCode,
    relationship,
    memberFrom,
  ];
  return { staged, errors };
}
