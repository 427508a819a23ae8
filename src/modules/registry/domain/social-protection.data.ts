/**
 * Decree 20/2021/NĐ-CP art. 5 target groups and art. 6 coefficients, as data. A `bandCode` is the group in force
 * for one age band / disability level; the registry derives the band on any date from the subject's profile.
 * Ages: `minAge` inclusive, `maxAge` exclusive, completed years.
 */
export const SOCIAL_PROTECTION_BASES = [
  'K1_CHILD_NO_SUPPORT',
  'K3_CHILD_HIV_POOR',
  'K4_SINGLE_PARENT_POOR',
  'K5A_ELDERLY_POOR_NO_SUPPORTER',
  'K5B_ELDERLY_75_80_DIFFICULT_AREA',
  'K5C_ELDERLY_80_NO_PENSION',
  'K5D_ELDERLY_COMMUNITY_CARE',
  'K6_DISABILITY',
  'K7_CHILD_UNDER_3_DIFFICULT_AREA',
  'K8_HIV_POOR',
] as const;
export type SocialProtectionBasis = (typeof SOCIAL_PROTECTION_BASES)[number];

export const DISABILITY_LEVELS = ['SEVERE', 'ESPECIALLY_SEVERE'] as const;
export type DisabilityLevel = (typeof DISABILITY_LEVELS)[number];

export interface CoefficientBand {
  bandCode: string;
  basis: SocialProtectionBasis;
  legalRef: string;
  minAge?: number;
  maxAge?: number;
  /** K1 aged 16–22: only while studying (first degree). */
  requiresStudying?: boolean;
  disabilityLevel?: DisabilityLevel;
  /** K6: band for a child (< 16) or an elderly person (≥ 60). */
  childOrElderly?: boolean;
  coefficient: number;
  /** K4: the coefficient is per child raised. */
  perChild?: boolean;
}

/** Child: under 16; elderly: 60 and over (Law on Children 2016; Law on the Elderly 2009). */
export const CHILD_MAX_AGE = 16;
export const ELDERLY_MIN_AGE = 60;

export const COEFFICIENT_BANDS: readonly CoefficientBand[] = [
  {
    bandCode: 'K1_UNDER_4',
    basis: 'K1_CHILD_NO_SUPPORT',
    legalRef: 'Đ5 k1, Đ6 k1 a',
    maxAge: 4,
    coefficient: 2.5,
  },
  {
    bandCode: 'K1_4_TO_16',
    basis: 'K1_CHILD_NO_SUPPORT',
    legalRef: 'Đ5 k1, Đ6 k1 a',
    minAge: 4,
    maxAge: 16,
    coefficient: 1.5,
  },
  {
    bandCode: 'K2_16_TO_22_STUDYING',
    basis: 'K1_CHILD_NO_SUPPORT',
    legalRef: 'Đ5 k2, Đ6 k1 a',
    minAge: 16,
    maxAge: 22,
    requiresStudying: true,
    coefficient: 1.5,
  },
  {
    bandCode: 'K3_UNDER_4',
    basis: 'K3_CHILD_HIV_POOR',
    legalRef: 'Đ5 k3, Đ6 k1 b',
    maxAge: 4,
    coefficient: 2.5,
  },
  {
    bandCode: 'K3_4_TO_16',
    basis: 'K3_CHILD_HIV_POOR',
    legalRef: 'Đ5 k3, Đ6 k1 b',
    minAge: 4,
    maxAge: 16,
    coefficient: 2.0,
  },
  {
    bandCode: 'K4_SINGLE_PARENT',
    basis: 'K4_SINGLE_PARENT_POOR',
    legalRef: 'Đ5 k4, Đ6 k1 c',
    coefficient: 1.0,
    perChild: true,
  },
  {
    bandCode: 'K5A_60_TO_80',
    basis: 'K5A_ELDERLY_POOR_NO_SUPPORTER',
    legalRef: 'Đ5 k5 a, Đ6 k1 d',
    minAge: 60,
    maxAge: 80,
    coefficient: 1.5,
  },
  {
    bandCode: 'K5A_80_PLUS',
    basis: 'K5A_ELDERLY_POOR_NO_SUPPORTER',
    legalRef: 'Đ5 k5 a, Đ6 k1 d',
    minAge: 80,
    coefficient: 2.0,
  },
  {
    bandCode: 'K5B_75_TO_80',
    basis: 'K5B_ELDERLY_75_80_DIFFICULT_AREA',
    legalRef: 'Đ5 k5 b, Đ6 k1 d',
    minAge: 75,
    maxAge: 80,
    coefficient: 1.0,
  },
  {
    bandCode: 'K5C_80_PLUS',
    basis: 'K5C_ELDERLY_80_NO_PENSION',
    legalRef: 'Đ5 k5 c, Đ6 k1 d',
    minAge: 80,
    coefficient: 1.0,
  },
  {
    bandCode: 'K5D_COMMUNITY_CARE',
    basis: 'K5D_ELDERLY_COMMUNITY_CARE',
    legalRef: 'Đ5 k5 d, Đ6 k1 d',
    minAge: 60,
    coefficient: 3.0,
  },
  {
    bandCode: 'K6_ESPECIALLY_SEVERE',
    basis: 'K6_DISABILITY',
    legalRef: 'Đ5 k6, Đ6 k1 đ',
    disabilityLevel: 'ESPECIALLY_SEVERE',
    childOrElderly: false,
    coefficient: 2.0,
  },
  {
    bandCode: 'K6_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY',
    basis: 'K6_DISABILITY',
    legalRef: 'Đ5 k6, Đ6 k1 đ',
    disabilityLevel: 'ESPECIALLY_SEVERE',
    childOrElderly: true,
    coefficient: 2.5,
  },
  {
    bandCode: 'K6_SEVERE',
    basis: 'K6_DISABILITY',
    legalRef: 'Đ5 k6, Đ6 k1 đ',
    disabilityLevel: 'SEVERE',
    childOrElderly: false,
    coefficient: 1.5,
  },
  {
    bandCode: 'K6_SEVERE_CHILD_OR_ELDERLY',
    basis: 'K6_DISABILITY',
    legalRef: 'Đ5 k6, Đ6 k1 đ',
    disabilityLevel: 'SEVERE',
    childOrElderly: true,
    coefficient: 2.0,
  },
  {
    bandCode: 'K7_UNDER_3',
    basis: 'K7_CHILD_UNDER_3_DIFFICULT_AREA',
    legalRef: 'Đ5 k7, Đ6 k1 e',
    maxAge: 3,
    coefficient: 1.5,
  },
  {
    bandCode: 'K8_HIV_ADULT',
    basis: 'K8_HIV_POOR',
    legalRef: 'Đ5 k8, Đ6 k1 g',
    minAge: 16,
    coefficient: 1.5,
  },
];

/** Ages at which a subject's band can change: the registry re-derives the group on these birthdays. */
export const AGE_THRESHOLDS: readonly number[] = [3, 4, 16, 22, 60, 75, 80];
