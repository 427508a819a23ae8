import type {
  ImportTargetDefinition,
  RawRow,
  TemplateColumn,
  ValidatedRow,
} from 'src/modules/imports/targets/import-target-definition';
import { classifyMeritProfileRows, mergeMeritProfileChunk } from 'src/modules/imports/targets/merit-profiles-sql';
import {
  PERSON_COLUMNS,
  PERSON_COPY_COLUMNS,
  personTuple,
  readPerson,
  type PersonColumn,
} from 'src/modules/imports/targets/person-columns';
import { RowReader } from 'src/modules/imports/targets/row-reader';
import type { MeritCategory, MeritRelationship } from 'src/modules/registry/statuses/status.model';

export type MeritProfileColumn =
  | PersonColumn
  | 'category'
  | 'injury_rate'
  | 'archive_code'
  | 'decision_number'
  | 'decision_date'
  | 'decision_signer'
  | 'valid_from'
  | 'relative_cccd'
  | 'relative_relationship';

export const MERIT_PROFILE_COLUMNS: ReadonlyArray<TemplateColumn<MeritProfileColumn>> = [
  ...PERSON_COLUMNS,
  { key: 'category', header: 'Diện người có công', en: 'Category', aliases: ['dien nguoi co cong', 'dien', 'doi tuong', 'loai doi tuong', 'category'], example: 'Thương binh' },
  { key: 'injury_rate', header: 'Tỷ lệ tổn thương cơ thể (%)', en: 'Injury rate (%)', aliases: ['ty le ton thuong co the', 'ty le ton thuong', 'ty le thuong tat', 'injury rate'], example: '41' },
  { key: 'archive_code', header: 'Số hồ sơ lưu trữ', en: 'Archive code', aliases: ['so ho so luu tru', 'so ho so', 'ma ho so', 'archive code'], example: 'TB-12345' },
  { key: 'decision_number', header: 'Số quyết định', en: 'Decision number', aliases: ['so quyet dinh', 'so qd', 'decision number'], example: '1234/QĐ-LĐTBXH' },
  { key: 'decision_date', header: 'Ngày quyết định', en: 'Decision date', aliases: ['ngay quyet dinh', 'ngay ky', 'ngay ky quyet dinh', 'decision date'], example: '20/07/2024' },
  { key: 'decision_signer', header: 'Người ký', en: 'Signer', aliases: ['nguoi ky', 'nguoi ky quyet dinh', 'signer'], example: 'Giám đốc Sở' },
  { key: 'valid_from', header: 'Ngày hưởng', en: 'Valid from', aliases: ['ngay huong', 'huong tu ngay', 'ngay co hieu luc', 'valid from'], example: '01/08/2024' },
  { key: 'relative_cccd', header: 'Số CCCD thân nhân', en: 'Relative citizen ID', aliases: ['so cccd than nhan', 'cccd than nhan', 'relative citizen id'], example: '' },
  { key: 'relative_relationship', header: 'Quan hệ của thân nhân', en: 'Relative relationship', aliases: ['quan he cua than nhan', 'quan he than nhan', 'quan he voi nguoi co cong', 'relative relationship'], example: '' },
];

const REQUIRED: readonly MeritProfileColumn[] = ['category', 'decision_number', 'decision_date', 'decision_signer'];

/** Ordinance 02/2020 categories as officers write them (search keys), besides the codes. */
export const MERIT_CATEGORY_VALUES: Readonly<Record<string, MeritCategory>> = {
  'nguoi hoat dong cach mang truoc ngay 01/01/1945': 'PRE_1945_REVOLUTIONARY',
  'hoat dong cach mang truoc 1945': 'PRE_1945_REVOLUTIONARY',
  'lao thanh cach mang': 'PRE_1945_REVOLUTIONARY',
  'can bo lao thanh': 'PRE_1945_REVOLUTIONARY',
  'tien khoi nghia': 'AUGUST_1945_REVOLUTIONARY',
  'can bo tien khoi nghia': 'AUGUST_1945_REVOLUTIONARY',
  'hoat dong cach mang tu 01/01/1945 den khoi nghia thang tam 1945': 'AUGUST_1945_REVOLUTIONARY',
  'liet si': 'MARTYR',
  'ba me viet nam anh hung': 'HEROIC_MOTHER',
  bmvnah: 'HEROIC_MOTHER',
  'anh hung': 'HERO',
  'anh hung luc luong vu trang nhan dan': 'HERO',
  'anh hung lao dong trong thoi ky khang chien': 'HERO',
  'thuong binh': 'WAR_INVALID',
  'nguoi huong chinh sach nhu thuong binh': 'WAR_INVALID',
  'thuong binh loai b': 'WAR_INVALID_TYPE_B',
  'benh binh': 'SICK_SOLDIER',
  'nhiem chat doc hoa hoc': 'TOXIC_CHEMICAL_VICTIM',
  'nguoi hoat dong khang chien bi nhiem chat doc hoa hoc': 'TOXIC_CHEMICAL_VICTIM',
  'chat doc da cam': 'TOXIC_CHEMICAL_VICTIM',
  'bi dich bat tu, day': 'IMPRISONED_BY_ENEMY',
  'bi dich bat tu day': 'IMPRISONED_BY_ENEMY',
  'nguoi hoat dong cach mang bi dich bat tu, day': 'IMPRISONED_BY_ENEMY',
  'hoat dong khang chien': 'RESISTANCE_PARTICIPANT',
  'nguoi hoat dong khang chien': 'RESISTANCE_PARTICIPANT',
  'nguoi hoat dong khang chien giai phong dan toc': 'RESISTANCE_PARTICIPANT',
  'co cong giup do cach mang': 'REVOLUTION_HELPER',
  'nguoi co cong giup do cach mang': 'REVOLUTION_HELPER',
};

const RELATIVE_VALUES: Readonly<Record<string, MeritRelationship>> = {
  cha: 'FATHER',
  bo: 'FATHER',
  'cha de': 'FATHER',
  father: 'FATHER',
  me: 'MOTHER',
  'me de': 'MOTHER',
  mother: 'MOTHER',
  vo: 'SPOUSE',
  chong: 'SPOUSE',
  'vo/chong': 'SPOUSE',
  spouse: 'SPOUSE',
  con: 'CHILD',
  'con de': 'CHILD',
  'con nuoi': 'CHILD',
  child: 'CHILD',
  'nguoi nuoi duong': 'CARER',
  'nguoi cham soc': 'CARER',
  carer: 'CARER',
  khac: 'OTHER',
  other: 'OTHER',
};

/** The registry's injury-rate rule (registry_merit_profiles checks): war invalids ≥ 21 %, sick soldiers ≥ 41 %. */
const MIN_INJURY_RATE: Partial<Record<MeritCategory, number>> = {
  WAR_INVALID: 21,
  WAR_INVALID_TYPE_B: 21,
  SICK_SOLDIER: 41,
};

function validateRow(row: RawRow<MeritProfileColumn>): ValidatedRow {
  const r = new RowReader(row, REQUIRED);
  const person = readPerson(r);
  const category = r.oneOf('category', MERIT_CATEGORY_VALUES, 'CATEGORY_INVALID');
  const injuryRate = r.int('injury_rate', 1, 100, 'INJURY_RATE_INVALID');
  const min = category ? MIN_INJURY_RATE[category] : undefined;
  if (min !== undefined && injuryRate === null && !r.has('injury_rate')) r.err('injury_rate', 'REQUIRED');
  else if (min !== undefined && injuryRate !== null && injuryRate < min) r.err('injury_rate', 'INJURY_RATE_INVALID', `≥ ${min}%`);
  const archiveCode = r.text('archive_code', 100);
  const decision = r.decision('decision_number', 'decision_date', 'decision_signer');
  const validFrom = r.date('valid_from') ?? decision.date;
  const relativeCccd = r.cccd('relative_cccd');
  const relationship = r.oneOf('relative_relationship', RELATIVE_VALUES, 'RELATIONSHIP_INVALID');
  if (r.has('relative_cccd') !== r.has('relative_relationship'))
    r.err(r.has('relative_cccd') ? 'relative_relationship' : 'relative_cccd', 'RELATIVE_INCOMPLETE');
  const staged = [
    row.importId,
    row.rowNo,
    r.rejected,
    ...personTuple(person),
    category,
    injuryRate,
    archiveCode,
    validFrom,
    decision.number,
    decision.date,
    decision.signer,
    relativeCccd,
    relationship,
  ];
  return { staged, errors: r.errors, groupKey: null };
}

/**
 * Meritorious profiles (hồ sơ người có công, Ordinance 02/2020): the person by CCCD, then household + name + birth
 * year; the category with its injury rate where the registry requires one; the decision granting it; optionally one
 * relative (thân nhân) linked under the same decision. A profile with the row's decision is corrected in place; a
 * new decision supersedes the person's open profile of that category.
 */
export const MERIT_PROFILES_TARGET: ImportTargetDefinition<'MERIT_PROFILES', MeritProfileColumn> = {
  code: 'MERIT_PROFILES',
  labelVi: 'Hồ sơ người có công',
  labelEn: 'Meritorious profiles',
  columns: MERIT_PROFILE_COLUMNS,
  requiredColumns: REQUIRED,
  templateNotes: [
    'Khớp người theo số CCCD; nếu không có CCCD: theo mã hộ, họ tên và năm sinh (người phải có sẵn trong cơ sở dữ liệu).',
    'Diện: Hoạt động cách mạng trước 1945, Tiền khởi nghĩa, Liệt sĩ, Bà mẹ Việt Nam anh hùng, Anh hùng, Thương binh, Thương binh loại B, Bệnh binh, Nhiễm chất độc hóa học, Bị địch bắt tù, đày, Hoạt động kháng chiến, Có công giúp đỡ cách mạng.',
    'Tỷ lệ tổn thương cơ thể bắt buộc với thương binh (≥ 21%) và bệnh binh (≥ 41%).',
    'Thân nhân (tùy chọn, một người mỗi dòng): số CCCD và quan hệ (Cha, Mẹ, Vợ/Chồng, Con, Người nuôi dưỡng, Khác).',
    'Ngày: dd/mm/yyyy. Ngày hưởng mặc định là Ngày quyết định.',
  ],
  roles: ['DATA_OFFICER', 'ADMIN'],
  staging: {
    table: 'import_merit_profile_rows',
    copyColumns: [
      'import_id',
      'row_no',
      'rejected',
      ...PERSON_COPY_COLUMNS,
      'category',
      'injury_rate',
      'archive_code',
      'valid_from',
      'decision_number',
      'decision_date',
      'decision_signer',
      'relative_cccd',
      'relative_relationship',
    ],
  },
  rowValidator: () => Promise.resolve(validateRow),
  classify: classifyMeritProfileRows,
  mergeChunk: mergeMeritProfileChunk,
};
