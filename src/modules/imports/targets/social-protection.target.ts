import type {
  ImportTargetDefinition,
  RawRow,
  TemplateColumn,
  ValidatedRow,
} from 'src/modules/imports/targets/import-target-definition';
import {
  PERSON_COLUMNS,
  PERSON_COPY_COLUMNS,
  personTuple,
  readPerson,
  type PersonColumn,
} from 'src/modules/imports/targets/person-columns';
import { pgTextArray, RowReader } from 'src/modules/imports/targets/row-reader';
import {
  classifySocialProtectionRows,
  mergeSocialProtectionChunk,
} from 'src/modules/imports/targets/social-protection-sql';
import {
  SOCIAL_PROTECTION_BASES,
  type DisabilityLevel,
  type SocialProtectionBasis,
} from 'src/modules/registry/domain/social-protection.data';

export type SocialProtectionColumn =
  | PersonColumn
  | 'bases'
  | 'disability_level'
  | 'studying'
  | 'children_raised'
  | 'decision_number'
  | 'decision_date'
  | 'decision_signer'
  | 'valid_from';

export const SOCIAL_PROTECTION_COLUMNS: ReadonlyArray<TemplateColumn<SocialProtectionColumn>> = [
  ...PERSON_COLUMNS,
  { key: 'bases', header: 'Nhóm đối tượng (Điều 5 NĐ 20/2021)', en: 'Group (Decree 20/2021 art. 5)', aliases: ['nhom doi tuong', 'doi tuong', 'dien doi tuong', 'nhom', 'group', 'bases'], example: 'Người khuyết tật' },
  { key: 'disability_level', header: 'Mức độ khuyết tật', en: 'Disability level', aliases: ['muc do khuyet tat', 'disability level'], example: 'Đặc biệt nặng' },
  { key: 'studying', header: 'Đang đi học', en: 'Studying', aliases: ['dang di hoc', 'dang hoc', 'studying'], example: 'Không' },
  { key: 'children_raised', header: 'Số con đang nuôi', en: 'Children raised', aliases: ['so con dang nuoi', 'so con', 'children raised'], example: '' },
  { key: 'decision_number', header: 'Số quyết định', en: 'Decision number', aliases: ['so quyet dinh', 'so qd', 'decision number'], example: '56/QĐ-UBND' },
  { key: 'decision_date', header: 'Ngày quyết định', en: 'Decision date', aliases: ['ngay quyet dinh', 'ngay ky', 'ngay ky quyet dinh', 'decision date'], example: '10/03/2025' },
  { key: 'decision_signer', header: 'Người ký', en: 'Signer', aliases: ['nguoi ky', 'nguoi ky quyet dinh', 'signer'], example: 'Chủ tịch UBND xã' },
  { key: 'valid_from', header: 'Ngày hưởng', en: 'Start date', aliases: ['ngay huong', 'huong tu ngay', 'ngay bat dau huong', 'start date', 'valid from'], example: '01/03/2025' },
];

const REQUIRED: readonly SocialProtectionColumn[] = [
  'bases',
  'decision_number',
  'decision_date',
  'decision_signer',
  'valid_from',
];

/** Decree 20/2021 art. 5 groups as officers write them (search keys), besides the codes and `K1` … `K8`. */
const BASIS_VALUES: Readonly<Record<string, SocialProtectionBasis>> = {
  ...Object.fromEntries(SOCIAL_PROTECTION_BASES.map((b) => [b.split('_')[0].toLowerCase(), b])),
  'tre em khong co nguon nuoi duong': 'K1_CHILD_NO_SUPPORT',
  'tre em nhiem hiv thuoc ho ngheo': 'K3_CHILD_HIV_POOR',
  'nguoi don than ngheo nuoi con': 'K4_SINGLE_PARENT_POOR',
  'nguoi thuoc ho ngheo khong co chong hoac khong co vo dang nuoi con': 'K4_SINGLE_PARENT_POOR',
  'nguoi cao tuoi thuoc ho ngheo khong co nguoi phung duong': 'K5A_ELDERLY_POOR_NO_SUPPORTER',
  'nguoi cao tuoi tu 75 den 80 tuoi thuoc ho ngheo, can ngheo o vung dac biet kho khan': 'K5B_ELDERLY_75_80_DIFFICULT_AREA',
  'nguoi tu du 75 den 80 tuoi vung dac biet kho khan': 'K5B_ELDERLY_75_80_DIFFICULT_AREA',
  'nguoi tu du 80 tuoi tro len khong co luong huu': 'K5C_ELDERLY_80_NO_PENSION',
  'nguoi tu 80 tuoi tro len khong co luong huu': 'K5C_ELDERLY_80_NO_PENSION',
  'nguoi cao tuoi duoc nhan cham soc tai cong dong': 'K5D_ELDERLY_COMMUNITY_CARE',
  'nguoi khuyet tat': 'K6_DISABILITY',
  'khuyet tat': 'K6_DISABILITY',
  'tre em duoi 3 tuoi thuoc ho ngheo, can ngheo o vung dac biet kho khan': 'K7_CHILD_UNDER_3_DIFFICULT_AREA',
  'tre em duoi 3 tuoi vung dac biet kho khan': 'K7_CHILD_UNDER_3_DIFFICULT_AREA',
  'nguoi nhiem hiv thuoc ho ngheo': 'K8_HIV_POOR',
};

const DISABILITY_VALUES: Readonly<Record<string, DisabilityLevel>> = {
  nang: 'SEVERE',
  'khuyet tat nang': 'SEVERE',
  severe: 'SEVERE',
  'dac biet nang': 'ESPECIALLY_SEVERE',
  'khuyet tat dac biet nang': 'ESPECIALLY_SEVERE',
  'especially severe': 'ESPECIALLY_SEVERE',
};

function validateRow(row: RawRow<SocialProtectionColumn>): ValidatedRow {
  const r = new RowReader(row, REQUIRED);
  const person = readPerson(r);
  const bases = r.someOf('bases', BASIS_VALUES, 'BASIS_INVALID');
  const disability = r.oneOf('disability_level', DISABILITY_VALUES, 'DISABILITY_LEVEL_INVALID');
  const studying = r.bool('studying') ?? false;
  const children = r.int('children_raised', 1, 30);
  // the registry's profile rule (validateProfile): a disability needs its level, a single parent the children
  if (bases?.includes('K6_DISABILITY') && !disability && !r.has('disability_level')) r.err('disability_level', 'REQUIRED');
  if (bases?.includes('K4_SINGLE_PARENT_POOR') && !children && !r.has('children_raised')) r.err('children_raised', 'REQUIRED');
  const decision = r.decision('decision_number', 'decision_date', 'decision_signer');
  const validFrom = r.date('valid_from');
  const staged = [
    row.importId,
    row.rowNo,
    r.rejected,
    ...personTuple(person),
    pgTextArray(bases ? [...bases].sort() : null),
    disability,
    studying,
    children,
    validFrom,
    decision.number,
    decision.date,
    decision.signer,
  ];
  return { staged, errors: r.errors, groupKey: null };
}

/**
 * Social-protection subjects (đối tượng bảo trợ xã hội, Decree 20/2021): the person by CCCD, then household + name
 * + birth year; the groups (art. 5) with the disability level / studying / children the registry needs; the decision
 * and start date. The band and coefficient on the start date are derived with the registry's rule (groupOnDate); a
 * new decision supersedes the person's open subject status, the same decision is corrected in place.
 */
export const SOCIAL_PROTECTION_TARGET: ImportTargetDefinition<'SOCIAL_PROTECTION', SocialProtectionColumn> = {
  code: 'SOCIAL_PROTECTION',
  labelVi: 'Đối tượng bảo trợ xã hội',
  labelEn: 'Social-protection subjects',
  columns: SOCIAL_PROTECTION_COLUMNS,
  requiredColumns: REQUIRED,
  templateNotes: [
    'Khớp người theo số CCCD; nếu không có CCCD: theo mã hộ, họ tên và năm sinh (người phải có sẵn trong cơ sở dữ liệu).',
    'Nhóm đối tượng: mã K1, K3, K4, K5A, K5B, K5C, K5D, K6, K7, K8 hoặc tên nhóm theo Điều 5 Nghị định 20/2021/NĐ-CP; nhiều nhóm cách nhau bởi dấu ;.',
    'Người khuyết tật (K6) cần Mức độ khuyết tật (Nặng / Đặc biệt nặng); người đơn thân nghèo nuôi con (K4) cần Số con đang nuôi.',
    'Hệ số và mức hưởng được tính theo Điều 6 tại Ngày hưởng. Ngày: dd/mm/yyyy.',
  ],
  roles: ['DATA_OFFICER', 'ADMIN'],
  staging: {
    table: 'import_social_protection_rows',
    copyColumns: [
      'import_id',
      'row_no',
      'rejected',
      ...PERSON_COPY_COLUMNS,
      'bases',
      'disability_level',
      'studying',
      'children_raised',
      'valid_from',
      'decision_number',
      'decision_date',
      'decision_signer',
    ],
  },
  rowValidator: () => Promise.resolve(validateRow),
  classify: classifySocialProtectionRows,
  mergeChunk: mergeSocialProtectionChunk,
};
