/** The allowance rules as data: every value carries its effective date and legal basis, and says how sure it is. */

export const BENEFIT_SCHEMES = ['SOCIAL_ASSISTANCE', 'MERIT'] as const;
export type BenefitScheme = (typeof BENEFIT_SCHEMES)[number];

export const RATE_SCOPES = ['NATIONAL', 'PROVINCE'] as const;
export type RateScope = (typeof RATE_SCOPES)[number];

/**
 * A base level (mức chuẩn) in force from `effectiveFrom` until the next version of the same scheme and scope.
 * A PROVINCE version (People's Council resolution) applies only where it is higher than the national one.
 */
export interface BaseLevelVersion {
  scheme: BenefitScheme;
  scope: RateScope;
  /** Province admin unit for PROVINCE scope; null for NATIONAL. */
  unitId: string | null;
  amount: number;
  effectiveFrom: string;
  legalBasis: string;
  /** Single or third-party source only: keep it configurable and visible. */
  unconfirmed: boolean;
  note?: string;
}

/** Social-assistance coefficient of a target group (Decree 20/2021 art. 6), in hundredths. */
export interface SocialAssistanceGroup {
  code: string;
  coefficientHundredths: number;
  legalBasis: string;
  description: string;
  /** K4: the coefficient applies per child raised. */
  perChild?: boolean;
  /** The art. 6(2) exception: a poor single parent (K4) keeps K4 on top of one of these partner groups. */
  exceptionRole?: 'SINGLE_PARENT' | 'PARTNER';
}

export const MERIT_TABLES = ['APPENDIX_I', 'APPENDIX_II', 'APPENDIX_III', 'SICK_SOLDIER'] as const;
/** Appendix I by category, II war invalids by each %, III type-B war invalids by each %, sick-soldier bands. */
export type MeritTable = (typeof MERIT_TABLES)[number];

/** How a table amount was obtained: read in a source, a fixed multiple of the base, or computed by us. */
export const AMOUNT_ORIGINS = ['SOURCED', 'MULTIPLE_OF_BASE', 'INTERPOLATED', 'SCALED'] as const;
export type AmountOrigin = (typeof AMOUNT_ORIGINS)[number];

export interface MeritTableRow {
  table: MeritTable;
  key: string;
  label: string;
  amount: number;
  origin: AmountOrigin;
  /** For MULTIPLE_OF_BASE: the multiple in hundredths (3 × base → 300). */
  baseMultipleHundredths?: number;
}

/** A decree's preferential base and its whole appendix tables. */
export interface MeritTableVersion {
  base: BaseLevelVersion;
  rows: MeritTableRow[];
}

/**
 * Which base a funeral rule multiplies: the social-assistance base (mức chuẩn trợ giúp xã hội), the preferential
 * base (mức chuẩn trợ cấp ưu đãi) or the statutory base salary (mức lương cơ sở, `benefit_statutory_base_salaries`).
 */
export const FUNERAL_BASE_KINDS = ['SOCIAL_ASSISTANCE_BASE', 'MERIT_BASE', 'STATUTORY_BASE_SALARY'] as const;
export type FuneralBaseKind = (typeof FUNERAL_BASE_KINDS)[number];

/** One-off funeral support: `multipleHundredths` × the base named by `baseKind` in force on the date of death. */
export interface FuneralRule {
  scheme: BenefitScheme;
  multipleHundredths: number;
  baseKind: FuneralBaseKind;
  effectiveFrom: string;
  legalBasis: string;
  unconfirmed: boolean;
  note?: string;
}

/** The statutory base salary (mức lương cơ sở), national, in force from `effectiveFrom` until the next version. */
export interface StatutoryBaseSalaryVersion {
  amount: number;
  effectiveFrom: string;
  legalBasis: string;
  unconfirmed: boolean;
  note?: string;
}

/** Payment calendar (Decree 20/2021 art. 34; Circular 101/2018 art. 15) as data. */
export interface PaymentCalendarRule {
  /** The list and funds for month M go out before day `listDueDay` of month M + `listDueMonthOffset`. */
  listDueMonthOffset: number;
  listDueDay: number;
  /** The payer reports who was and was not paid before day `reportDueDay` of month M + `reportDueMonthOffset`. */
  reportDueMonthOffset: number;
  reportDueDay: number;
  /** Consecutive months not collected after which the allowance is suspended. */
  suspendAfterUncollectedMonths: number;
  legalBasis: string;
}

/** What the calculator answers: the amount and why. */
export interface AmountExplanation {
  amount: number;
  scheme: BenefitScheme;
  ruleKey: string;
  /** The base level used (VND/month). */
  rate: number;
  /** Social assistance: the coefficient in hundredths (× children for K4); merit: null (fixed table amount). */
  coefficientHundredths: number | null;
  legalBasis: string;
  /** The month paid, and the version of the rule in force for it. */
  period: { month: string; ruleEffectiveFrom: string; ruleEffectiveTo: string | null };
  origin: AmountOrigin | 'COEFFICIENT';
  unconfirmed: boolean;
  /** Funeral support: which base `rate` is (the other rules use their scheme's base). */
  baseKind?: FuneralBaseKind;
  text: string;
}
