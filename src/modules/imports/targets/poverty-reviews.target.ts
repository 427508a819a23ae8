import { DomainException } from 'src/common/errors/domain.exception';
import { searchKey } from 'src/modules/imports/parsing/vietnamese-text';
import type {
  ImportTargetDefinition,
  RawRow,
  TemplateColumn,
  ValidatedRow,
} from 'src/modules/imports/targets/import-target-definition';
import { classifyPovertyReviewRows, mergePovertyReviewChunk } from 'src/modules/imports/targets/poverty-reviews-sql';
import { pgTextArray, RowReader } from 'src/modules/imports/targets/row-reader';
import { classifyHousehold, type PovertyClass } from 'src/modules/registry/domain/poverty-classification';
import type { PovertyStandard } from 'src/modules/registry/domain/poverty-standards.data';

export type PovertyReviewColumn =
  | 'household_code'
  | 'head_cccd'
  | 'year'
  | 'review_type'
  | 'area'
  | 'income'
  | 'deprivations'
  | 'agriculture'
  | 'classification'
  | 'standard'
  | 'reviewed_on'
  | 'decision_number'
  | 'decision_date'
  | 'decision_signer'
  | 'valid_from';

export const POVERTY_REVIEW_COLUMNS: ReadonlyArray<TemplateColumn<PovertyReviewColumn>> = [
  { key: 'household_code', header: 'Mã hộ', en: 'Household code', aliases: ['ma ho', 'ma ho gia dinh', 'household code'], example: 'HGD-0001' },
  { key: 'head_cccd', header: 'Số CCCD chủ hộ', en: 'Head of household citizen ID', aliases: ['so cccd chu ho', 'cccd chu ho', 'so dinh danh chu ho', 'head citizen id'], example: '040085000123' },
  { key: 'year', header: 'Năm rà soát', en: 'Review year', aliases: ['nam ra soat', 'nam', 'year', 'review year'], example: '2025' },
  { key: 'review_type', header: 'Loại rà soát', en: 'Review type', aliases: ['loai ra soat', 'review type'], example: 'Định kỳ hằng năm' },
  { key: 'area', header: 'Khu vực', en: 'Area', aliases: ['khu vuc', 'dia ban', 'area'], example: 'Nông thôn' },
  { key: 'income', header: 'Thu nhập bình quân đầu người/tháng (đồng)', en: 'Income per person per month (VND)', aliases: ['thu nhap binh quan dau nguoi', 'thu nhap binh quan', 'thu nhap', 'income per capita', 'income'], example: '1.200.000' },
  { key: 'deprivations', header: 'Chỉ số thiếu hụt', en: 'Deprivation indicators', aliases: ['chi so thieu hut', 'cac chi so thieu hut', 'thieu hut', 'deprivations'], example: 'Việc làm; Bảo hiểm y tế; Nhà tiêu hợp vệ sinh' },
  { key: 'agriculture', header: 'Sống bằng nông, lâm, ngư, diêm nghiệp', en: 'Lives from agriculture, forestry, fishery', aliases: ['nong lam ngu diem nghiep', 'nong lam ngu nghiep', 'agriculture forestry fishery', 'agriculture'], example: 'Có' },
  { key: 'classification', header: 'Phân loại', en: 'Class', aliases: ['phan loai', 'ket qua', 'ket qua ra soat', 'xep loai', 'classification', 'class'], example: 'Hộ nghèo' },
  { key: 'standard', header: 'Chuẩn nghèo', en: 'Poverty standard', aliases: ['chuan ngheo', 'chuan ap dung', 'standard'], example: 'DECREE_07_2021' },
  { key: 'reviewed_on', header: 'Ngày rà soát', en: 'Reviewed on', aliases: ['ngay ra soat', 'reviewed on', 'review date'], example: '15/11/2025' },
  { key: 'decision_number', header: 'Số quyết định', en: 'Decision number', aliases: ['so quyet dinh', 'so qd', 'decision number'], example: '125/QĐ-UBND' },
  { key: 'decision_date', header: 'Ngày quyết định', en: 'Decision date', aliases: ['ngay quyet dinh', 'ngay ky', 'ngay ky quyet dinh', 'decision date'], example: '20/12/2025' },
  { key: 'decision_signer', header: 'Người ký', en: 'Signer', aliases: ['nguoi ky', 'nguoi ky quyet dinh', 'signer'], example: 'Chủ tịch UBND xã' },
  { key: 'valid_from', header: 'Ngày có hiệu lực', en: 'Valid from', aliases: ['ngay co hieu luc', 'ngay hieu luc', 'hieu luc tu ngay', 'valid from'], example: '01/01/2026' },
];

const REQUIRED: readonly PovertyReviewColumn[] = [
  'household_code',
  'year',
  'area',
  'income',
  'classification',
  'decision_number',
  'decision_date',
  'decision_signer',
];

export const POVERTY_CLASS_VALUES: Readonly<Record<string, PovertyClass>> = {
  'ho ngheo': 'POOR',
  ngheo: 'POOR',
  poor: 'POOR',
  'ho can ngheo': 'NEAR_POOR',
  'can ngheo': 'NEAR_POOR',
  'near poor': 'NEAR_POOR',
  'ho co muc song trung binh': 'AVERAGE_LIVING_STANDARD',
  'ho muc song trung binh': 'AVERAGE_LIVING_STANDARD',
  'muc song trung binh': 'AVERAGE_LIVING_STANDARD',
  'average living standard': 'AVERAGE_LIVING_STANDARD',
  'khong ngheo': 'NOT_POOR',
  'ho khong ngheo': 'NOT_POOR',
  'thoat ngheo': 'NOT_POOR',
  'not poor': 'NOT_POOR',
};
const REVIEW_TYPES: Readonly<Record<string, 'ANNUAL' | 'REGULAR'>> = {
  'dinh ky hang nam': 'ANNUAL',
  'dinh ky': 'ANNUAL',
  'hang nam': 'ANNUAL',
  annual: 'ANNUAL',
  'thuong xuyen': 'REGULAR',
  regular: 'REGULAR',
};
const AREAS: Readonly<Record<string, 'RURAL' | 'URBAN'>> = {
  'nong thon': 'RURAL',
  rural: 'RURAL',
  'thanh thi': 'URBAN',
  'do thi': 'URBAN',
  'thanh thi (do thi)': 'URBAN',
  urban: 'URBAN',
};
/** Standards as officers name them (the decree number), besides the codes themselves. */
const STANDARD_NAMES: Readonly<Record<string, string>> = {
  '07/2021/nd-cp': 'DECREE_07_2021',
  'nghi dinh 07/2021/nd-cp': 'DECREE_07_2021',
  'nd 07/2021': 'DECREE_07_2021',
  '351/2025/nd-cp': 'DECREE_351_2025',
  'nghi dinh 351/2025/nd-cp': 'DECREE_351_2025',
  'nd 351/2025': 'DECREE_351_2025',
};

/** Indicator codes and their Vietnamese names (by search key), from every standard in force. */
function indicatorValues(standards: readonly PovertyStandard[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const s of standards)
    for (const i of s.indicators) {
      values[searchKey(i.name)] = i.code;
      values[searchKey(i.code.replace(/_/g, ' '))] = i.code;
    }
  return values;
}

function validateRow(
  standards: readonly PovertyStandard[],
  indicators: Record<string, string>,
  row: RawRow<PovertyReviewColumn>,
): ValidatedRow {
  const r = new RowReader(row, REQUIRED);
  const householdCode = r.householdCode('household_code');
  const headCccd = r.cccd('head_cccd');
  const year = r.int('year', 2016, 2100, 'YEAR_INVALID');
  const reviewType = r.oneOf('review_type', REVIEW_TYPES, 'REVIEW_TYPE_INVALID') ?? 'ANNUAL';
  const area = r.oneOf('area', AREAS, 'AREA_INVALID');
  const income = r.int('income', 0, 1_000_000_000);
  const deprivations = r.someOf('deprivations', indicators, 'INDICATOR_UNKNOWN') ?? [];
  const agriculture = r.bool('agriculture') ?? false;
  const stated = r.oneOf('classification', POVERTY_CLASS_VALUES, 'CLASSIFICATION_INVALID');
  const decision = r.decision('decision_number', 'decision_date', 'decision_signer');
  const reviewedOn = r.date('reviewed_on') ?? decision.date;
  const validFrom = r.date('valid_from') ?? decision.date;
  let classification: PovertyClass | null = null;
  let standardCode: string | null = null;
  let explanation: string | null = null;
  if (year !== null && area !== null && income !== null && stated !== null) {
    try {
      const result = classifyHousehold(standards, {
        year,
        area,
        incomePerCapita: income,
        deprivations,
        agricultureForestryFishery: agriculture,
      });
      standardCode = result.standardCode;
      explanation = result.explanation;
      classification = result.classification;
      if (result.classification !== stated) r.err('classification', 'CLASSIFICATION_MISMATCH', result.explanation);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      if (error.code === 'POVERTY_STANDARD_MISSING') r.err('year', 'STANDARD_MISSING');
      else if (error.code === 'POVERTY_INDICATOR_UNKNOWN') r.err('deprivations', 'INDICATOR_UNKNOWN', error.detail);
      else r.err('income', 'NUMBER_INVALID', error.detail);
    }
  }
  const standard = r.raw('standard');
  if (standard !== null && standardCode !== null) {
    const named = STANDARD_NAMES[searchKey(standard)] ?? standard.toUpperCase();
    if (named !== standardCode) r.err('standard', 'STANDARD_MISMATCH', standardCode);
  }
  const staged = [
    row.importId,
    row.rowNo,
    r.rejected,
    headCccd,
    householdCode,
    year,
    reviewType,
    area,
    income,
    pgTextArray([...deprivations].sort()),
    agriculture,
    classification,
    standardCode,
    explanation,
    reviewedOn,
    validFrom,
    decision.number,
    decision.date,
    decision.signer,
  ];
  return { staged, errors: r.errors, groupKey: null };
}

/**
 * Poverty review results (kết quả rà soát hộ nghèo, hộ cận nghèo): one row per household, matched by the head's
 * CCCD, then the household code. The class is checked against the registry's poverty standard for the year; the
 * review is recorded (or corrected) and the decision grants the poverty status (POOR / NEAR_POOR / average living
 * standard), superseding the open one, or ends it (NOT_POOR), as StatusesService does.
 */
export const POVERTY_REVIEWS_TARGET: ImportTargetDefinition<'POVERTY_REVIEWS', PovertyReviewColumn> = {
  code: 'POVERTY_REVIEWS',
  labelVi: 'Kết quả rà soát hộ nghèo, hộ cận nghèo',
  labelEn: 'Poverty review results',
  columns: POVERTY_REVIEW_COLUMNS,
  requiredColumns: REQUIRED,
  templateNotes: [
    'Mỗi hộ một dòng. Khớp hộ theo số CCCD chủ hộ, rồi theo mã hộ (hộ phải có sẵn trong cơ sở dữ liệu).',
    'Loại rà soát: Định kỳ hằng năm (mặc định) / Thường xuyên. Khu vực: Nông thôn / Thành thị.',
    'Phân loại: Hộ nghèo / Hộ cận nghèo / Hộ có mức sống trung bình / Không nghèo — phải khớp kết quả tính theo chuẩn nghèo của năm.',
    'Chỉ số thiếu hụt: tên hoặc mã chỉ số, cách nhau bởi dấu ; (ví dụ: Việc làm; Bảo hiểm y tế). Thu nhập: đồng/người/tháng.',
    'Ngày: dd/mm/yyyy. Ngày rà soát và Ngày có hiệu lực mặc định là Ngày quyết định.',
  ],
  roles: ['DATA_OFFICER', 'ADMIN'],
  staging: {
    table: 'import_poverty_review_rows',
    copyColumns: [
      'import_id',
      'row_no',
      'rejected',
      'head_cccd',
      'household_code',
      'year',
      'review_type',
      'area',
      'income_per_capita',
      'deprivations',
      'agriculture_forestry_fishery',
      'classification',
      'standard_code',
      'explanation',
      'reviewed_on',
      'valid_from',
      'decision_number',
      'decision_date',
      'decision_signer',
    ],
  },
  async rowValidator(ctx) {
    const standards = await ctx.povertyStandards();
    const indicators = indicatorValues(standards);
    return (row) => validateRow(standards, indicators, row);
  },
  classify: classifyPovertyReviewRows,
  mergeChunk: mergePovertyReviewChunk,
};
