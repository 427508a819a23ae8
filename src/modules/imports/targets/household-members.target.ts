import type { ImportTargetDefinition } from 'src/modules/imports/targets/import-target-definition';
import { PEOPLE_TARGET, peopleRowValidator } from 'src/modules/imports/targets/people.target';
import { HOUSEHOLD_MEMBERS_REQUIRED, type PeopleColumn } from 'src/modules/imports/targets/people-rows';

/**
 * Households with their members (hộ gia đình và thành viên): the people file where every row names its household
 * and the relationship to the head. Same staging table and set-based SQL as PEOPLE.
 */
export const HOUSEHOLD_MEMBERS_TARGET: ImportTargetDefinition<'HOUSEHOLD_MEMBERS', PeopleColumn> = {
  ...PEOPLE_TARGET,
  code: 'HOUSEHOLD_MEMBERS',
  labelVi: 'Hộ gia đình và thành viên',
  labelEn: 'Households with members',
  requiredColumns: HOUSEHOLD_MEMBERS_REQUIRED,
  rowValidator: () => Promise.resolve(peopleRowValidator(HOUSEHOLD_MEMBERS_REQUIRED)),
};
