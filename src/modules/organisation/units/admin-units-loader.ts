import { DomainException } from 'src/common/errors/domain.exception';
import { POST_2025_FROM, PRE_2025_TO } from 'src/modules/organisation/entities/admin-unit.entity';
import {
  parseAdminUnitFile,
  type AdminUnitFiles,
  type Row,
} from 'src/modules/organisation/units/admin-units-csv';

type Query = <T = unknown>(sql: string, params?: unknown[]) => Promise<T>;

/** Start of validity recorded for the old list (its catalogue date is 1 March 2025; earlier history is not held). */
export const PRE_2025_FROM = '2008-01-01';

export interface AdminUnitImportResult {
  provincesOld: number;
  districtsOld: number;
  communesOld: number;
  provinces2025: number;
  communes2025: number;
  communeSuccessions: number;
  specialDistrictSuccessions: number;
  provinceSuccessions: number;
}

const col = (rows: Row[], key: string): string[] => rows.map((r) => r[key]);

/**
 * Upserts units of one level in ONE statement (unnest of column arrays), resolving the parent by era+code. Rows
 * whose parent is neither in the files nor in the database make the whole import fail (nothing is written).
 */
async function upsertUnits(
  query: Query,
  era: 'PRE_2025' | 'POST_2025',
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE',
  rows: Row[],
  parentColumn: string | null,
  parentEra: 'PRE_2025' | 'POST_2025' = era,
): Promise<number> {
  if (rows.length === 0) return 0;
  const codes = col(rows, 'code');
  if (new Set(codes).size !== codes.length)
    throw new DomainException('ADMIN_UNIT_IMPORT_INVALID', `A ${era} ${level} code appears twice in the file`);
  const parents = parentColumn ? col(rows, parentColumn) : rows.map(() => null);
  const [validFrom, validTo] = era === 'PRE_2025' ? [PRE_2025_FROM, PRE_2025_TO] : [POST_2025_FROM, null];
  const inserted = await query<Array<{ code: string }>>(
    `insert into admin_units (era, code, level, name, short_name, unit_type, parent_id, valid_from, valid_to)
     select $1, r.code, $2, r.name, r.short_name, r.unit_type, p.id, $8::date, $9::date
       from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
            as r(code, name, short_name, unit_type, parent_code)
       left join admin_units p on p.era = $10 and p.code = r.parent_code
      where r.parent_code is null or p.id is not null
     on conflict (era, code) do update set level = excluded.level, name = excluded.name,
       short_name = excluded.short_name, unit_type = excluded.unit_type, parent_id = excluded.parent_id,
       valid_from = excluded.valid_from, valid_to = excluded.valid_to
     returning code`,
    [era, level, col(rows, 'code'), col(rows, 'name'), col(rows, 'short_name'), col(rows, 'type'), parents,
      validFrom, validTo, parentEra],
  );
  if (inserted.length !== rows.length) {
    const done = new Set(inserted.map((r) => r.code));
    const missing = rows.filter((r) => !done.has(r.code)).slice(0, 10);
    throw new DomainException(
      'ADMIN_UNIT_IMPORT_INVALID',
      `${rows.length - inserted.length} ${era} ${level} rows name a parent that does not exist, e.g. ` +
        missing.map((r) => `${r.code}→${parentColumn ? r[parentColumn] : ''}`).join(', '),
    );
  }
  return inserted.length;
}

/** Upserts succession pairs in one statement, resolving both ends by era+code; unknown codes fail the import. */
async function upsertSuccessions(
  query: Query,
  pairs: Array<{ oldCode: string; newCode: string; coverage: string }>,
  label: string,
): Promise<number> {
  if (pairs.length === 0) return 0;
  if (new Set(pairs.map((p) => `${p.oldCode}>${p.newCode}`)).size !== pairs.length)
    throw new DomainException('ADMIN_UNIT_IMPORT_INVALID', `A ${label} pair appears twice`);
  const rows = await query<Array<{ n: number }>>(
    `with input as (
       select * from unnest($1::text[], $2::text[], $3::text[]) as r(old_code, new_code, coverage)
     ), resolved as (
       select o.id as old_id, n.id as new_id, upper(r.coverage) as coverage
         from input r
         join admin_units o on o.era = 'PRE_2025' and o.code = r.old_code
         join admin_units n on n.era = 'POST_2025' and n.code = r.new_code
     ), upserted as (
       insert into admin_unit_successions (old_unit_id, new_unit_id, coverage, effective_from)
       select old_id, new_id, coverage, $4::date from resolved
       on conflict (old_unit_id, new_unit_id) do update set coverage = excluded.coverage,
         effective_from = excluded.effective_from
       returning 1
     ) select count(*)::int as n from upserted`,
    [pairs.map((p) => p.oldCode), pairs.map((p) => p.newCode), pairs.map((p) => p.coverage), POST_2025_FROM],
  );
  if (rows[0].n !== pairs.length)
    throw new DomainException(
      'ADMIN_UNIT_IMPORT_INVALID',
      `${pairs.length - rows[0].n} ${label} pairs name a unit that does not exist`,
    );
  return rows[0].n;
}

/**
 * Loads the lists set-based (one statement per level, in the caller's transaction): old provinces → districts →
 * communes, new provinces → communes, then the successions (commune pairs, the special districts that became
 * đặc khu, and old province → new province from `successor_province_code`).
 */
export async function loadAdminUnits(query: Query, files: AdminUnitFiles): Promise<AdminUnitImportResult> {
  const parsed = Object.fromEntries(
    Object.entries(files)
      .filter(([, text]) => typeof text === 'string' && text.length > 0)
      .map(([kind, text]) => [kind, parseAdminUnitFile(kind as keyof AdminUnitFiles, text as string)]),
  ) as Partial<Record<keyof AdminUnitFiles, Row[]>>;
  const provincesOld = parsed.provincesOld ?? [];
  const units = {
    provincesOld: await upsertUnits(query, 'PRE_2025', 'PROVINCE', provincesOld, null),
    districtsOld: await upsertUnits(query, 'PRE_2025', 'DISTRICT', parsed.districtsOld ?? [], 'province_code'),
    communesOld: await upsertUnits(query, 'PRE_2025', 'COMMUNE', parsed.communesOld ?? [], 'district_code'),
    provinces2025: await upsertUnits(query, 'POST_2025', 'PROVINCE', parsed.provinces2025 ?? [], null),
    communes2025: await upsertUnits(query, 'POST_2025', 'COMMUNE', parsed.communes2025 ?? [], 'province_code'),
  };
  const communePairs = (parsed.communeSuccession ?? []).map((r) => ({
    oldCode: r.old_commune_code,
    newCode: r.new_commune_code,
    coverage: r.coverage,
  }));
  const specialPairs = (parsed.districtSuccessionSpecial ?? []).map((r) => ({
    oldCode: r.old_district_code,
    newCode: r.new_commune_code,
    coverage: r.coverage,
  }));
  const provincePairs = provincesOld
    .filter((r) => r.successor_province_code)
    .map((r) => ({ oldCode: r.code, newCode: r.successor_province_code, coverage: 'full' }));
  return {
    ...units,
    communeSuccessions: await upsertSuccessions(query, communePairs, 'commune succession'),
    specialDistrictSuccessions: await upsertSuccessions(query, specialPairs, 'special district succession'),
    provinceSuccessions: await upsertSuccessions(query, provincePairs, 'province succession'),
  };
}
