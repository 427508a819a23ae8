import { ageOn, type BirthDate } from 'src/modules/registry/domain/birth-date';
import type { PovertyClass } from 'src/modules/registry/domain/poverty-classification';

/**
 * Social pension (trợ cấp hưu trí xã hội), Social Insurance Law 2024 art. 21–22 and Decree 176/2025, in force from
 * 1 July 2025: a citizen aged 75 or more, or 70 to under 75 in a poor or near-poor household, who receives no
 * pension or monthly social-insurance allowance.
 */
export const SOCIAL_PENSION_FROM = '2025-07-01';
export const SOCIAL_PENSION_AGE = 75;
export const SOCIAL_PENSION_AGE_POOR = 70;

export interface SocialPensionInput {
  birth: BirthDate;
  date: string;
  /** The household's poverty class in force on the date, if any. */
  householdPovertyClass: PovertyClass | null;
  receivesPension: boolean;
}

export interface SocialPensionEligibility {
  eligible: boolean;
  age: number;
  explanation: string;
}

export function socialPensionEligibility(i: SocialPensionInput): SocialPensionEligibility {
  const age = ageOn(i.birth, i.date);
  const no = (why: string): SocialPensionEligibility => ({ eligible: false, age, explanation: why });
  if (i.date < SOCIAL_PENSION_FROM) return no(`The social pension exists from ${SOCIAL_PENSION_FROM}`);
  if (i.receivesPension)
    return no(`Age ${age}, but receives a pension or monthly social-insurance allowance`);
  if (age >= SOCIAL_PENSION_AGE)
    return { eligible: true, age, explanation: `Age ${age} ≥ ${SOCIAL_PENSION_AGE}, no pension` };
  const poor = i.householdPovertyClass === 'POOR' || i.householdPovertyClass === 'NEAR_POOR';
  if (age >= SOCIAL_PENSION_AGE_POOR && poor)
    return {
      eligible: true,
      age,
      explanation: `Age ${age} (70–75) in a ${i.householdPovertyClass === 'POOR' ? 'poor' : 'near-poor'} household, no pension`,
    };
  if (age >= SOCIAL_PENSION_AGE_POOR)
    return no(`Age ${age} (70–75) but the household is not poor or near-poor`);
  return no(`Age ${age} is under ${SOCIAL_PENSION_AGE_POOR}`);
}
