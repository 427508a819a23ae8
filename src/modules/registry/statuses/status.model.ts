export const STATUS_KINDS = [
  'POVERTY',
  'MERIT',
  'MERIT_RELATIVE',
  'SOCIAL_PROTECTION',
  'SOCIAL_PENSION',
] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

export const STATUS_TABLES: Record<StatusKind, string> = {
  POVERTY: 'registry_poverty_statuses',
  MERIT: 'registry_merit_profiles',
  MERIT_RELATIVE: 'registry_merit_relatives',
  SOCIAL_PROTECTION: 'registry_social_protection_subjects',
  SOCIAL_PENSION: 'registry_social_pensions',
};

export type StatusEndReason = 'DECISION' | 'DEATH' | 'REVIEW' | 'SUPERSEDED';

/** One status period of a person or household, from `registry_status_periods`. */
export interface StatusPeriod {
  kind: StatusKind;
  id: string;
  value: string;
  personId: string | null;
  householdId: string | null;
  unitId: string | null;
  validFrom: string;
  /** Exclusive: the first day the status no longer holds. */
  validTo: string | null;
  decisionNumber: string;
  decisionDate: string;
  decisionSigner: string;
  dossierId: string | null;
  endReason: StatusEndReason | null;
}

export const STATUS_COLUMNS = `v.kind, v.id, v.value, v.person_id as "personId", v.household_id as "householdId",
  v.unit_id as "unitId", to_char(v.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(v.valid_to, 'YYYY-MM-DD') as "validTo",
  v.decision_number as "decisionNumber", to_char(v.decision_date, 'YYYY-MM-DD') as "decisionDate",
  v.decision_signer as "decisionSigner", v.dossier_id as "dossierId", v.end_reason as "endReason"`;

export const MERIT_CATEGORIES = [
  'PRE_1945_REVOLUTIONARY',
  'AUGUST_1945_REVOLUTIONARY',
  'MARTYR',
  'HEROIC_MOTHER',
  'HERO',
  'WAR_INVALID',
  'WAR_INVALID_TYPE_B',
  'SICK_SOLDIER',
  'TOXIC_CHEMICAL_VICTIM',
  'IMPRISONED_BY_ENEMY',
  'RESISTANCE_PARTICIPANT',
  'REVOLUTION_HELPER',
] as const;
export type MeritCategory = (typeof MERIT_CATEGORIES)[number];
export const MERIT_RELATIONSHIPS = ['FATHER', 'MOTHER', 'SPOUSE', 'CHILD', 'CARER', 'OTHER'] as const;
export type MeritRelationship = (typeof MERIT_RELATIONSHIPS)[number];
