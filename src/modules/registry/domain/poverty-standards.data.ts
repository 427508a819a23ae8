/**
 * Multidimensional poverty standards as versioned data (one entry per period). Values are VND per person per month.
 * - DECREE_07_2021: Decree 07/2021/NĐ-CP art. 3 (✔), applied 2022–2025 and continued for 2026 by Decree 351/2025.
 * - DECREE_351_2025: Decree 351/2025/NĐ-CP, 2027–2030 (✔ lines and the poor / near-poor rule; the indicator list
 *   beyond the employment and health dimensions was not retrieved, so it is flagged `unconfirmed` and meant to be
 *   replaced by configuration — see PovertyStandardsService).
 */
export type LivingArea = 'RURAL' | 'URBAN';

export interface PovertyIndicator {
  code: string;
  dimension: string;
  name: string;
  unconfirmed?: boolean;
}

export interface PovertyStandard {
  code: string;
  legalBasis: string;
  /** Survey years covered, inclusive. */
  fromYear: number;
  toYear: number;
  incomeLine: Record<LivingArea, number>;
  /** Upper income bound of the "average living standard" group; null when the standard does not (yet) say. */
  averageLivingStandardMax: Record<LivingArea, number> | null;
  /** Deprivations needed (with income at or below the line) to be poor. */
  minDeprivationsForPoor: number;
  indicators: PovertyIndicator[];
  unconfirmed?: boolean;
}

const DECREE_07_INDICATORS: PovertyIndicator[] = [
  { code: 'EMPLOYMENT', dimension: 'EMPLOYMENT', name: 'Việc làm' },
  { code: 'DEPENDANTS', dimension: 'EMPLOYMENT', name: 'Người phụ thuộc trong hộ gia đình' },
  { code: 'NUTRITION', dimension: 'HEALTH', name: 'Dinh dưỡng' },
  { code: 'HEALTH_INSURANCE', dimension: 'HEALTH', name: 'Bảo hiểm y tế' },
  { code: 'ADULT_EDUCATION', dimension: 'EDUCATION', name: 'Trình độ giáo dục của người lớn' },
  { code: 'CHILD_SCHOOLING', dimension: 'EDUCATION', name: 'Tình trạng đi học của trẻ em' },
  { code: 'HOUSING_QUALITY', dimension: 'HOUSING', name: 'Chất lượng nhà ở' },
  { code: 'HOUSING_AREA', dimension: 'HOUSING', name: 'Diện tích nhà ở bình quân đầu người' },
  { code: 'DRINKING_WATER', dimension: 'WATER_SANITATION', name: 'Nguồn nước sinh hoạt' },
  { code: 'LATRINE', dimension: 'WATER_SANITATION', name: 'Nhà tiêu hợp vệ sinh' },
  { code: 'TELECOM', dimension: 'INFORMATION', name: 'Sử dụng dịch vụ viễn thông' },
  { code: 'INFORMATION_ACCESS', dimension: 'INFORMATION', name: 'Phương tiện phục vụ tiếp cận thông tin' },
];

export const DEFAULT_POVERTY_STANDARDS: readonly PovertyStandard[] = [
  {
    code: 'DECREE_07_2021',
    legalBasis: 'Nghị định 07/2021/NĐ-CP, Điều 3 (kéo dài đến hết 2026 theo Nghị định 351/2025/NĐ-CP)',
    fromYear: 2022,
    toYear: 2026,
    incomeLine: { RURAL: 1_500_000, URBAN: 2_000_000 },
    averageLivingStandardMax: { RURAL: 2_250_000, URBAN: 3_000_000 },
    minDeprivationsForPoor: 3,
    indicators: DECREE_07_INDICATORS,
  },
  {
    code: 'DECREE_351_2025',
    legalBasis: 'Nghị định 351/2025/NĐ-CP (giai đoạn 2027–2030)',
    fromYear: 2027,
    toYear: 2030,
    incomeLine: { RURAL: 2_200_000, URBAN: 2_800_000 },
    averageLivingStandardMax: null,
    minDeprivationsForPoor: 3,
    // Employment and health dimensions are known; the rest is carried over from 07/2021 until configured.
    indicators: DECREE_07_INDICATORS.map((i) =>
      i.dimension === 'EMPLOYMENT' ? { ...i } : { ...i, unconfirmed: true },
    ),
    unconfirmed: true,
  },
];
