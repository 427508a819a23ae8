/** Outcomes of death-registration dossiers (liên thông khai tử) as the benefits trigger records them. */
export const DEATH_REGISTRATION_OUTCOMES = [
  'GRANTED',
  'ALREADY_GRANTED',
  'NOT_QUALIFIED',
  'NO_FUNERAL_RULE',
  'NOT_A_FUNERAL_PROCEDURE',
  'NO_DECEASED_DATA',
  'PERSON_NOT_IN_REGISTRY',
  'NO_UNIT',
] as const;
export type DeathRegistrationOutcome = (typeof DEATH_REGISTRATION_OUTCOMES)[number];

export interface DeathRegistrationRecord {
  id: string;
  dossierId: string;
  dossierCode: string;
  procedureCode: string;
  personId: string | null;
  unitId: string | null;
  deathDate: string | null;
  outcome: DeathRegistrationOutcome;
  reason: string;
  oneOffId: string | null;
  deathRecorded: boolean;
  entitlementsEnded: number;
  createdAt: Date;
}
