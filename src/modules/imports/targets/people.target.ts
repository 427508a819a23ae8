import type { ImportTargetDefinition } from 'src/modules/imports/targets/import-target-definition';
import { classifyPeopleRows } from 'src/modules/imports/targets/people-classify';
import { mergePeopleChunk } from 'src/modules/imports/targets/people-merge';
import {
  HOUSEHOLD_CODE_INDEX,
  PEOPLE_COLUMNS,
  PEOPLE_REQUIRED,
  STAGING_COPY_COLUMNS,
  validatePeopleRow,
  type PeopleColumn,
} from 'src/modules/imports/targets/people-rows';

/** The notes of the people templates (accepted values). */
export const PEOPLE_TEMPLATE_NOTES = [
  'Ngày: dd/mm/yyyy hoặc chỉ năm (yyyy). Giới tính: Nam/Nữ. Quan hệ: Chủ hộ, Vợ, Chồng, Con, Bố, Mẹ, …',
];

/**
 * People (nhân khẩu), with or without a household: matched by CCCD, then by household code + name + birth year;
 * a household code creates the household and the membership. Shares its staging table and SQL with
 * HOUSEHOLD_MEMBERS, which only requires more columns.
 */
export const PEOPLE_TARGET: ImportTargetDefinition<'PEOPLE', PeopleColumn> = {
  code: 'PEOPLE',
  labelVi: 'Nhân khẩu',
  labelEn: 'People',
  columns: PEOPLE_COLUMNS,
  requiredColumns: PEOPLE_REQUIRED,
  templateNotes: PEOPLE_TEMPLATE_NOTES,
  roles: ['DATA_OFFICER', 'ADMIN'],
  staging: { table: 'import_people_rows', copyColumns: STAGING_COPY_COLUMNS },
  rowValidator: () => Promise.resolve(peopleRowValidator(PEOPLE_REQUIRED)),
  classify: classifyPeopleRows,
  mergeChunk: mergePeopleChunk,
  householdsToCreateSql: `count(distinct household_code) filter (where household_id is null
                            and action in ('CREATE', 'UPDATE'))`,
};

export function peopleRowValidator(
  required: readonly PeopleColumn[],
): Awaited<ReturnType<ImportTargetDefinition<string, PeopleColumn>['rowValidator']>> {
  return (row) => {
    const { staged, errors } = validatePeopleRow(required, row.importId, row.rowNo, row.header, row.cells, row.numeric);
    return { staged, errors, groupKey: staged[HOUSEHOLD_CODE_INDEX] as string | null };
  };
}
