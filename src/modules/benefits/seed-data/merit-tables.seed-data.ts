import type { BaseLevelVersion } from 'src/modules/benefits/domain/rules.model';

/**
 * Preferential-allowance base levels (mức chuẩn trợ cấp ưu đãi người có công). Sources: DOMAIN.md "People with
 * meritorious service" and research §8.2. 'Applies from' can precede the decree's own date.
 */
export const MERIT_BASES: BaseLevelVersion[] = [
  {
    scheme: 'MERIT',
    scope: 'NATIONAL',
    unitId: null,
    amount: 1_624_000,
    effectiveFrom: '2021-07-01',
    legalBasis: 'Nghị định 75/2021/NĐ-CP, Điều 3; Điều 15 khoản 2',
    unconfirmed: false,
  },
  {
    scheme: 'MERIT',
    scope: 'NATIONAL',
    unitId: null,
    amount: 2_055_000,
    effectiveFrom: '2023-07-01',
    legalBasis: 'Nghị định 55/2023/NĐ-CP',
    unconfirmed: false,
    note: 'Base confirmed; the 1/7/2023 applies-from date is marked ❓ in the research.',
  },
  {
    scheme: 'MERIT',
    scope: 'NATIONAL',
    unitId: null,
    amount: 2_789_000,
    effectiveFrom: '2024-07-01',
    legalBasis: 'Nghị định 77/2024/NĐ-CP (VBHN 4804/VBHN-BLĐTBXH ngày 04/10/2024)',
    unconfirmed: false,
  },
  {
    scheme: 'MERIT',
    scope: 'NATIONAL',
    unitId: null,
    amount: 3_012_000,
    effectiveFrom: '2026-07-01',
    legalBasis: 'Nghị định 321/2026/NĐ-CP',
    unconfirmed: true,
    note: 'Single third-party source; decree in force 1/10/2026. Verify before paying.',
  },
];

/** The version whose tables were read in a source (VBHN 4804); every other version is derived from it. */
export const SOURCED_MERIT_BASE = 2_789_000;

/**
 * Appendix I rows at 2,789,000 (research §8.2, VBHN 4804 appendix 1). `multiple` marks rows that are a fixed
 * multiple of the base (relatives of martyrs 1×/2×/3×, Heroic Mother 3×, carers 1×): those are exact at every base.
 */
export const APPENDIX_I_AT_2789: Array<{ key: string; label: string; amount: number; multiple?: number }> = [
  { key: 'PRE_1945_FULL_TIME', label: 'Cán bộ lão thành cách mạng (thoát ly)', amount: 3_117_000 },
  {
    key: 'PRE_1945_FULL_TIME_SENIORITY_YEAR',
    label: 'Phụ cấp mỗi năm thâm niên (thoát ly)',
    amount: 529_000,
  },
  { key: 'PRE_1945_NOT_FULL_TIME', label: 'Cán bộ lão thành cách mạng (không thoát ly)', amount: 5_291_000 },
  { key: 'AUGUST_1945_REVOLUTIONARY', label: 'Cán bộ tiền khởi nghĩa', amount: 2_884_000 },
  { key: 'MARTYR_RELATIVE_1', label: 'Thân nhân của 1 liệt sĩ', amount: 2_789_000, multiple: 100 },
  { key: 'MARTYR_RELATIVE_2', label: 'Thân nhân của 2 liệt sĩ', amount: 5_578_000, multiple: 200 },
  {
    key: 'MARTYR_RELATIVE_3_OR_MORE',
    label: 'Thân nhân của 3 liệt sĩ trở lên',
    amount: 8_367_000,
    multiple: 300,
  },
  {
    key: 'MARTYR_RELATIVE_LIVING_ALONE_CARE',
    label: 'Trợ cấp tuất nuôi dưỡng (sống cô đơn)',
    amount: 2_231_000,
  },
  { key: 'HEROIC_MOTHER', label: 'Bà mẹ Việt Nam anh hùng', amount: 8_367_000, multiple: 300 },
  { key: 'HEROIC_MOTHER_SUPPLEMENT', label: 'Phụ cấp Bà mẹ Việt Nam anh hùng', amount: 2_337_000 },
  {
    key: 'HEROIC_MOTHER_CARER',
    label: 'Người phục vụ Bà mẹ Việt Nam anh hùng',
    amount: 2_789_000,
    multiple: 100,
  },
  { key: 'HERO', label: 'Anh hùng LLVT nhân dân, Anh hùng Lao động', amount: 2_337_000 },
  { key: 'WAR_INVALID_81_SUPPLEMENT', label: 'Phụ cấp thương binh từ 81%', amount: 1_399_000 },
  {
    key: 'WAR_INVALID_ESPECIALLY_SEVERE_SUPPLEMENT',
    label: 'Phụ cấp đặc biệt thương binh (thay phụ cấp)',
    amount: 2_867_000,
  },
  { key: 'WAR_INVALID_CARER', label: 'Người phục vụ thương binh từ 81%', amount: 2_789_000, multiple: 100 },
  {
    key: 'WAR_INVALID_CARER_ESPECIALLY_SEVERE',
    label: 'Người phục vụ thương binh đặc biệt nặng',
    amount: 3_582_000,
  },
  { key: 'TOXIC_CHEMICAL_21_40', label: 'Nhiễm chất độc hóa học 21–40%', amount: 2_120_000 },
  { key: 'TOXIC_CHEMICAL_41_60', label: 'Nhiễm chất độc hóa học 41–60%', amount: 3_542_000 },
  { key: 'TOXIC_CHEMICAL_61_80', label: 'Nhiễm chất độc hóa học 61–80%', amount: 4_964_000 },
  { key: 'TOXIC_CHEMICAL_81_PLUS', label: 'Nhiễm chất độc hóa học từ 81%', amount: 6_358_000 },
  {
    key: 'SURVIVOR_WAR_INVALID_61',
    label: 'Tuất thân nhân thương binh, bệnh binh từ 61% từ trần',
    amount: 1_565_000,
  },
  {
    key: 'SURVIVOR_CARE',
    label: 'Trợ cấp tuất nuôi dưỡng thân nhân thương binh, bệnh binh',
    amount: 2_231_000,
  },
  { key: 'IMPRISONED_BY_ENEMY', label: 'Người bị địch bắt tù, đày', amount: 1_673_000 },
];

/** Appendix II (war invalids) points read in the sources at 2,789,000: DOMAIN.md, exactly. */
export const APPENDIX_II_SOURCED_AT_2789: Record<number, number> = {
  21: 1_878_000,
  30: 2_683_000,
  40: 3_576_000,
  50: 4_469_000,
  60: 5_364_000,
  61: 5_450_000,
  70: 6_257_000,
  80: 7_150_000,
  81: 7_240_000,
  90: 8_050_000,
  100: 8_941_000,
};

/** Appendix III (type-B war invalids) points read in the research at 2,789,000. */
export const APPENDIX_III_SOURCED_AT_2789: Record<number, number> = { 21: 1_552_000, 100: 7_397_000 };

/** Sick-soldier bands at 2,789,000 (DOMAIN.md / research §8.2, all six sourced). */
export const SICK_SOLDIER_BANDS_AT_2789: Array<{ from: number; to: number; amount: number }> = [
  { from: 41, to: 50, amount: 2_911_000 },
  { from: 51, to: 60, amount: 3_627_000 },
  { from: 61, to: 70, amount: 4_622_000 },
  { from: 71, to: 80, amount: 5_329_000 },
  { from: 81, to: 90, amount: 6_378_000 },
  { from: 91, to: 100, amount: 7_104_000 },
];
