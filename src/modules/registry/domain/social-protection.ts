import { DomainException } from 'src/common/errors/domain.exception';
import { ageOn, dateOfTurning, type BirthDate } from 'src/modules/registry/domain/birth-date';
import {
  AGE_THRESHOLDS,
  CHILD_MAX_AGE,
  COEFFICIENT_BANDS,
  ELDERLY_MIN_AGE,
  type CoefficientBand,
  type DisabilityLevel,
  type SocialProtectionBasis,
} from 'src/modules/registry/domain/social-protection.data';

/** What the decision recognised about a subject; the band in force on a date follows from it and the age. */
export interface SocialProtectionProfile {
  birth: BirthDate;
  bases: SocialProtectionBasis[];
  disabilityLevel?: DisabilityLevel | null;
  /** K1 aged 16–22: still studying for a first degree. */
  studying?: boolean;
  /** K4: number of children raised (under 16, or 16–22 studying). */
  childrenRaised?: number;
}

export interface Entitlement {
  bandCode: string;
  basis: SocialProtectionBasis;
  coefficient: number;
  legalRef: string;
}

export interface GroupOnDate {
  date: string;
  age: number;
  entitlements: Entitlement[];
  /** What is paid: the single highest entitlement, plus K4 when it stacks (Đ6 k2). */
  payable: Entitlement[];
  coefficient: number;
  explanation: string;
}

/** A poor single parent who is also elderly, disabled or HIV-positive gets both (Decree 20/2021 art. 6 cl. 2). */
const STACKS_WITH_K4: ReadonlySet<SocialProtectionBasis> = new Set<SocialProtectionBasis>([
  'K5A_ELDERLY_POOR_NO_SUPPORTER',
  'K5B_ELDERLY_75_80_DIFFICULT_AREA',
  'K5C_ELDERLY_80_NO_PENSION',
  'K5D_ELDERLY_COMMUNITY_CARE',
  'K6_DISABILITY',
  'K8_HIV_POOR',
]);

function bandApplies(b: CoefficientBand, p: SocialProtectionProfile, age: number): boolean {
  if (b.minAge !== undefined && age < b.minAge) return false;
  if (b.maxAge !== undefined && age >= b.maxAge) return false;
  if (b.requiresStudying && !p.studying) return false;
  if (b.disabilityLevel !== undefined) {
    if (p.disabilityLevel !== b.disabilityLevel) return false;
    const childOrElderly = age < CHILD_MAX_AGE || age >= ELDERLY_MIN_AGE;
    if (b.childOrElderly !== childOrElderly) return false;
  }
  return true;
}

export function validateProfile(p: SocialProtectionProfile): void {
  if (p.bases.includes('K6_DISABILITY') && !p.disabilityLevel)
    throw new DomainException(
      'SOCIAL_PROTECTION_PROFILE_INVALID',
      'A disability subject needs a disability level',
    );
  if (p.bases.includes('K4_SINGLE_PARENT_POOR') && !(p.childrenRaised && p.childrenRaised > 0))
    throw new DomainException(
      'SOCIAL_PROTECTION_PROFILE_INVALID',
      'A single-parent subject needs the number of children',
    );
}

/** The group(s) and coefficient in force on `date` ('YYYY-MM-DD'). */
export function groupOnDate(
  p: SocialProtectionProfile,
  date: string,
  bands = COEFFICIENT_BANDS,
): GroupOnDate {
  validateProfile(p);
  const age = ageOn(p.birth, date);
  const entitlements: Entitlement[] = bands
    .filter((b) => p.bases.includes(b.basis) && bandApplies(b, p, age))
    .map((b) => ({
      bandCode: b.bandCode,
      basis: b.basis,
      coefficient: b.perChild ? b.coefficient * (p.childrenRaised ?? 0) : b.coefficient,
      legalRef: b.legalRef,
    }));
  const k4 = entitlements.find((e) => e.basis === 'K4_SINGLE_PARENT_POOR');
  const others = entitlements.filter((e) => e.basis !== 'K4_SINGLE_PARENT_POOR');
  const best = [...entitlements].sort(
    (a, b) => b.coefficient - a.coefficient || a.bandCode.localeCompare(b.bandCode),
  )[0];
  const bestOther = [...others].sort(
    (a, b) => b.coefficient - a.coefficient || a.bandCode.localeCompare(b.bandCode),
  )[0];
  let payable: Entitlement[] = best ? [best] : [];
  if (k4 && bestOther && STACKS_WITH_K4.has(bestOther.basis)) payable = [bestOther, k4];
  const coefficient = Math.round(payable.reduce((s, e) => s + e.coefficient, 0) * 100) / 100;
  const explanation =
    entitlements.length === 0
      ? `Age ${age} on ${date}: no group of ${p.bases.join(', ')} applies`
      : `Age ${age} on ${date}: entitled as ${entitlements.map((e) => `${e.bandCode} ×${e.coefficient}`).join(', ')}; ` +
        (payable.length > 1
          ? `single parent stacks with ${payable[0].bandCode} (Đ6 k2) → ×${coefficient}`
          : `the highest applies → ${payable[0].bandCode} ×${coefficient}`);
  return { date, age, entitlements, payable, coefficient, explanation };
}

export interface GroupPeriod {
  from: string;
  /** Exclusive end, or null when open. */
  to: string | null;
  bandCodes: string[];
  coefficient: number;
}

/**
 * The sequence of groups between `from` and `to` (exclusive; null = 100 years on): the band changes only on the
 * birthdays in AGE_THRESHOLDS, so the timeline is evaluated at those dates.
 */
export function groupTimeline(p: SocialProtectionProfile, from: string, to: string | null): GroupPeriod[] {
  const end = to ?? dateOfTurning(p.birth, 120);
  const cuts = AGE_THRESHOLDS.map((a) => dateOfTurning(p.birth, a)).filter((d) => d > from && d < end);
  const starts = [from, ...[...new Set(cuts)].sort()];
  const periods: GroupPeriod[] = [];
  for (const [i, start] of starts.entries()) {
    const g = groupOnDate(p, start);
    const codes = g.payable.map((e) => e.bandCode);
    const last = periods.at(-1);
    if (last && last.coefficient === g.coefficient && last.bandCodes.join() === codes.join()) {
      last.to = starts[i + 1] ?? to;
      continue;
    }
    if (last) last.to = start;
    periods.push({ from: start, to: starts[i + 1] ?? to, bandCodes: codes, coefficient: g.coefficient });
  }
  return periods;
}
