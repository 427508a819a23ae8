import { DomainException } from 'src/common/errors/domain.exception';
import { HOUSEHOLD_MEMBERS_TARGET } from 'src/modules/imports/targets/household-members.target';
import type { ImportTargetDefinition } from 'src/modules/imports/targets/import-target-definition';
import { LEGACY_DOSSIERS_TARGET } from 'src/modules/imports/targets/legacy-dossiers.target';
import { MERIT_PROFILES_TARGET } from 'src/modules/imports/targets/merit-profiles.target';
import { PAYMENT_ACCOUNTS_TARGET } from 'src/modules/imports/targets/payment-accounts.target';
import { PEOPLE_TARGET } from 'src/modules/imports/targets/people.target';
import { POVERTY_REVIEWS_TARGET } from 'src/modules/imports/targets/poverty-reviews.target';
import { SOCIAL_PROTECTION_TARGET } from 'src/modules/imports/targets/social-protection.target';

/**
 * Every import target, in the order the API lists them. To add one: write `targets/<name>.target.ts` exporting an
 * ImportTargetDefinition, add its staging table in a migration, and append it here (one line).
 */
export const IMPORT_TARGET_DEFINITIONS = [
  PEOPLE_TARGET,
  HOUSEHOLD_MEMBERS_TARGET,
  POVERTY_REVIEWS_TARGET,
  MERIT_PROFILES_TARGET,
  SOCIAL_PROTECTION_TARGET,
  PAYMENT_ACCOUNTS_TARGET,
  LEGACY_DOSSIERS_TARGET,
] as const;

export type ImportTarget = (typeof IMPORT_TARGET_DEFINITIONS)[number]['code'];
export const IMPORT_TARGETS: readonly ImportTarget[] = IMPORT_TARGET_DEFINITIONS.map((t) => t.code);

/** The definition of a target code; IMPORT_TARGET_UNKNOWN for anything else. */
export function importTarget(code: string): ImportTargetDefinition {
  const found = (IMPORT_TARGET_DEFINITIONS as readonly ImportTargetDefinition[]).find((t) => t.code === code);
  if (!found) throw new DomainException('IMPORT_TARGET_UNKNOWN');
  return found;
}

export function isImportTarget(code: string): code is ImportTarget {
  return (IMPORT_TARGETS as readonly string[]).includes(code);
}
