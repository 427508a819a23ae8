import type { SqlQuery } from 'src/modules/imports/targets/import-target-definition';

type Query = SqlQuery;

const S = 'import_people_rows';

/**
 * Writes one chunk of classified rows into the registry with set-based statements. The chunk and its checkpoint
 * commit in one transaction, so a chunk is never applied twice; the statements are guarded anyway (ids fixed at
 * classification, `on conflict do nothing`, updates only where a value differs, a membership for an existing person
 * only where it is not already current). A new person's membership is inserted without the lookup (it has none):
 * were that chunk ever replayed, the exclusion constraint would fail it loudly rather than duplicate anything.
 */
export async function mergePeopleChunk(q: Query, importId: string, chunk: number, actor: string): Promise<void> {
  const ref = `import:${importId}`;
  await q(
    `insert into registry_households (code, residence_unit_id, address, source, source_ref, created_by)
     select distinct on (s.household_code) s.household_code, s.unit_id, s.address, 'IMPORT', $3, $4
       from ${S} s
      where s.import_id = $1 and s.chunk_no = $2 and s.action in ('CREATE', 'UPDATE') and s.household_code is not null
      order by s.household_code, (s.relationship = 'HEAD') desc, s.row_no
     on conflict (code) do nothing`,
    [importId, chunk, ref, actor],
  );
  await q(
    `insert into registry_people (id, cccd, full_name, birth_year, birth_date, gender, ethnicity, residence_unit_id,
                                  address, phone, source, source_ref, created_by)
     select s.person_id, s.cccd, s.full_name, s.birth_year, s.birth_date, s.gender, s.ethnicity, s.unit_id,
            s.address, s.phone, 'IMPORT', $3, $4
       from ${S} s
      where s.import_id = $1 and s.chunk_no = $2 and s.action = 'CREATE'
     on conflict do nothing`,
    [importId, chunk, ref, actor],
  );
  await q(
    `update registry_people p set
        full_name = s.full_name,
        birth_year = s.birth_year,
        birth_date = case when s.birth_date is not null then s.birth_date
                          when s.birth_year = p.birth_year then p.birth_date end,
        gender = s.gender,
        cccd = coalesce(p.cccd, s.cccd),
        ethnicity = coalesce(s.ethnicity, p.ethnicity),
        residence_unit_id = coalesce(s.unit_id, p.residence_unit_id),
        address = coalesce(s.address, p.address),
        phone = coalesce(s.phone, p.phone),
        updated_by = $3, updated_at = now(), version = p.version + 1
       from ${S} s
      where s.import_id = $1 and s.chunk_no = $2 and s.action = 'UPDATE' and p.id = s.person_id
        and (p.full_name, p.birth_year, p.gender, p.birth_date, p.cccd, p.ethnicity, p.residence_unit_id, p.address,
             p.phone) is distinct from
            (s.full_name, s.birth_year, s.gender,
             case when s.birth_date is not null then s.birth_date when s.birth_year = p.birth_year then p.birth_date end,
             coalesce(p.cccd, s.cccd), coalesce(s.ethnicity, p.ethnicity), coalesce(s.unit_id, p.residence_unit_id),
             coalesce(s.address, p.address), coalesce(s.phone, p.phone))`,
    [importId, chunk, actor],
  );
  // moves: close the current membership in the other household the day the new one starts
  await q(
    `update registry_household_members m set valid_to = s.member_from, end_reason = 'MOVED'
       from ${S} s join registry_households h on h.code = s.household_code
      where s.import_id = $1 and s.chunk_no = $2 and s.membership_action = 'MOVE'
        and s.action in ('CREATE', 'UPDATE')
        and m.person_id = s.person_id and m.valid_to is null and m.household_id <> h.id`,
    [importId, chunk],
  );
  await q(
    `insert into registry_household_members (household_id, person_id, relationship, valid_from, source, source_ref,
                                             created_by)
     select h.id, s.person_id, s.relationship, s.member_from, 'IMPORT', $3, $4
       from ${S} s join registry_households h on h.code = s.household_code
      where s.import_id = $1 and s.chunk_no = $2 and s.membership_action in ('JOIN', 'MOVE')
        and (s.action = 'CREATE'
             or (s.action = 'UPDATE' and not exists (select 1 from registry_household_members c
                  where c.person_id = s.person_id and c.household_id = h.id and c.valid_to is null)))`,
    [importId, chunk, ref, actor],
  );
}
