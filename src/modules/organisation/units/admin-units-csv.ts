import { parse } from 'csv-parse/sync';
import { DomainException } from 'src/common/errors/domain.exception';

/**
 * The CSV files of the national administrative-unit lists (same names and columns as `data/admin-units/`), as
 * text. Any subset may be given (a province's own lists): references are resolved against the files and the
 * units already in the database.
 */
export interface AdminUnitFiles {
  provincesOld?: string;
  districtsOld?: string;
  communesOld?: string;
  provinces2025?: string;
  communes2025?: string;
  communeSuccession?: string;
  districtSuccessionSpecial?: string;
}

export const FILE_COLUMNS: Record<keyof AdminUnitFiles, string[]> = {
  provincesOld: ['code', 'name', 'type', 'parent_code', 'short_name', 'successor_province_code'],
  districtsOld: ['code', 'name', 'type', 'province_code', 'short_name'],
  communesOld: ['code', 'name', 'type', 'district_code', 'short_name', 'province_code'],
  provinces2025: ['code', 'name', 'type', 'merged_from', 'short_name'],
  communes2025: ['code', 'name', 'type', 'province_code', 'short_name'],
  communeSuccession: ['old_commune_code', 'new_commune_code', 'coverage', 'old_province_code', 'new_province_code'],
  districtSuccessionSpecial: [
    'old_district_code',
    'new_commune_code',
    'coverage',
    'old_province_code',
    'new_province_code',
  ],
};

export const FILE_NAMES: Record<keyof AdminUnitFiles, string> = {
  provincesOld: 'provinces_old.csv',
  districtsOld: 'districts_old.csv',
  communesOld: 'communes_old.csv',
  provinces2025: 'provinces_2025.csv',
  communes2025: 'communes_2025.csv',
  communeSuccession: 'commune_succession.csv',
  districtSuccessionSpecial: 'district_succession_special.csv',
};

const CODE_LENGTH: Record<string, number> = {
  code: 0,
  province_code: 2,
  district_code: 3,
  old_province_code: 2,
  new_province_code: 2,
  successor_province_code: 2,
  old_commune_code: 5,
  new_commune_code: 5,
  old_district_code: 3,
};

export type Row = Record<string, string>;

/** Parses one file, checking the header and that codes are digit strings of the right length. */
export function parseAdminUnitFile(kind: keyof AdminUnitFiles, text: string): Row[] {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new DomainException('ADMIN_UNIT_IMPORT_INVALID', `${FILE_NAMES[kind]}: ${(error as Error).message}`);
  }
  const [header, ...body] = rows;
  const expected = FILE_COLUMNS[kind];
  if (!header || header.join(',') !== expected.join(','))
    throw new DomainException(
      'ADMIN_UNIT_IMPORT_INVALID',
      `${FILE_NAMES[kind]}: the header must be ${expected.join(',')}`,
    );
  return body.map((cells, index) => {
    const row: Row = Object.fromEntries(expected.map((column, i) => [column, cells[i].normalize('NFC')]));
    for (const [column, length] of Object.entries(CODE_LENGTH)) {
      const value = row[column];
      if (value === undefined || (value === '' && column !== 'code')) continue;
      const ok = length === 0 ? /^\d{2,5}$/.test(value) : new RegExp(`^\\d{${length}}$`).test(value);
      if (!ok)
        throw new DomainException(
          'ADMIN_UNIT_IMPORT_INVALID',
          `${FILE_NAMES[kind]} line ${index + 2}: ${column} "${value.slice(0, 20)}" is not a code of the right length`,
        );
    }
    if ('coverage' in row && !['full', 'partial'].includes(row.coverage))
      throw new DomainException('ADMIN_UNIT_IMPORT_INVALID', `${FILE_NAMES[kind]} line ${index + 2}: bad coverage`);
    if (!row.name && 'name' in row)
      throw new DomainException('ADMIN_UNIT_IMPORT_INVALID', `${FILE_NAMES[kind]} line ${index + 2}: empty name`);
    return row;
  });
}
